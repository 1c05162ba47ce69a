using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Graph;
using Microsoft.Graph.Models.CallRecords;
using Microsoft.Kiota.Abstractions.Authentication;

// Usage: SdkContender pstn|callrecords <graph root> <from ISO> <to ISO>
// Prints one JSON line: seconds, peak working set and what was read (PSTN rows; call records and their sessions), as
// the PowerShell contenders do.
var mode = args[0];
var root = args[1].TrimEnd('/');
var from = DateTimeOffset.Parse(args[2], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
var to = DateTimeOffset.Parse(args[3], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
var host = new Uri(root).Host;
var client = new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(new FixedToken(host)), root + "/v1.0");

var clock = Stopwatch.StartNew();
var (rows, sessions) = mode switch
{
    "pstn" => (await PstnAsync(), (long?)null),
    "callrecords" => await CallRecordsAsync(),
    _ => throw new ArgumentException("Unknown mode " + mode),
};
clock.Stop();
var counted = new { Rows = rows, Sessions = sessions };
Console.WriteLine(JsonSerializer.Serialize(new { Seconds = clock.Elapsed.TotalSeconds, PeakMB = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, Counted = counted }));

// 90-day windows, each ending one tick before the next, every page followed through the SDK's own builder.
async Task<long> PstnAsync()
{
    long count = 0;
    for (var start = from; start < to; start = start.AddDays(90))
    {
        var end = (start.AddDays(90) < to ? start.AddDays(90) : to).AddTicks(-1);
        var builder = client.Communications.CallRecords.MicrosoftGraphCallRecordsGetPstnCallsWithFromDateTimeWithToDateTime(start, end);
        var page = await builder.GetAsGetPstnCallsWithFromDateTimeWithToDateTimeGetResponseAsync();
        while (page is not null)
        {
            count += page.Value?.Count ?? 0;
            page = page.OdataNextLink is { } next ? await builder.WithUrl(next).GetAsGetPstnCallsWithFromDateTimeWithToDateTimeGetResponseAsync() : null;
        }
    }

    return count;
}

// The list, then each record with its sessions and segments, one after another; the sessions nextLink that the
// SDK leaves in AdditionalData is followed too, so both contenders return the same data.
async Task<(long Records, long? Sessions)> CallRecordsAsync()
{
    var filter = $"startDateTime ge {from.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} and startDateTime lt {to.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}";
    var ids = new List<string>();
    var list = await client.Communications.CallRecords.GetAsync(c => c.QueryParameters.Filter = filter);
    while (list is not null)
    {
        ids.AddRange(list.Value!.Select(r => r.Id!));
        list = list.OdataNextLink is { } next ? await client.Communications.CallRecords.WithUrl(next).GetAsync() : null;
    }

    long sessions = 0;
    foreach (var id in ids)
    {
        var record = await client.Communications.CallRecords[id].GetAsync(c => c.QueryParameters.Expand = new[] { "sessions($expand=segments)" });
        sessions += record!.Sessions?.Count ?? 0;
        var next = record.AdditionalData.TryGetValue("sessions@odata.nextLink", out var link) ? link?.ToString() : null;
        while (next is not null)
        {
            var page = await client.Communications.CallRecords[id].Sessions.WithUrl(next).GetAsync();
            sessions += page!.Value?.Count ?? 0;
            next = page.OdataNextLink;
        }
    }

    return (ids.Count, sessions);
}

/// <summary>The emulator accepts any token; the SDK sends it only to the allowed (loopback) host.</summary>
internal sealed class FixedToken : IAccessTokenProvider
{
    public FixedToken(string host) => AllowedHostsValidator = new AllowedHostsValidator(new[] { host });

    public AllowedHostsValidator AllowedHostsValidator { get; }

    public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
        Task.FromResult("t");
}
