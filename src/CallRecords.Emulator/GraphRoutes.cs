using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;

namespace CallRecords.Emulator;

/// <summary>
/// Everything under /v1.0 and /beta: latency, authentication, injected faults and throttling first, then the
/// documented call records routes with their paging and errors, and the subscriptions for their change
/// notifications. Under /beta only the call log functions v1.0 lacks are served. Paths are read from the raw request
/// target, because the log functions put parentheses, colons and (from the Graph SDK) percent-encoded offsets in a
/// path segment.
/// </summary>
public sealed partial class GraphRoutes
{
    public const int ListPageSize = 60;

    private readonly Tenant _tenant;
    private readonly CallLogs _logs;
    private readonly Stats _stats;
    private readonly Throttling _throttling;
    private readonly Faults _faults;
    private readonly EmulatorOptions _options;
    private readonly SubscriptionRoutes _subscriptions;

    public GraphRoutes(Tenant tenant, CallLogs logs, Stats stats, Throttling throttling, SubscriptionRoutes subscriptions)
    {
        _tenant = tenant;
        _logs = logs;
        _stats = stats;
        _subscriptions = subscriptions;
        _options = tenant.Options;
        _throttling = throttling;
        _faults = new Faults(_options);
    }

    private enum RouteKind
    {
        Unknown,
        ServiceRoot,
        List,
        Get,
        Sessions,
        Participants,
        Log,
        Subscriptions,
        Subscription,
        Reauthorize,
    }

    public async Task HandleAsync(HttpContext context)
    {
        _stats.Begin();
        if (context.Request.Headers.TryGetValue("client-request-id", out var clientRequestId))
        {
            context.Response.Headers["client-request-id"] = clientRequestId;
        }

        // A connection aborted before any response (the reset fault, a client gone) has no status to count.
        context.Response.OnStarting(() =>
        {
            _stats.Status(context.Response.StatusCode);
            return Task.CompletedTask;
        });
        try
        {
            await HandleCountedAsync(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (or a fault aborted the connection); there is no one to answer.
        }
        finally
        {
            _stats.End();
        }
    }

    private async Task HandleCountedAsync(HttpContext context)
    {
        if (_options.LatencyMs > 0)
        {
            await Task.Delay(_options.Scaled(TimeSpan.FromMilliseconds(_options.LatencyMs)), context.RequestAborted);
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : "";
        if (token.Length == 0 || (_options.Token is not null && token != _options.Token))
        {
            await JsonResponse.ErrorAsync(context, StatusCodes.Status401Unauthorized, "InvalidAuthenticationToken", token.Length == 0 ? "Access token is empty." : "Access token validation failure.");
            return;
        }

        if (_options.DenyPermissions)
        {
            // What Graph answers an app whose token lacks the application permission.
            await JsonResponse.ErrorAsync(context, StatusCodes.Status403Forbidden, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
            return;
        }

        var fault = _faults.Next();
        if (fault != Fault.None)
        {
            _stats.Fault();
        }

        switch (fault)
        {
            case Fault.TooManyRequests:
                await TooManyRequestsAsync(context, _options.Scaled(TimeSpan.FromSeconds(1)), "Too many requests (injected fault).");
                return;
            case Fault.ServiceUnavailable:
                await JsonResponse.ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", "The service is temporarily unavailable (injected fault).");
                return;
            case Fault.ConnectionReset:
                context.Abort();
                return;
        }

        // A truncation fault lets the request run and cuts its body short.
        var truncate = fault == Fault.TruncatedBody;
        var route = ParseRoute(context);
        var allowed = AllowedMethods(route.Kind);
        if (!allowed.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase))
        {
            context.Response.Headers.Allow = string.Join(", ", allowed);
            await JsonResponse.ErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed", $"{context.Request.Method} is not supported on this resource; the emulator serves {string.Join(", ", allowed)}.");
            return;
        }

        if (route.Kind == RouteKind.Unknown)
        {
            await JsonResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, "BadRequest", $"Resource not found for the segment '{route.Argument}'.");
            return;
        }

        var limits = route.Kind switch
        {
            RouteKind.Log when TryParseRange(route.Argument, out var from, out var to, out _) => _throttling.LogLimits(route.Function!.Kind, from, to),
            RouteKind.Log => [],
            RouteKind.List => Throttling.CallRecordLimits(null),
            RouteKind.Subscriptions or RouteKind.Subscription or RouteKind.Reauthorize => Throttling.SubscriptionLimits(),
            RouteKind.ServiceRoot => [],
            _ => Throttling.CallRecordLimits(route.Argument),
        };
        if (_throttling.Admit(limits) is { } wait)
        {
            await TooManyRequestsAsync(context, wait, "Too many requests.");
            return;
        }

        switch (route.Kind)
        {
            case RouteKind.ServiceRoot:
                await ServiceDocumentAsync(context, truncate);
                return;
            case RouteKind.List:
                await ListAsync(context, truncate);
                return;
            case RouteKind.Log:
                await LogAsync(context, route.Function!, route.Argument, truncate);
                return;
            case RouteKind.Subscriptions or RouteKind.Subscription or RouteKind.Reauthorize:
                await SubscriptionAsync(context, route, truncate);
                return;
        }

        if (!_tenant.TryGetVisible(route.Argument, out var call))
        {
            await JsonResponse.ErrorAsync(context, StatusCodes.Status404NotFound, "NotFound", $"Could not find the requested call record '{route.Argument}'. It may not exist, it may not have been created yet, or the call ended more than 30 days ago.");
            return;
        }

        if (route.Kind == RouteKind.Participants && !_options.ParticipantsV2)
        {
            await NoParticipantsV2Async(context);
            return;
        }

        await (route.Kind switch
        {
            RouteKind.Get => GetAsync(context, call, truncate),
            RouteKind.Sessions => SessionsAsync(context, call, truncate),
            _ => ParticipantsAsync(context, call, truncate),
        });
    }

    /// <summary>The methods a route serves: the call records API is read-only; subscriptions are made, renewed and deleted.</summary>
    private static string[] AllowedMethods(RouteKind kind) => kind switch
    {
        RouteKind.Subscriptions => [HttpMethods.Get, HttpMethods.Post],
        RouteKind.Subscription => [HttpMethods.Get, HttpMethods.Patch, HttpMethods.Delete],
        RouteKind.Reauthorize => [HttpMethods.Post],
        _ => [HttpMethods.Get],
    };

    private Task SubscriptionAsync(HttpContext context, Route route, bool truncate)
    {
        var method = context.Request.Method;
        return route.Kind switch
        {
            RouteKind.Subscriptions when HttpMethods.IsPost(method) => _subscriptions.CreateAsync(context, truncate),
            RouteKind.Subscriptions => _subscriptions.ListAsync(context, truncate),
            RouteKind.Reauthorize => _subscriptions.ReauthorizeAsync(context, route.Argument),
            _ when HttpMethods.IsPatch(method) => _subscriptions.RenewAsync(context, route.Argument, truncate),
            _ when HttpMethods.IsDelete(method) => _subscriptions.DeleteAsync(context, route.Argument),
            _ => _subscriptions.GetAsync(context, route.Argument, truncate),
        };
    }

    /// <summary>A 429 with Retry-After in whole seconds, at least 1 (HTTP has no fractions; a compressed run rounds up).</summary>
    private async Task TooManyRequestsAsync(HttpContext context, TimeSpan wait, string message)
    {
        _stats.Throttled();
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await JsonResponse.ErrorAsync(context, StatusCodes.Status429TooManyRequests, "TooManyRequests", message);
    }

    /// <summary>Which route a request is for, with its record id or function arguments (or the segment that matched nothing).</summary>
    private static Route ParseRoute(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        if (raw.StartsWith("http", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(raw, UriKind.Absolute, out var absolute))
        {
            raw = absolute.PathAndQuery;
        }

        var path = raw.Split('?', 2)[0];
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();

        // The first segment is v1.0 or beta: nothing else is routed here.
        var version = segments[0];
        var beta = version.Equals("beta", StringComparison.OrdinalIgnoreCase);
        if (segments.Length == 1)
        {
            return new(RouteKind.ServiceRoot, "");
        }

        if (!beta && segments.Length >= 2 && segments[1].Equals("subscriptions", StringComparison.OrdinalIgnoreCase))
        {
            var subscriptionPath = segments[2..];
            return subscriptionPath.Length switch
            {
                0 => new(RouteKind.Subscriptions, ""),
                1 => new(RouteKind.Subscription, subscriptionPath[0]),
                2 when subscriptionPath[1].Equals("reauthorize", StringComparison.OrdinalIgnoreCase)
                    || subscriptionPath[1].Equals("microsoft.graph.reauthorize", StringComparison.OrdinalIgnoreCase) => new(RouteKind.Reauthorize, subscriptionPath[0]),
                _ => new(RouteKind.Unknown, subscriptionPath[^1]),
            };
        }

        string[] prefix = [version, "communications", "callRecords"];
        for (var i = 0; i < prefix.Length; i++)
        {
            if (i >= segments.Length || !segments[i].Equals(prefix[i], StringComparison.OrdinalIgnoreCase))
            {
                return new(RouteKind.Unknown, i < segments.Length ? segments[i] : path);
            }
        }

        var rest = segments[prefix.Length..];
        if (rest.Length > 0
            && FunctionPattern().Match(rest[0]) is { Success: true } call
            && LogFunction.Find(call.Groups["name"].Value) is { } function
            && function.Version.Equals(version, StringComparison.OrdinalIgnoreCase))
        {
            return rest.Length == 1 ? new(RouteKind.Log, call.Groups["arguments"].Value, function) : new(RouteKind.Unknown, rest[1]);
        }

        if (beta || (rest.Length > 0 && rest[0].Contains('(', StringComparison.Ordinal)))
        {
            // A function this version does not have (the beta getSmsLog under v1.0, say), not a record id; beta's
            // call records, and its shapes of v1.0's functions, are not emulated.
            return new(RouteKind.Unknown, rest.Length > 0 ? rest[0] : path);
        }

        if (rest.Length == 0)
        {
            return new(RouteKind.List, "");
        }

        return rest.Length switch
        {
            1 => new(RouteKind.Get, rest[0]),
            2 when rest[1].Equals("sessions", StringComparison.OrdinalIgnoreCase) => new(RouteKind.Sessions, rest[0]),
            2 when rest[1].Equals("participants_v2", StringComparison.OrdinalIgnoreCase) => new(RouteKind.Participants, rest[0]),
            _ => new(RouteKind.Unknown, rest[^1]),
        };
    }

    /// <summary>The OData service document at the root, as Graph serves one, naming the entity sets the emulator has.</summary>
    private static Task ServiceDocumentAsync(HttpContext context, bool truncate) =>
        JsonResponse.WriteAsync(context, StatusCodes.Status200OK, JsonResponse.GraphContentType, w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", $"{ApiRoot(context)}$metadata");
            w.WriteStartArray("value");
            foreach (var (name, kind) in new[] { ("communications", "Singleton"), ("subscriptions", "EntitySet") })
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteString("kind", kind);
                w.WriteString("url", name);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }, truncate);

    private async Task ListAsync(HttpContext context, bool truncate)
    {
        var query = context.Request.Query;
        if (query.ContainsKey("$expand"))
        {
            await JsonResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, "BadRequest", "Query option 'Expand' is not allowed on the list of call records; get each record to expand it.");
            return;
        }

        var filterText = query["$filter"].ToString();
        if (!CallFilter.TryParse(filterText, out var filter, out var problem))
        {
            await JsonResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, "BadRequest", problem);
            return;
        }

        if (filter.ParticipantId is not null && !_options.ParticipantsV2)
        {
            await NoParticipantsV2Async(context);
            return;
        }

        if (!TryReadSkipToken(context, out var position, out var tokenPageSize))
        {
            await InvalidSkipTokenAsync(context);
            return;
        }

        // One published set of records for the whole page, even if calls are added or revised meanwhile.
        var visible = _tenant.Visible;
        if (tokenPageSize is null && filter.EarliestStart is { } earliest)
        {
            position = Tenant.FirstStartingFrom(visible, earliest);
        }

        var pageSize = PageSize(context, ListPageSize, tokenPageSize);
        var page = new List<CallRecordHeader>(pageSize);
        var next = -1;
        for (var i = position; i < visible.Count; i++)
        {
            var call = visible[i];
            if (filter.LatestStart is { } latest && call.Start > latest)
            {
                break;
            }

            if (!filter.Matches(call))
            {
                continue;
            }

            if (page.Count == pageSize)
            {
                next = i;
                break;
            }

            page.Add(call);
        }

        var apiRoot = ApiRoot(context);
        await JsonResponse.WriteAsync(context, StatusCodes.Status200OK, JsonResponse.GraphContentType, w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", $"{apiRoot}$metadata#communications/callRecords");
            w.WriteStartArray("value");
            foreach (var call in page)
            {
                CallRecordJson.WriteListed(w, call, apiRoot);
            }

            w.WriteEndArray();
            if (next >= 0)
            {
                var filterPart = filterText.Length > 0 ? "$filter=" + Uri.EscapeDataString(filterText) + "&" : "";
                w.WriteString("@odata.nextLink", $"{apiRoot}communications/callRecords?{filterPart}$skiptoken={SkipToken.Encode(next, pageSize)}");
            }

            w.WriteEndObject();
            _stats.Rows(page.Count);
        }, truncate);
    }

    private async Task GetAsync(HttpContext context, CallRecordHeader call, bool truncate)
    {
        bool sessions = false, segments = false, participants = false;
        foreach (var item in TopLevelItems(context.Request.Query["$expand"].ToString()))
        {
            var compact = WhiteSpace().Replace(item, "");
            if (compact.Equals("sessions", StringComparison.OrdinalIgnoreCase))
            {
                sessions = true;
            }
            else if (compact.Equals("sessions($expand=segments)", StringComparison.OrdinalIgnoreCase))
            {
                sessions = segments = true;
            }
            else if (compact.Equals("participants_v2", StringComparison.OrdinalIgnoreCase) && _options.ParticipantsV2)
            {
                participants = true;
            }
            else
            {
                await JsonResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, "BadRequest", $"Parsing OData Select and Expand failed: could not expand '{item}' on type 'microsoft.graph.callRecords.callRecord'. Expand sessions, sessions($expand=segments) or participants_v2.");
                return;
            }
        }

        var expansion = new RecordExpansion(
            sessions,
            segments,
            participants,
            PageSize(context, CallRecordJson.SessionsPageSize, null),
            PageSize(context, CallRecordJson.ParticipantsPageSize, null),
            _options.ParticipantsV2);
        var apiRoot = ApiRoot(context);
        await JsonResponse.WriteAsync(context, StatusCodes.Status200OK, JsonResponse.GraphContentType, w => _stats.Rows(CallRecordJson.WriteRecord(w, call, apiRoot, expansion)), truncate);
    }

    private async Task SessionsAsync(HttpContext context, CallRecordHeader call, bool truncate)
    {
        var expand = WhiteSpace().Replace(context.Request.Query["$expand"].ToString(), "");
        if (expand.Length > 0 && !expand.Equals("segments", StringComparison.OrdinalIgnoreCase))
        {
            await JsonResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, "BadRequest", $"Parsing OData Select and Expand failed: could not expand '{expand}' on type 'microsoft.graph.callRecords.session'. Expand segments.");
            return;
        }

        var withSegments = expand.Length > 0;
        await CollectionPageAsync(context, call, "sessions", CallRecordJson.SessionsPageSize, call.SessionCount, withSegments ? "$expand=segments&" : "", (w, i) => CallRecordJson.WriteSession(w, call, i, withSegments), truncate);
    }

    // What Graph answers in a cloud without participants_v2, for the segment, its $expand and its $filter alike.
    private static Task NoParticipantsV2Async(HttpContext context) =>
        JsonResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, "BadRequest", "Could not find a property named 'participants_v2' on type 'microsoft.graph.callRecords.callRecord'.");

    private Task ParticipantsAsync(HttpContext context, CallRecordHeader call, bool truncate) =>
        CollectionPageAsync(context, call, "participants_v2", CallRecordJson.ParticipantsPageSize, call.Participants.Length, "", (w, i) => CallRecordJson.WriteParticipant(w, call.Participants[i]), truncate);

    /// <summary>One page of a record's sessions or participants, with a nextLink while items remain.</summary>
    private async Task CollectionPageAsync(HttpContext context, CallRecordHeader call, string collection, int maximum, int count, string nextQuery, Action<Utf8JsonWriter, int> writeItem, bool truncate)
    {
        if (!TryReadSkipToken(context, out var position, out var tokenPageSize))
        {
            await InvalidSkipTokenAsync(context);
            return;
        }

        var pageSize = PageSize(context, maximum, tokenPageSize);
        var end = Math.Min(count, position + pageSize);
        var apiRoot = ApiRoot(context);
        await JsonResponse.WriteAsync(context, StatusCodes.Status200OK, JsonResponse.GraphContentType, w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", $"{apiRoot}$metadata#communications/callRecords('{call.Id}')/{collection}");
            w.WriteStartArray("value");
            for (var i = position; i < end; i++)
            {
                writeItem(w, i);
            }

            w.WriteEndArray();
            if (end < count)
            {
                w.WriteString("@odata.nextLink", $"{apiRoot}communications/callRecords/{call.Id}/{collection}?{nextQuery}$skiptoken={SkipToken.Encode(end, pageSize)}");
            }

            w.WriteEndObject();
            _stats.Rows(Math.Max(0, end - position));
        }, truncate);
    }

    /// <summary>
    /// A call log function. The nextLink names the function without its namespace, and under v1.0 names the
    /// parameters from/to, as the docs' examples do, so it differs from what any client sent: a client must follow
    /// it as given, never rebuild it.
    /// </summary>
    private async Task LogAsync(HttpContext context, LogFunction function, string arguments, bool truncate)
    {
        if (!TryParseRange(arguments, out var from, out var to, out var problem))
        {
            await JsonResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, "BadRequest", problem);
            return;
        }

        if (function.MaximumDays is { } days && to - from > TimeSpan.FromDays(days))
        {
            // Over the documented 90 days Graph answers 406 (microsoftgraph/microsoft-graph-docs pull request 10883, for getPstnCalls).
            await JsonResponse.ErrorAsync(context, StatusCodes.Status406NotAcceptable, "NotAcceptable", $"The range from {JsonFormat.Iso(from)} to {JsonFormat.Iso(to)} is longer than the {days} days {function.Name} allows.");
            return;
        }

        var skipText = context.Request.Query["$skip"].ToString();
        var skip = 0;
        if (skipText.Length > 0 && !int.TryParse(skipText, NumberStyles.None, CultureInfo.InvariantCulture, out skip))
        {
            await JsonResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, "BadRequest", $"Invalid $skip value '{skipText}'.");
            return;
        }

        (IReadOnlyList<IJsonRow> Rows, bool More) page = function.Kind == LogKind.PstnOnlineMeetingDialout
            ? _logs.DialoutPage(from, to, skip, CallLogs.PageSize)
            : _logs.Page(function.Kind, from, to, skip, CallLogs.PageSize);
        var (rows, more) = page;
        var apiRoot = ApiRoot(context);
        var (fromName, toName) = function.Version == "beta" ? ("fromDateTime", "toDateTime") : ("from", "to");
        await JsonResponse.WriteAsync(context, StatusCodes.Status200OK, JsonResponse.GraphContentType, w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", $"{apiRoot}$metadata#Collection(microsoft.graph.callRecords.{function.RowType})");
            w.WriteNumber("@odata.count", rows.Count);
            w.WriteStartArray("value");
            foreach (var row in rows)
            {
                row.Write(w);
            }

            w.WriteEndArray();
            if (more)
            {
                w.WriteString("@odata.nextLink", $"{apiRoot}communications/callRecords/{function.Name}({fromName}={JsonFormat.Iso(from)},{toName}={JsonFormat.Iso(to)})?$skip={skip + rows.Count}");
            }

            w.WriteEndObject();
            _stats.Rows(rows.Count);
        }, truncate);
    }

    /// <summary>Reads fromDateTime and toDateTime (or from and to), as plain dates, ISO instants or encoded offsets.</summary>
    private static bool TryParseRange(string arguments, out DateTimeOffset from, out DateTimeOffset to, out string problem)
    {
        DateTimeOffset? parsedFrom = null, parsedTo = null;
        from = to = default;
        foreach (var argument in arguments.Split(','))
        {
            var pair = argument.Split('=', 2);
            var name = pair[0].Trim();
            var value = pair.Length == 2 ? pair[1].Trim().Trim('\'') : "";
            if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
            {
                problem = $"Expression expected at position {arguments.IndexOf(argument, StringComparison.Ordinal) + name.Length + 1} in '{arguments}'.";
                return false;
            }

            if (name.Equals("fromDateTime", StringComparison.OrdinalIgnoreCase) || name.Equals("from", StringComparison.OrdinalIgnoreCase))
            {
                parsedFrom = instant;
            }
            else if (name.Equals("toDateTime", StringComparison.OrdinalIgnoreCase) || name.Equals("to", StringComparison.OrdinalIgnoreCase))
            {
                parsedTo = instant;
            }
            else
            {
                problem = $"The parameter '{name}' is not defined; the function takes fromDateTime and toDateTime.";
                return false;
            }
        }

        if (parsedFrom is null || parsedTo is null)
        {
            problem = "Both fromDateTime and toDateTime are required.";
            return false;
        }

        (from, to) = (parsedFrom.Value, parsedTo.Value);
        problem = from > to ? $"fromDateTime {JsonFormat.Iso(from)} is after toDateTime {JsonFormat.Iso(to)}." : "";
        return from <= to;
    }

    /// <summary>The page size: the documented maximum, a smaller size the nextLink carries, or what Prefer: odata.maxpagesize asks (capped).</summary>
    private static int PageSize(HttpContext context, int maximum, int? fromToken)
    {
        var match = MaxPageSizePattern().Match(context.Request.Headers["Prefer"].ToString());
        if (match.Success && int.TryParse(match.Groups["size"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var asked) && asked > 0)
        {
            var size = Math.Min(asked, maximum);
            context.Response.Headers["Preference-Applied"] = $"odata.maxpagesize={size}";
            return size;
        }

        return Math.Min(fromToken ?? maximum, maximum);
    }

    private static bool TryReadSkipToken(HttpContext context, out int position, out int? pageSize)
    {
        var token = context.Request.Query["$skiptoken"].ToString();
        position = 0;
        pageSize = null;
        if (token.Length == 0)
        {
            return true;
        }

        if (!SkipToken.TryDecode(token, out position, out var size))
        {
            return false;
        }

        pageSize = size;
        return true;
    }

    private static Task InvalidSkipTokenAsync(HttpContext context) =>
        JsonResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, "BadRequest", "The $skiptoken is not valid. Follow @odata.nextLink as given.");

    /// <summary>Splits "a,b($expand=c,d)" into its top-level items, leaving commas inside parentheses alone.</summary>
    private static IEnumerable<string> TopLevelItems(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || (text[i] == ',' && depth == 0))
            {
                var item = text[start..i].Trim();
                if (item.Length > 0)
                {
                    yield return item;
                }

                start = i + 1;
            }
            else if (text[i] == '(')
            {
                depth++;
            }
            else if (text[i] == ')')
            {
                depth--;
            }
        }
    }

    /// <summary>The server's own root for the request's API version, so nextLinks lead back here whatever host name the client used.</summary>
    public static string ApiRoot(HttpContext context) =>
        $"{context.Request.Scheme}://{context.Request.Host}/{(context.Request.Path.StartsWithSegments("/beta", StringComparison.OrdinalIgnoreCase) ? "beta" : "v1.0")}/";

    [GeneratedRegex(@"^(?:microsoft\.graph\.callRecords\.)?(?<name>get\w+)\((?<arguments>[^)]*)\)$", RegexOptions.IgnoreCase)]
    private static partial Regex FunctionPattern();

    [GeneratedRegex(@"odata\.maxpagesize\s*=\s*(?<size>\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex MaxPageSizePattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    /// <param name="Argument">The record or subscription id, the log function's arguments, or the segment that matched nothing.</param>
    /// <param name="Function">The log function, for a log route.</param>
    private readonly record struct Route(RouteKind Kind, string Argument, LogFunction? Function = null);
}
