using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine.Json;

namespace CallRecords.Engine;

/// <summary>
/// Reads the call logs (PSTN, Direct Routing, and beta's SMS and PSTN blocked users logs and dial-out report) for any
/// range: split into windows the API accepts, several windows read at once, every page followed, rows handed over
/// in date order as soon as every earlier window has been.
/// </summary>
/// <remarks>
/// Graph limits these functions per app (200 / 60 s) and per collection (50 / 60 s). One window's pages come one
/// after another, so only several windows at once come near the per-app ceiling; each is its own query, with its
/// own per-collection budget. Should Graph count all queries of a function together after all, its first 429
/// switches the connection to one window at a time under one shared budget.
/// </remarks>
public sealed class CallLogReader
{
    // Four queries at 47 a minute reach the per-app budget of 190; a fifth fills the gap while a window ends and
    // the next one starts.
    internal const int WindowsAtOnce = 5;

    // A window sized for 8 pages rarely waits for room; at most 12 pages of each window are held.
    internal const int PagesHeldPerWindow = 12;

    private readonly GraphHttpClient _http;
    private readonly string _tenantId;

    /// <summary>Creates a reader on a connection.</summary>
    public CallLogReader(GraphConnection connection)
    {
        _http = connection.Http;
        _tenantId = connection.TenantId;
    }

    /// <summary>
    /// The request path for one window, relative to the API version's root (v1.0, or beta for the functions only beta
    /// has), in the documented UTC form with the SDK's qualified name. A window's start
    /// is the previous window's end, and the request for an end-inclusive function stops one tick (100 ns, the
    /// API's precision) before it, so a row exactly on an edge is read once, by the window it starts.
    /// </summary>
    public static string RequestPath(CallLogKind kind, CallLogWindow window)
    {
        var to = kind.EndInclusive ? window.End.AddTicks(-1) : window.End;
        return $"communications/callRecords/microsoft.graph.callRecords.{kind.Function}(fromDateTime={Format(window.Start)},toDateTime={Format(to)})";
    }

    /// <summary>Reads PSTN rows that started in [start, end).</summary>
    public Task ReadPstnAsync(DateTimeOffset start, DateTimeOffset end, Action<PstnCallLogRow> onRow, Action<CallLogProgress>? onProgress, RequestLog log, CancellationToken cancellationToken) =>
        ReadAsync(CallLogKind.Pstn, start, end, row => CallLogMapper.MapPstn(row, _tenantId), onRow, onProgress, log, cancellationToken);

    /// <summary>Reads Direct Routing rows that started in [start, end).</summary>
    public Task ReadDirectRoutingAsync(DateTimeOffset start, DateTimeOffset end, Action<DirectRoutingCallLogRow> onRow, Action<CallLogProgress>? onProgress, RequestLog log, CancellationToken cancellationToken) =>
        ReadAsync(CallLogKind.DirectRouting, start, end, row => CallLogMapper.MapDirectRouting(row, _tenantId), onRow, onProgress, log, cancellationToken);

    /// <summary>Reads SMS log rows (beta) sent in [start, end).</summary>
    public Task ReadSmsAsync(DateTimeOffset start, DateTimeOffset end, Action<SmsLogRow> onRow, Action<CallLogProgress>? onProgress, RequestLog log, CancellationToken cancellationToken) =>
        ReadAsync(CallLogKind.Sms, start, end, row => CallLogMapper.MapSms(row, _tenantId), onRow, onProgress, log, cancellationToken);

    /// <summary>Reads the PSTN blocked users log (beta): users blocked or unblocked in [start, end).</summary>
    public Task ReadPstnBlockedUsersAsync(DateTimeOffset start, DateTimeOffset end, Action<PstnBlockedUserLogRow> onRow, Action<CallLogProgress>? onProgress, RequestLog log, CancellationToken cancellationToken) =>
        ReadAsync(CallLogKind.PstnBlockedUsers, start, end, row => CallLogMapper.MapPstnBlockedUser(row, _tenantId), onRow, onProgress, log, cancellationToken);

    /// <summary>
    /// Reads the audio conferencing dial-out report (beta) for the calls of [start, end): one row per organizer, usage
    /// location, destination context and currency. A range longer than one window is the sum of its windows' rows, so
    /// rows are handed over once every window has been read.
    /// </summary>
    public async Task ReadPstnOnlineMeetingDialoutReportAsync(DateTimeOffset start, DateTimeOffset end, Action<PstnOnlineMeetingDialoutReportRow> onRow, Action<CallLogProgress>? onProgress, RequestLog log, CancellationToken cancellationToken)
    {
        var totals = new DialoutReportTotals();
        await ReadAsync(CallLogKind.PstnOnlineMeetingDialout, start, end, row => CallLogMapper.MapDialoutReport(row, _tenantId), totals.Add, onProgress, log, cancellationToken).ConfigureAwait(false);
        foreach (var row in totals.Rows)
        {
            onRow(row);
        }
    }

    private async Task ReadAsync<T>(CallLogKind kind, DateTimeOffset start, DateTimeOffset end, Func<JsonElement, T> map, Action<T> onRow, Action<CallLogProgress>? onProgress, RequestLog log, CancellationToken cancellationToken)
    {
        kind.ShowBetaNotice(log);
        var planner = new CallLogWindowPlanner(kind, start, end);
        var windows = new Queue<WindowPages<T>>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long rows = 0;
        try
        {
            while (true)
            {
                var readingAhead = !_http.Budgets.CallLogLimitPerFunction;
                while (windows.Count < (readingAhead ? WindowsAtOnce : 1) && planner.Next(readingAhead) is { } window)
                {
                    var pages = new WindowPages<T>(window, PagesHeldPerWindow);
                    pages.Reading = ReadWindowAsync(kind, pages, map, log, stop.Token);
                    windows.Enqueue(pages);
                }

                if (windows.Count == 0)
                {
                    return;
                }

                var head = windows.Peek();
                var page = 0;
                long windowRows = 0;
                while (true)
                {
                    List<T>? pageRows;
                    try
                    {
                        pageRows = await head.TakeAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (GraphRequestException e)
                    {
                        throw new GraphRequestException(
                            $"{e.Message} It failed in {head.Window}, page {page + 1}, after {rows} rows had been written: every row before {head.Window.Start:u} and the first {page} pages of this window. Run again from {head.Window.Start:u} to continue.",
                            e.StatusCode, e.ErrorCode, e.Method, e.Path, e.RequestId, e.RequiredPermission, e.RetriesExhausted, e);
                    }

                    if (pageRows is null)
                    {
                        break;
                    }

                    page++;
                    foreach (var row in pageRows)
                    {
                        onRow(row);
                    }

                    rows += pageRows.Count;
                    windowRows += pageRows.Count;
                    onProgress?.Invoke(new CallLogProgress(head.Window, page, rows, planner.CompletedBefore(head.Window)));
                }

                windows.Dequeue();
                await head.Reading.ConfigureAwait(false);
                head.Dispose();
                planner.Read(head.Window, windowRows);
            }
        }
        finally
        {
            stop.Cancel();
            foreach (var pages in windows)
            {
                await pages.Reading.ConfigureAwait(false);
                pages.Dispose();
            }
        }
    }

    /// <summary>Fetches one window's pages into <paramref name="pages"/>, each mapped to rows on this task.</summary>
    private async Task ReadWindowAsync<T>(CallLogKind kind, WindowPages<T> pages, Func<JsonElement, T> map, RequestLog log, CancellationToken cancellationToken)
    {
        var operation = kind.QueryOperation(_http.Budgets);
        var path = RequestPath(kind, pages.Window);
        var url = kind.IsBeta ? new Uri(_http.BetaRoot, path).AbsoluteUri : path;
        try
        {
            // Each page is asked for only once the hand-off has room for it.
            await foreach (var page in _http.PagesAsync(url, operation, log, cancellationToken, pages.WaitForRoomAsync).ConfigureAwait(false))
            {
                var rows = new List<T>();
                foreach (var row in page.GetArray("value"))
                {
                    rows.Add(map(row));
                }

                pages.Add(rows);
            }

            pages.Complete(null);
        }
        catch (Exception e)
        {
            pages.Complete(e);
        }
    }

    private static string Format(DateTimeOffset value) => Uri.EscapeDataString(GraphTime.Format(value));
}
