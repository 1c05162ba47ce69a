using System.Globalization;
using System.Text.Json;

namespace CallRecords.Emulator;

public enum LogKind
{
    Pstn,
    DirectRouting,
    Sms,
    PstnBlockedUsers,
    PstnOnlineMeetingDialout,
}

/// <summary>
/// The call logs for the 365 days before the tenant's clock: PSTN, Direct Routing, and beta's SMS and PSTN blocked
/// users logs, with the dial-out report worked out from the PSTN log. Each day's rows come from a seed of their own
/// and are made only when a page or a range edge falls on that day: a day wholly inside a range is skipped by its row
/// count, so a page deep into a year costs about one page of work.
/// </summary>
public sealed class CallLogs
{
    public const int PageSize = 1000;
    private const int HistoryDays = 365;
    private static readonly string[] s_destinations = { "United States", "Canada", "United Kingdom", "Germany", "India", "Brazil", "Mexico" };
    private static readonly string[] s_operators = { "Contoso Telecom", "Fabrikam Voice", "Northwind Carrier" };
    private static readonly string[] s_trunks = { "sbc1.contoso.com", "sbc2.contoso.com", "sbc-eu.contoso.com" };
    private static readonly string[] s_locations = { "USWE", "USEA", "EUNO", "EUWE", "APSE" };
    private static readonly (string Name, string Code, string Prefix)[] s_countries =
    {
        ("United States", "US", "1"), ("Canada", "CA", "1"), ("United Kingdom", "GB", "44"), ("Germany", "DE", "49"), ("India", "IN", "91"), ("Brazil", "BR", "55"), ("Mexico", "MX", "52"),
    };

    private static readonly string[] s_blockReasons = { "High Overall Usage", "High International Usage", "Suspicious Call Pattern" };
    private static readonly string[] s_unblockReasons = { "Tenant Requested", "Investigation Completed" };
    private static readonly (int Code, string Phrase, int SubReason)[] s_failures =
    {
        (404, "Not Found", 560404), (486, "Busy Here", 510486), (487, "Request Terminated", 540487), (500, "Internal Server Error", 560500), (503, "Service Unavailable", 560503),
    };

    private readonly Tenant _tenant;

    public CallLogs(Tenant tenant) => _tenant = tenant;

    /// <summary>Gets the start time rows are visible before: the tenant's clock less --log-delay-hours.</summary>
    private DateTimeOffset Horizon => _tenant.Now - _tenant.Options.LogDelay;

    private DateTimeOffset Oldest => new(_tenant.Now.UtcDateTime.Date.AddDays(-HistoryDays), TimeSpan.Zero);

    /// <summary>Whether a row's start falls in a requested range, its end included or not as the function's page says.</summary>
    private static bool InRange(LogKind kind, DateTimeOffset start, DateTimeOffset from, DateTimeOffset to) =>
        start >= from && (LogFunction.Of(kind).EndInclusive ? start <= to : start < to);

    /// <summary>One page of rows after skipping <paramref name="skip"/>, and whether more follow.</summary>
    public (List<LogRow> Rows, bool More) Page(LogKind kind, DateTimeOffset from, DateTimeOffset to, int skip, int size)
    {
        var rows = new List<LogRow>(Math.Min(size, 4096));
        foreach (var day in Days(from, to))
        {
            var whole = IsWholeDayInRange(day, from, to);
            if (whole && skip >= DayCount(kind, day))
            {
                skip -= DayCount(kind, day);
                continue;
            }

            foreach (var row in DayRows(kind, day))
            {
                if (!whole && !IsServed(kind, row.Start, from, to))
                {
                    continue;
                }

                if (skip > 0)
                {
                    skip--;
                }
                else if (rows.Count == size)
                {
                    return (rows, true);
                }
                else
                {
                    rows.Add(row);
                }
            }
        }

        return (rows, false);
    }

    /// <summary>One page of the dial-out report after skipping <paramref name="skip"/> rows, and whether more follow.</summary>
    public (List<DialoutReportRow> Rows, bool More) DialoutPage(DateTimeOffset from, DateTimeOffset to, int skip, int size)
    {
        var report = DialoutReport(from, to);
        return (report.Skip(skip).Take(size).ToList(), skip + size < report.Count);
    }

    /// <summary>Every row a range holds, for the truth endpoints.</summary>
    public IEnumerable<LogRow> All(LogKind kind, DateTimeOffset from, DateTimeOffset to) =>
        Days(from, to).SelectMany(day => DayRows(kind, day)).Where(row => IsServed(kind, row.Start, from, to));

    /// <summary>
    /// The dial-out report of a range: the conf_out rows getPstnCalls returns for it, added up per organizer (the row's
    /// user) and destination context, charges and connection fees together, ordered by user and context. Every user
    /// is in the US and pays in USD, as in the PSTN log.
    /// </summary>
    public List<DialoutReportRow> DialoutReport(DateTimeOffset from, DateTimeOffset to)
    {
        var totals = new Dictionary<(string, string), DialoutReportRow>();
        foreach (var call in All(LogKind.Pstn, from, to).Cast<PstnCallLogRow>().Where(r => r.CallType == "conf_out"))
        {
            var key = (call.UserId!, call.DestinationContext!);
            if (!totals.TryGetValue(key, out var total))
            {
                totals[key] = total = new DialoutReportRow
                {
                    UserId = call.UserId!,
                    UserPrincipalName = call.UserPrincipalName!,
                    UserDisplayName = call.UserDisplayName!,
                    DestinationContext = call.DestinationContext!,
                };
            }

            total.TotalCalls++;
            total.TotalCallCharge += call.Charge + call.ConnectionCharge;
            total.TotalCallSeconds += call.Duration;
        }

        return totals.Values.OrderBy(r => r.UserPrincipalName, StringComparer.Ordinal).ThenBy(r => r.DestinationContext, StringComparer.Ordinal).ToList();
    }

    private bool IsServed(LogKind kind, DateTimeOffset start, DateTimeOffset from, DateTimeOffset to) =>
        InRange(kind, start, from, to) && start >= Oldest && start < Horizon;

    private IEnumerable<DateTimeOffset> Days(DateTimeOffset from, DateTimeOffset to)
    {
        var first = new DateTimeOffset(from.UtcDateTime.Date, TimeSpan.Zero);
        for (var day = first < Oldest ? Oldest : first; day <= to && day < Horizon; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    private bool IsWholeDayInRange(DateTimeOffset day, DateTimeOffset from, DateTimeOffset to) =>
        day >= from && day.AddDays(1) <= to && day >= Oldest && day.AddDays(1) <= Horizon;

    private int DayCount(LogKind kind, DateTimeOffset day) => kind switch
    {
        LogKind.Pstn => _tenant.Options.PstnRowsPerDay,
        LogKind.Sms => _tenant.Options.SmsRowsPerDay,
        LogKind.PstnBlockedUsers => _tenant.Options.BlockedUserRowsPerDay,
        _ => Math.Max(_tenant.Options.DirectRoutingRowsPerDay, _tenant.PstnCallsOn(day.UtcDateTime).Count),
    };

    /// <summary>
    /// A day's rows in start order. Every third day one row starts exactly at midnight, and every day one starts
    /// exactly at noon, so range edges always have something to include or leave out.
    /// </summary>
    private List<LogRow> DayRows(LogKind kind, DateTimeOffset day)
    {
        var dayNumber = (long)(day - DateTimeOffset.UnixEpoch).TotalDays;
        var stream = kind switch
        {
            LogKind.Pstn => 0x505354UL,
            LogKind.Sms => 0x534D53UL,
            LogKind.PstnBlockedUsers => 0x424C4BUL,
            _ => 0x4452UL,
        };
        var random = new SeededRandom(SeededRandom.Mix((ulong)_tenant.Options.Seed, stream, (ulong)dayNumber));
        var count = DayCount(kind, day);
        var rows = new List<LogRow>(count);
        if (kind == LogKind.DirectRouting)
        {
            foreach (var call in _tenant.PstnCallsOn(day.UtcDateTime))
            {
                rows.Add(DirectRoutingRowOf(call, random));
            }
        }

        for (var i = 0; rows.Count < count; i++)
        {
            var start = i switch
            {
                0 when dayNumber % 3 == 0 => day,
                1 => day.AddHours(12),
                _ => day + TimeSpan.FromTicks(random.NextLong(1, TimeSpan.TicksPerDay)),
            };
            rows.Add(kind switch
            {
                LogKind.Pstn => PstnRow(random, start),
                LogKind.Sms => SmsRow(random, start),
                LogKind.PstnBlockedUsers => BlockedUserRow(random, start),
                _ => DirectRoutingRow(random, start),
            });
        }

        rows.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Id, b.Id));
        return rows;
    }

    private PstnCallLogRow PstnRow(SeededRandom random, DateTimeOffset start)
    {
        var user = random.Pick(_tenant.Users);
        var outbound = random.Chance(0.5);
        var destination = random.Chance(0.8) ? "United States" : random.Pick(s_destinations);
        var domestic = destination == "United States";
        var other = "+" + (domestic ? "1" + random.Next(201, 990).ToString(CultureInfo.InvariantCulture) + random.Digits(7) : random.Next(30, 99).ToString(CultureInfo.InvariantCulture) + random.Digits(9));
        var duration = random.Chance(0.05) ? 0 : random.Next(5, 3600);
        var roll = random.NextDouble();
        var row = new PstnCallLogRow
        {
            Id = random.NextGuid(),
            CallId = $"{random.Digits(10)}_{random.Digits(9)}@61.221.3.{random.Next(1, 255)}",
            Start = start,
            End = start.AddSeconds(duration),
            Duration = duration,
            UserId = user.Id,
            UserPrincipalName = user.UserPrincipalName,
            UserDisplayName = user.DisplayName,
            CallerNumber = outbound ? user.PhoneNumber! : other,
            CalleeNumber = outbound ? other : user.PhoneNumber!,
            DestinationName = destination,
            DestinationContext = outbound ? (domestic ? "Domestic" : "International") : null,
            Charge = outbound && duration > 0 ? Math.Round(duration / 60m * (domestic ? 0.019m : 0.127m), 2) : 0.00m,
            ConnectionCharge = outbound && !domestic ? 0.05m : 0.00m,
            CallType = outbound ? "user_out" : "user_in",
            LicenseCapability = outbound && !domestic ? "MCOPSTN2" : "MCOPSTNU",
            InventoryType = "Subscriber",
            Operator = "Microsoft",
            CallDurationSource = "microsoft",
        };
        if (roll < 0.2)
        {
            // Operator Connect: the carrier bills and reports the duration.
            row.Operator = random.Pick(s_operators);
            row.LicenseCapability = "MCOEV";
            row.CallDurationSource = "operator";
        }
        else if (roll < 0.32)
        {
            // Audio conferencing: dial-in to or dial-out from a meeting.
            row.CallType = outbound ? "conf_out" : "conf_in";
            row.ConferenceId = random.Digits(9);
            row.LicenseCapability = "MCOMEETADV";
            row.InventoryType = "Service";
        }
        else if (roll < 0.4)
        {
            // Calls placed by bots (auto attendants, call queues) carry no user.
            row.CallType = outbound ? "ucap_out" : "ucap_in";
            row.InventoryType = "Service";
            row.UserId = null;
            row.UserPrincipalName = null;
            row.UserDisplayName = null;
        }
        else if (outbound && domestic && random.Chance(0.02))
        {
            row.CallType = "emergency_user_out";
            row.CalleeNumber = "911";
            row.Charge = 0.00m;
        }

        return row;
    }

    /// <summary>The Direct Routing row of a PSTN call record: its correlationId is the record's id.</summary>
    private static DirectRoutingLogRow DirectRoutingRowOf(CallRecordHeader call, SeededRandom random)
    {
        var user = call.PstnUser;
        var phone = MaybeMasked(call.PstnPhone.Id, random);
        return new DirectRoutingLogRow
        {
            Id = random.NextGuid(),
            CorrelationId = call.Id,
            Start = call.Start,
            InviteDateTime = call.Start - TimeSpan.FromMilliseconds(random.Next(200, 4000)),
            End = call.End,
            Duration = (int)(call.End - call.Start).TotalSeconds,
            SuccessfulCall = true,
            FinalSipCode = 200,
            FinalSipCodePhrase = "BYE",
            CallEndSubReason = 540200,
            CallType = call.IsInbound ? "ByotIn" : "ByotOut",
            CallerNumber = call.IsInbound ? phone : user.PhoneNumber!,
            CalleeNumber = call.IsInbound ? user.PhoneNumber! : phone,
            MediaBypassEnabled = random.Chance(0.4),
            MediaPathLocation = random.Pick(s_locations),
            SignalingLocation = random.Pick(s_locations),
            TrunkFullyQualifiedDomainName = random.Pick(s_trunks),
            UserId = user.Id,
            UserPrincipalName = user.UserPrincipalName,
            UserDisplayName = user.DisplayName,
        };
    }

    /// <summary>A Direct Routing call without a call record in the tenant: older than 30 days, or one that never connected.</summary>
    private DirectRoutingLogRow DirectRoutingRow(SeededRandom random, DateTimeOffset start)
    {
        var user = random.Pick(_tenant.Users);
        var successful = random.Chance(0.8);
        var failure = random.Pick(s_failures);
        var inbound = random.Chance(0.5);
        var duration = successful ? random.Next(5, 3600) : 0;
        var other = MaybeMasked("+1" + random.Next(201, 990).ToString(CultureInfo.InvariantCulture) + random.Digits(7), random);
        return new DirectRoutingLogRow
        {
            Id = random.NextGuid(),
            CorrelationId = random.NextGuid(),
            Start = start,
            InviteDateTime = successful ? start - TimeSpan.FromMilliseconds(random.Next(200, 4000)) : start,
            End = successful ? start.AddSeconds(duration) : null,
            FailureDateTime = successful ? null : start,
            Duration = duration,
            SuccessfulCall = successful,
            FinalSipCode = successful ? 200 : failure.Code,
            FinalSipCodePhrase = successful ? "BYE" : failure.Phrase,
            CallEndSubReason = successful ? 540200 : failure.SubReason,
            CallType = inbound ? "ByotIn" : "ByotOut",
            CallerNumber = inbound ? other : user.PhoneNumber!,
            CalleeNumber = inbound ? user.PhoneNumber! : other,
            MediaBypassEnabled = random.Chance(0.4),
            MediaPathLocation = random.Pick(s_locations),
            SignalingLocation = random.Pick(s_locations),
            TrunkFullyQualifiedDomainName = random.Pick(s_trunks),
            UserId = user.Id,
            UserPrincipalName = user.UserPrincipalName,
            UserDisplayName = user.DisplayName,
        };
    }

    private SmsLogRow SmsRow(SeededRandom random, DateTimeOffset sent)
    {
        var user = random.Pick(_tenant.Users);
        var outbound = random.Chance(0.5);
        var country = random.Chance(0.85) ? s_countries[0] : random.Pick(s_countries);
        var domestic = country.Code == "US";
        var other = "+" + country.Prefix + (country.Prefix == "1" ? random.Next(201, 990).ToString(CultureInfo.InvariantCulture) + random.Digits(7) : random.Digits(9));

        // Per-country privacy: the last three or four digits of some external numbers are masked.
        if (random.Chance(0.15))
        {
            var hidden = random.Chance(0.5) ? 3 : 4;
            other = other[..^hidden] + new string('*', hidden);
        }

        var units = random.Chance(0.9) ? 1 : random.Next(2, 5);
        return new SmsLogRow
        {
            Id = random.NextGuid(),
            SmsId = random.NextGuid(),
            Start = sent,
            UserId = user.Id,
            UserPrincipalName = user.UserPrincipalName!,
            UserDisplayName = user.DisplayName!,
            SourceNumber = outbound ? user.PhoneNumber! : other,
            DestinationNumber = outbound ? other : user.PhoneNumber!,
            CallCharge = outbound ? units * (domestic ? 0.01m : 0.05m) : 0.00m,
            SmsType = outbound ? "sms_out" : "sms_in",
            DestinationContext = domestic ? "Domestic" : "International",
            DestinationName = outbound ? country.Name : "United States",
            OtherPartyCountryCode = country.Code,
            SmsUnits = units,
            AdministrativeUnitIds = CallRecordJson.AdministrativeUnitIds(user),
        };
    }

    private PstnBlockedUsersLogRow BlockedUserRow(SeededRandom random, DateTimeOffset blocked)
    {
        var user = random.Pick(_tenant.Users);
        var blocking = random.Chance(0.7);
        return new PstnBlockedUsersLogRow
        {
            Id = random.NextGuid(),

            // The documented example's times have milliseconds.
            Start = new DateTimeOffset(blocked.UtcTicks - (blocked.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero),
            UserId = user.Id,
            UserPrincipalName = user.UserPrincipalName!,
            UserDisplayName = user.DisplayName!,
            UserTelephoneNumber = user.PhoneNumber!,
            UserBlockMode = blocking ? "blocked" : "unblocked",
            BlockReason = random.Pick(blocking ? s_blockReasons : s_unblockReasons),
        };
    }

    /// <summary>Numbers outside the tenant sometimes come back partly masked, as in +12345678***.</summary>
    private static string MaybeMasked(string number, SeededRandom random) => random.Chance(0.2) ? number[..^3] + "***" : number;
}

/// <summary>A row of a call log, ordered by start and written as its documented complex type.</summary>
public abstract class LogRow : IJsonRow
{
    public required string Id { get; init; }

    public required DateTimeOffset Start { get; init; }

    public abstract void Write(Utf8JsonWriter w);
}

/// <summary>microsoft.graph.callRecords.pstnCallLogRow, every v1.0 property (learn.microsoft.com/graph/api/resources/callrecords-pstncalllogrow).</summary>
public sealed class PstnCallLogRow : LogRow
{
    public required string CallId { get; init; }

    public required DateTimeOffset End { get; init; }

    public required int Duration { get; init; }

    public string? UserId { get; set; }

    public string? UserPrincipalName { get; set; }

    public string? UserDisplayName { get; set; }

    public required string CallerNumber { get; init; }

    public required string CalleeNumber { get; set; }

    public required string DestinationName { get; init; }

    public string? DestinationContext { get; init; }

    public required decimal Charge { get; set; }

    public required decimal ConnectionCharge { get; init; }

    public required string CallType { get; set; }

    public string? ConferenceId { get; set; }

    public required string LicenseCapability { get; set; }

    public required string InventoryType { get; set; }

    public required string Operator { get; set; }

    public required string CallDurationSource { get; set; }

    public override void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("id", Id);
        w.WriteString("callId", CallId);
        w.WriteString("userId", UserId);
        w.WriteString("userPrincipalName", UserPrincipalName);
        w.WriteString("userDisplayName", UserDisplayName);
        w.WriteInstant("startDateTime", Start);
        w.WriteInstant("endDateTime", End);
        w.WriteNumber("duration", Duration);
        w.WriteNumber("charge", Charge);
        w.WriteString("callType", CallType);
        w.WriteString("currency", "USD");
        w.WriteString("calleeNumber", CalleeNumber);
        w.WriteString("usageCountryCode", "US");
        w.WriteString("tenantCountryCode", "US");
        w.WriteNumber("connectionCharge", ConnectionCharge);
        w.WriteString("callerNumber", CallerNumber);
        w.WriteString("destinationContext", DestinationContext);
        w.WriteString("destinationName", DestinationName);
        w.WriteString("conferenceId", ConferenceId);
        w.WriteString("licenseCapability", LicenseCapability);
        w.WriteString("inventoryType", InventoryType);
        w.WriteString("operator", Operator);
        w.WriteString("callDurationSource", CallDurationSource);
        w.WriteEndObject();
    }
}

/// <summary>microsoft.graph.callRecords.directRoutingLogRow, every v1.0 property (learn.microsoft.com/graph/api/resources/callrecords-directroutinglogrow).</summary>
public sealed class DirectRoutingLogRow : LogRow
{
    /// <summary>What the docs' example shows as failureDateTime of a call that did not fail.</summary>
    private const string NoFailure = "0001-01-01T00:00:00Z";

    public required string CorrelationId { get; init; }

    public required DateTimeOffset InviteDateTime { get; init; }

    public DateTimeOffset? End { get; init; }

    public DateTimeOffset? FailureDateTime { get; init; }

    public required int Duration { get; init; }

    public required bool SuccessfulCall { get; init; }

    public required int FinalSipCode { get; init; }

    public required string FinalSipCodePhrase { get; init; }

    public required int CallEndSubReason { get; init; }

    public required string CallType { get; init; }

    public required string CallerNumber { get; init; }

    public required string CalleeNumber { get; init; }

    public required bool MediaBypassEnabled { get; init; }

    public required string MediaPathLocation { get; init; }

    public required string SignalingLocation { get; init; }

    public required string TrunkFullyQualifiedDomainName { get; init; }

    public string? UserId { get; init; }

    public string? UserPrincipalName { get; init; }

    public string? UserDisplayName { get; init; }

    public override void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("id", Id);
        w.WriteString("correlationId", CorrelationId);
        w.WriteString("userId", UserId);
        w.WriteString("userPrincipalName", UserPrincipalName);
        w.WriteString("userDisplayName", UserDisplayName);
        w.WriteInstant("startDateTime", Start);
        w.WriteInstant("inviteDateTime", InviteDateTime);
        if (FailureDateTime is { } failure)
        {
            w.WriteInstant("failureDateTime", failure);
        }
        else
        {
            w.WriteString("failureDateTime", NoFailure);
        }

        if (End is { } end)
        {
            w.WriteInstant("endDateTime", end);
        }
        else
        {
            w.WriteNull("endDateTime");
        }

        w.WriteNumber("duration", Duration);
        w.WriteString("callType", CallType);
        w.WriteBoolean("successfulCall", SuccessfulCall);
        w.WriteString("callerNumber", CallerNumber);
        w.WriteString("calleeNumber", CalleeNumber);
        w.WriteString("mediaPathLocation", MediaPathLocation);
        w.WriteString("signalingLocation", SignalingLocation);
        w.WriteNumber("finalSipCode", FinalSipCode);
        w.WriteNumber("callEndSubReason", CallEndSubReason);
        w.WriteString("finalSipCodePhrase", FinalSipCodePhrase);
        w.WriteString("trunkFullyQualifiedDomainName", TrunkFullyQualifiedDomainName);
        w.WriteBoolean("mediaBypassEnabled", MediaBypassEnabled);
        w.WriteEndObject();
    }
}
