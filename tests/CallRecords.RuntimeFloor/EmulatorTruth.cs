using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace CallRecords.RuntimeFloor;

/// <summary>The emulator's own routes: its clock and the ids a request for a range must return.</summary>
internal sealed class EmulatorTruth : IDisposable
{
    private readonly HttpClient _http;

    public EmulatorTruth(Uri emulator) => _http = new HttpClient { BaseAddress = emulator, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<DateTimeOffset> NowAsync()
    {
        using var tenant = JsonDocument.Parse(await _http.GetStringAsync("/_emulator/tenant").ConfigureAwait(false));
        return tenant.RootElement.GetProperty("now").GetDateTimeOffset();
    }

    /// <summary>The ids of /_emulator/truth/{kind} for [from, to).</summary>
    public async Task<HashSet<string>> IdsAsync(string kind, DateTimeOffset from, DateTimeOffset to)
    {
        var path = $"/_emulator/truth/{kind}?from={Instant(from)}&to={Instant(to)}";
        using var truth = JsonDocument.Parse(await _http.GetStringAsync(path).ConfigureAwait(false));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in truth.RootElement.GetProperty("ids").EnumerateArray())
        {
            ids.Add(id.GetString()!);
        }

        return ids;
    }

    public void Dispose() => _http.Dispose();

    private static string Instant(DateTimeOffset value) => Uri.EscapeDataString(value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
}
