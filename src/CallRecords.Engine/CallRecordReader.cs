using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace CallRecords.Engine;

/// <summary>Reads call records, their sessions and segments. Every page is followed; rows go out as pages arrive.</summary>
public sealed class CallRecordReader
{
    private const string ExpandSessionsQuery = "$expand=sessions($expand=segments)";
    private readonly GraphHttpClient _http;
    private readonly int _maxConcurrency;

    /// <summary>Creates a reader on a connection.</summary>
    public CallRecordReader(GraphConnection connection, int? maxConcurrency = null)
    {
        _http = connection.Http;
        _maxConcurrency = Math.Max(1, maxConcurrency ?? 8);
    }

    /// <summary>
    /// Lists the records that started in the query's range, in the order Graph lists them, calling
    /// <paramref name="onRecord"/> for each. With ExpandSessions, records are fetched a few at a time and
    /// still handed over in list order.
    /// </summary>
    public async Task ListAsync(CallRecordQuery query, Action<CallRecord> onRecord, RequestLog log, CancellationToken cancellationToken)
    {
        using var expansions = new OrderedWork<CallRecord?>(_maxConcurrency, cancellationToken);
        string? next = "communications/callRecords?$filter=" + Uri.EscapeDataString(query.ToFilter());
        try
        {
            while (next is not null)
            {
                using var page = await _http.GetJsonAsync(next, GraphOperation.ListCallRecords, log, cancellationToken).ConfigureAwait(false);
                foreach (var item in page.RootElement.GetArray("value"))
                {
                    var record = CallRecordMapper.MapCallRecord(item);
                    if (!query.ExpandSessions)
                    {
                        onRecord(record);
                        continue;
                    }

                    var id = record.Id;
                    await expansions.AddAsync(token => GetAsync(id, expandSessions: true, log, token), found => EmitExpanded(found, id, onRecord, log)).ConfigureAwait(false);
                }

                next = page.RootElement.GetNextLink("@odata.nextLink", log);
            }

            await expansions.DrainAsync().ConfigureAwait(false);
        }
        finally
        {
            await expansions.StopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Gets one record, or null when Graph has no record with that id (unknown, or older than 30 days).
    /// With <paramref name="expandSessions"/>, every session page is followed, however many there are.
    /// </summary>
    public async Task<CallRecord?> GetAsync(string id, bool expandSessions, RequestLog log, CancellationToken cancellationToken)
    {
        var url = "communications/callRecords/" + Uri.EscapeDataString(id) + (expandSessions ? "?" + ExpandSessionsQuery : "");
        JsonDocument document;
        try
        {
            document = await _http.GetJsonAsync(url, GraphOperation.GetCallRecord, log, cancellationToken).ConfigureAwait(false);
        }
        catch (GraphRequestException e) when (e.StatusCode == 404)
        {
            return null;
        }

        using (document)
        {
            var json = document.RootElement;
            var record = CallRecordMapper.MapCallRecord(json);
            if (expandSessions)
            {
                var sessions = new List<CallRecordSession>();
                foreach (var session in json.GetArray("sessions"))
                {
                    sessions.Add(CallRecordMapper.MapSession(session, record.Id));
                }

                // The SDKs leave this link in AdditionalData; without following it a meeting loses every session after 60.
                var next = json.GetNextLink("sessions@odata.nextLink", log);
                if (next is not null)
                {
                    await ReadSessionPagesAsync(next, record.Id, sessions.Add, log, cancellationToken).ConfigureAwait(false);
                }

                record.Sessions = new ValueList<CallRecordSession>(sessions, "; ");
                record.SessionCount = sessions.Count;
            }

            return record;
        }
    }

    /// <summary>Lists a record's sessions with their segments, every page; false when the record does not exist.</summary>
    public async Task<bool> ListSessionsAsync(string callRecordId, Action<CallRecordSession> onSession, RequestLog log, CancellationToken cancellationToken)
    {
        var url = "communications/callRecords/" + Uri.EscapeDataString(callRecordId) + "/sessions?$expand=segments";
        try
        {
            await ReadSessionPagesAsync(url, callRecordId, onSession, log, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (GraphRequestException e) when (e.StatusCode == 404)
        {
            return false;
        }
    }

    private async Task ReadSessionPagesAsync(string url, string callRecordId, Action<CallRecordSession> onSession, RequestLog log, CancellationToken cancellationToken)
    {
        string? next = url;
        while (next is not null)
        {
            using var page = await _http.GetJsonAsync(next, GraphOperation.ListSessions, log, cancellationToken).ConfigureAwait(false);
            foreach (var session in page.RootElement.GetArray("value"))
            {
                onSession(CallRecordMapper.MapSession(session, callRecordId));
            }

            next = page.RootElement.GetNextLink("@odata.nextLink", log);
        }
    }

    private static void EmitExpanded(CallRecord? found, string listedId, Action<CallRecord> onRecord, RequestLog log)
    {
        if (found is null)
        {
            // Listed a moment ago, gone now: it aged past the 30 days between the list and the get.
            log.WriteWarning($"Call record {listedId} was listed but no longer exists; it is skipped.");
            return;
        }

        onRecord(found);
    }
}
