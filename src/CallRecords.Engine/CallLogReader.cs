using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace CallRecords.Engine;

/// <summary>
/// Reads PSTN and Direct Routing call logs for any range: split into windows the API accepts, every page
/// followed, each row handed over as its page arrives, windows in date order.
/// </summary>
public sealed class CallLogReader
{
    private readonly GraphHttpClient _http;

    /// <summary>Creates a reader on a connection.</summary>
    public CallLogReader(GraphConnection connection) => _http = connection.Http;

    /// <summary>
    /// Splits [start, end) into consecutive windows of at most the kind's maximum. Each window's start is the
    /// previous window's end, and the request for an end-inclusive function stops one tick (100 ns, the API's
    /// precision) before it, so a row exactly on an edge is read once, by the window it starts.
    /// </summary>
    public static IReadOnlyList<CallLogWindow> Windows(CallLogKind kind, DateTimeOffset start, DateTimeOffset end)
    {
        var windows = new List<(DateTimeOffset, DateTimeOffset)>();
        for (var windowStart = start; windowStart < end; windowStart += kind.MaximumWindow)
        {
            var windowEnd = end - windowStart > kind.MaximumWindow ? windowStart + kind.MaximumWindow : end;
            windows.Add((windowStart, windowEnd));
        }

        var result = new List<CallLogWindow>(windows.Count);
        for (var i = 0; i < windows.Count; i++)
        {
            result.Add(new CallLogWindow(i + 1, windows.Count, windows[i].Item1, windows[i].Item2));
        }

        return result;
    }

    /// <summary>The request path for one window, in the documented UTC form with the SDK's qualified name.</summary>
    public static string RequestPath(CallLogKind kind, CallLogWindow window)
    {
        var to = kind.EndInclusive ? window.End.AddTicks(-1) : window.End;
        return $"communications/callRecords/microsoft.graph.callRecords.{kind.Function}(fromDateTime={Format(window.Start)},toDateTime={Format(to)})";
    }

    /// <summary>Reads PSTN rows that started in [start, end).</summary>
    public Task ReadPstnAsync(DateTimeOffset start, DateTimeOffset end, Action<PstnCallLogRow> onRow, Action<CallLogProgress>? onProgress, RequestLog log, CancellationToken cancellationToken) =>
        ReadAsync(CallLogKind.Pstn, start, end, row => onRow(CallLogMapper.MapPstn(row)), onProgress, log, cancellationToken);

    /// <summary>Reads Direct Routing rows that started in [start, end).</summary>
    public Task ReadDirectRoutingAsync(DateTimeOffset start, DateTimeOffset end, Action<DirectRoutingCallLogRow> onRow, Action<CallLogProgress>? onProgress, RequestLog log, CancellationToken cancellationToken) =>
        ReadAsync(CallLogKind.DirectRouting, start, end, row => onRow(CallLogMapper.MapDirectRouting(row)), onProgress, log, cancellationToken);

    private async Task ReadAsync(CallLogKind kind, DateTimeOffset start, DateTimeOffset end, Action<JsonElement> onRow, Action<CallLogProgress>? onProgress, RequestLog log, CancellationToken cancellationToken)
    {
        long rows = 0;
        foreach (var window in Windows(kind, start, end))
        {
            var page = 0;
            string? next = RequestPath(kind, window);
            while (next is not null)
            {
                JsonDocument document;
                try
                {
                    document = await _http.GetJsonAsync(next, kind.Operation, log, cancellationToken).ConfigureAwait(false);
                }
                catch (GraphRequestException e)
                {
                    throw new GraphRequestException(
                        $"{e.Message} It failed in {window}, page {page + 1}, after {rows} rows had been written: every row before {window.Start:u} and the first {page} pages of this window. Run again from {window.Start:u} to continue.",
                        e.StatusCode, e.ErrorCode, e.Method, e.Path, e.RequestId, e.RequiredPermission, e.RetriesExhausted, e);
                }

                using (document)
                {
                    page++;
                    foreach (var row in document.RootElement.GetArray("value"))
                    {
                        onRow(row);
                        rows++;
                    }

                    next = document.RootElement.GetNextLink("@odata.nextLink", log);
                }

                onProgress?.Invoke(new CallLogProgress(window, page, rows));
            }
        }
    }

    private static string Format(DateTimeOffset value) =>
        Uri.EscapeDataString(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
}
