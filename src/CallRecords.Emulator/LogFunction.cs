namespace CallRecords.Emulator;

/// <summary>
/// A call log function as Graph documents it (learn.microsoft.com/graph/api/callrecords-callrecord-{name}): the API
/// version it is in, its row type, whether a row exactly at toDateTime is included, and the longest range it takes.
/// </summary>
/// <param name="MaximumDays">The longest range in days; a longer one is a 406. Null where the page gives no maximum.</param>
public sealed record LogFunction(string Name, LogKind Kind, string Version, string RowType, bool EndInclusive, int? MaximumDays)
{
    /// <summary>
    /// Every function. getPstnCalls includes its end and getDirectRoutingCalls excludes it, as their pages say. The
    /// beta functions' pages do not say; the emulator includes the end, as an earlier revision of getSmsLog's page did
    /// ("UTC, inclusive"), and caps them at the 90 days each page states.
    /// </summary>
    public static readonly IReadOnlyList<LogFunction> All =
    [
        new("getPstnCalls", LogKind.Pstn, "v1.0", "pstnCallLogRow", EndInclusive: true, MaximumDays: 90),
        new("getDirectRoutingCalls", LogKind.DirectRouting, "v1.0", "directRoutingLogRow", EndInclusive: false, MaximumDays: null),
        new("getSmsLog", LogKind.Sms, "beta", "smsLogRow", EndInclusive: true, MaximumDays: 90),
        new("getPstnBlockedUsersLog", LogKind.PstnBlockedUsers, "beta", "pstnBlockedUsersLogRow", EndInclusive: true, MaximumDays: 90),
        new("getPstnOnlineMeetingDialoutReport", LogKind.PstnOnlineMeetingDialout, "beta", "pstnOnlineMeetingDialoutReport", EndInclusive: true, MaximumDays: 90),
    ];

    /// <summary>The function by name (any case), or null.</summary>
    public static LogFunction? Find(string name) => All.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public static LogFunction Of(LogKind kind) => All.First(f => f.Kind == kind);
}
