using System.Globalization;
using System.Text.Json;

namespace CallRecords.Emulator;

/// <summary>
/// The emulator's own routes under /_emulator: counters, the tenant and the expected answers for tests, and a
/// managed identity endpoint. They are never authenticated, throttled, faulted or counted as Graph requests.
/// </summary>
public static class ControlRoutes
{
    public static void Map(WebApplication app, Tenant tenant, CallLogs logs, Stats stats, Throttling throttling, SubscriptionStore subscriptions)
    {
        app.MapGet("/_emulator/stats", (HttpContext context) => JsonResponse.WriteAsync(context, w => stats.Write(w, tenant.Now, subscriptions.Count, throttling.Peaks())));
        app.MapPost("/_emulator/stats/reset", (HttpContext context) =>
        {
            stats.Reset();
            throttling.ResetPeaks();
            return JsonResponse.WriteAsync(context, w => stats.Write(w, tenant.Now, subscriptions.Count, throttling.Peaks()));
        });
        app.MapPost("/_emulator/throttling/reset", (HttpContext context) =>
        {
            throttling.Reset();
            return JsonResponse.WriteAsync(context, w => stats.Write(w, tenant.Now, subscriptions.Count, throttling.Peaks()));
        });
        app.MapPost("/_emulator/clock", (HttpContext context) => AdvanceClockAsync(context, tenant));
        app.MapGet("/_emulator/tenant", (HttpContext context) => JsonResponse.WriteAsync(context, w => WriteTenant(w, tenant)));
        app.MapGet("/_emulator/truth/callRecords", (HttpContext context) => TruthAsync(context, (from, to) =>
        {
            var userId = context.Request.Query["userId"].ToString();
            return tenant.Visible
                .Where(c => c.Start >= from && c.Start < to && (userId.Length == 0 || c.Participants.Any(p => p.Id.Equals(userId, StringComparison.OrdinalIgnoreCase))))
                .Select(c => c.Id);
        }));
        app.MapGet("/_emulator/truth/pstn", (HttpContext context) => TruthAsync(context, (from, to) => logs.All(LogKind.Pstn, from, to).Select(r => r.Id)));
        app.MapGet("/_emulator/truth/directRouting", (HttpContext context) => TruthAsync(context, (from, to) => logs.All(LogKind.DirectRouting, from, to).Select(r => r.Id)));
        app.MapGet("/_emulator/truth/sms", (HttpContext context) => TruthAsync(context, (from, to) => logs.All(LogKind.Sms, from, to).Select(r => r.Id)));

        // Blocked users rows have no id: their remediationIds.
        app.MapGet("/_emulator/truth/pstnBlockedUsers", (HttpContext context) => TruthAsync(context, (from, to) => logs.All(LogKind.PstnBlockedUsers, from, to).Select(r => r.Id)));
        app.MapGet("/_emulator/truth/pstnOnlineMeetingDialoutReport", (HttpContext context) => ReportTruthAsync(context, logs));
        app.MapGet("/_emulator/msi/token", (HttpContext context) => ManagedIdentityTokenAsync(context, tenant));
    }

    private static void WriteTenant(Utf8JsonWriter w, Tenant tenant)
    {
        w.WriteStartObject();
        w.WriteString("tenantId", tenant.Options.TenantId);
        w.WriteInstant("now", tenant.Now);
        w.WriteInstant("retentionStart", tenant.RetentionStart);
        w.WriteNumber("visibleCallRecords", tenant.Visible.Count);
        w.WriteStartArray("users");
        foreach (var user in tenant.Users)
        {
            w.WriteStartObject();
            w.WriteString("id", user.Id);
            w.WriteString("displayName", user.DisplayName);
            w.WriteString("userPrincipalName", user.UserPrincipalName);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        // Newest first, so the first id of each list is a record from the last day of history.
        var newestFirst = tenant.Visible.Reverse().ToList();
        w.WriteStrings("largeGroupCallIds", newestFirst.Where(c => c.SessionCount > CallRecordJson.SessionsPageSize).Select(c => c.Id));
        w.WriteStrings("manyParticipantCallIds", newestFirst.Where(c => c.Participants.Length > CallRecordJson.ParticipantsPageSize).Select(c => c.Id));
        w.WriteStrings("largeMeetingCallIds", newestFirst.Where(c => tenant.IsLargeMeeting(c.Id)).Select(c => c.Id));
        w.WriteStrings("expiredCallIds", tenant.Expired.Select(c => c.Id));
        w.WriteStrings("unfinishedCallIds", tenant.Unfinished.Select(c => c.Id));
        w.WriteEndObject();
    }

    /// <summary>POST /_emulator/clock?advance=PT1H: moves the tenant's clock forward by an ISO 8601 duration.</summary>
    private static Task AdvanceClockAsync(HttpContext context, Tenant tenant)
    {
        TimeSpan by;
        try
        {
            by = System.Xml.XmlConvert.ToTimeSpan(context.Request.Query["advance"].ToString());
        }
        catch (FormatException)
        {
            return JsonResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, "BadRequest", "advance is required: an ISO 8601 duration such as PT1H.");
        }

        if (by <= TimeSpan.Zero)
        {
            return JsonResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, "BadRequest", "The clock only moves forward: advance must be above zero.");
        }

        var now = tenant.Advance(by);
        return JsonResponse.WriteAsync(context, w =>
        {
            w.WriteStartObject();
            w.WriteInstant("now", now);
            w.WriteNumber("visibleCallRecords", tenant.Visible.Count);
            w.WriteEndObject();
        });
    }

    /// <summary>The ids a range must return, with the end semantics of the matching Graph request.</summary>
    private static Task TruthAsync(HttpContext context, Func<DateTimeOffset, DateTimeOffset, IEnumerable<string>> ids)
    {
        if (!TryInstant(context, "from", out var from) || !TryInstant(context, "to", out var to))
        {
            return JsonResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, "BadRequest", "from and to are required ISO 8601 instants.");
        }

        return JsonResponse.WriteAsync(context, w =>
        {
            w.WriteStartObject();
            w.WriteStrings("ids", ids(from, to));
            w.WriteEndObject();
        });
    }

    /// <summary>The dial-out report rows a range must add up to, as Graph writes them, whatever windows a client reads it in.</summary>
    private static Task ReportTruthAsync(HttpContext context, CallLogs logs)
    {
        if (!TryInstant(context, "from", out var from) || !TryInstant(context, "to", out var to))
        {
            return JsonResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, "BadRequest", "from and to are required ISO 8601 instants.");
        }

        return JsonResponse.WriteAsync(context, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("value");
            foreach (var row in logs.DialoutReport(from, to))
            {
                row.Write(w);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>Reads an instant; a '+' of an offset that reached the query unencoded (and so as a space) counts as '+'.</summary>
    private static bool TryInstant(HttpContext context, string name, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(context.Request.Query[name].ToString().Replace(' ', '+'), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    /// <summary>
    /// The App Service managed identity protocol (api-version 2019-08-01), which Azure.Identity's
    /// ManagedIdentityCredential speaks when IDENTITY_ENDPOINT and IDENTITY_HEADER are set. MSAL takes 400 and
    /// 401 as a failed sign-in, so a missing or wrong X-IDENTITY-HEADER is a 401.
    /// </summary>
    private static Task ManagedIdentityTokenAsync(HttpContext context, Tenant tenant)
    {
        var options = tenant.Options;
        if (context.Request.Headers["X-IDENTITY-HEADER"].ToString() != options.IdentityHeader)
        {
            return JsonResponse.WriteAsync(context, StatusCodes.Status401Unauthorized, "application/json", w =>
            {
                w.WriteStartObject();
                w.WriteNumber("statusCode", 401);
                w.WriteString("message", "The X-IDENTITY-HEADER header is missing or does not match.");
                w.WriteEndObject();
            });
        }

        var query = context.Request.Query;
        var resource = query["resource"].ToString();
        if (resource.Length == 0)
        {
            resource = query["scope"].ToString();
            resource = resource.EndsWith("/.default", StringComparison.Ordinal) ? resource[..^"/.default".Length] : resource;
        }

        if (resource.Length == 0)
        {
            return JsonResponse.WriteAsync(context, StatusCodes.Status400BadRequest, "application/json", w =>
            {
                w.WriteStartObject();
                w.WriteNumber("statusCode", 400);
                w.WriteString("message", "A resource (or scope) is required.");
                w.WriteEndObject();
            });
        }

        var clientId = query["client_id"].ToString();
        return JsonResponse.WriteAsync(context, w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", options.IssuedToken);
            w.WriteString("expires_on", DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            w.WriteString("resource", resource);
            w.WriteString("token_type", "Bearer");
            w.WriteString("client_id", clientId.Length > 0 ? clientId : tenant.ApplicationId);
            w.WriteEndObject();
        });
    }
}
