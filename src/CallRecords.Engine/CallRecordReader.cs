using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine.Json;
using CallRecords.Engine.Quality;

namespace CallRecords.Engine;

/// <summary>Reads call records, their sessions and segments. Every page is followed; rows go out as pages arrive.</summary>
public sealed class CallRecordReader
{
    /// <summary>The error code of a list by participant in a cloud without participants_v2.</summary>
    public const string ParticipantFilterUnavailable = "ParticipantFilterUnavailable";

    private const string ExpandSessionsQuery = "$expand=sessions($expand=segments)";
    private readonly GraphHttpClient _http;
    private readonly CloudFeatures _features;
    private readonly string _tenantId;
    private readonly QualityThresholds _thresholds;

    /// <summary>Creates a reader on a connection; the media streams it reads are judged by <paramref name="thresholds"/> (default: the current rules).</summary>
    public CallRecordReader(GraphConnection connection, QualityThresholds? thresholds = null)
    {
        _http = connection.Http;
        _features = connection.Features;
        _tenantId = connection.TenantId;
        _thresholds = thresholds ?? QualityThresholds.Current;
        MaxConcurrency = connection.Policy.MaxConcurrency;
    }

    /// <summary>Gets how many records are fetched at once when a command works on many.</summary>
    public int MaxConcurrency { get; }

    /// <summary>
    /// Lists the records that started in the query's range, in the order Graph lists them, calling
    /// <paramref name="onRecord"/> for each. With ExpandSessions, records are fetched a few at a time and
    /// still handed over in list order.
    /// </summary>
    public async Task ListAsync(CallRecordQuery query, Action<CallRecord> onRecord, RequestLog log, CancellationToken cancellationToken)
    {
        using var expansions = new OrderedWork<CallRecord?>(MaxConcurrency, cancellationToken);
        var url = "communications/callRecords?$filter=" + Uri.EscapeDataString(query.ToFilter());
        try
        {
            await foreach (var item in _http.ItemsAsync(url, GraphOperation.ListCallRecords, log, cancellationToken).ConfigureAwait(false))
            {
                var record = CallRecordMapper.MapCallRecord(item, _tenantId);
                if (!query.ExpandSessions)
                {
                    onRecord(record);
                    continue;
                }

                var id = record.Id;
                await expansions.AddAsync(token => GetAsync(id, expandSessions: true, log, token), found => EmitExpanded(found, id, onRecord, log)).ConfigureAwait(false);
            }

            await expansions.DrainAsync().ConfigureAwait(false);
        }
        catch (GraphRequestException e) when (query.UserId is not null && CloudFeatures.IsParticipantsV2Refusal(e))
        {
            throw new GraphRequestException(
                $"{e.Message} -UserId filters on participants_v2, which Graph has in the global cloud only; in this cloud list the range without -UserId and read each record's participants (Get-CallRecordParticipant).",
                e.StatusCode, ParticipantFilterUnavailable, e.Method, e.Path, e.RequestId, e.RequiredPermission, e.RetriesExhausted, e);
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
        using var budget = _http.Budgets.CallRecords.Take(id);
        JsonDocument document;
        try
        {
            document = await _http.GetJsonAsync(url, GraphOperation.GetCallRecord.On(budget), log, cancellationToken).ConfigureAwait(false);
        }
        catch (GraphRequestException e) when (e.StatusCode == 404)
        {
            return null;
        }

        using (document)
        {
            var json = document.RootElement;
            var record = CallRecordMapper.MapCallRecord(json, _tenantId);
            if (expandSessions)
            {
                var sessions = new List<CallRecordSession>();
                foreach (var session in json.GetArray("sessions"))
                {
                    sessions.Add(CallRecordMapper.MapSession(session, record.Id, _tenantId, _thresholds));
                }

                // The SDKs leave this link in AdditionalData; without following it a meeting loses every session after 60.
                await ReadSessionsAsync(json.GetNextLink("sessions@odata.nextLink", log), record.Id, budget, sessions.Add, log, cancellationToken).ConfigureAwait(false);

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
        using var budget = _http.Budgets.CallRecords.Take(callRecordId);
        try
        {
            await ReadSessionsAsync(url, callRecordId, budget, onSession, log, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (GraphRequestException e) when (e.StatusCode == 404)
        {
            return false;
        }
    }

    /// <summary>A record's sessions with segments and media streams, all pages; null when the record does not exist.</summary>
    public async Task<IReadOnlyList<CallRecordSession>?> GetSessionsAsync(string callRecordId, RequestLog log, CancellationToken cancellationToken)
    {
        var sessions = new List<CallRecordSession>();
        return await ListSessionsAsync(callRecordId, sessions.Add, log, cancellationToken).ConfigureAwait(false) ? sessions : null;
    }

    /// <summary>
    /// A record's participants from participants_v2, all pages (130 per page); null when the record does not exist.
    /// The deprecated participants list is read instead where participants_v2 has none, and where Graph refuses it
    /// (clouds other than the global one; said once per connection).
    /// </summary>
    public async Task<IReadOnlyList<CallRecordParticipant>?> GetParticipantsAsync(string callRecordId, RequestLog log, CancellationToken cancellationToken)
    {
        var participants = new List<CallRecordParticipant>();
        var url = "communications/callRecords/" + Uri.EscapeDataString(callRecordId) + "/participants_v2";
        using var budget = _http.Budgets.CallRecords.Take(callRecordId);
        try
        {
            if (!_features.ParticipantsV2Missing)
            {
                try
                {
                    await foreach (var participant in _http.ItemsAsync(url, GraphOperation.ListParticipants.On(budget), log, cancellationToken).ConfigureAwait(false))
                    {
                        participants.Add(CallRecordMapper.MapParticipant(participant, callRecordId, _tenantId));
                    }
                }
                catch (GraphRequestException e) when (CloudFeatures.IsParticipantsV2Refusal(e))
                {
                    if (_features.LearnParticipantsV2Missing())
                    {
                        log.WriteWarning("Graph here has no participants_v2 (it is in the global cloud only), so participants come from the deprecated participants list: identities only, at most 130 a record.");
                    }
                }
            }

            if (participants.Count == 0)
            {
                using var record = await _http.GetJsonAsync("communications/callRecords/" + Uri.EscapeDataString(callRecordId) + "?$select=id,participants", GraphOperation.GetCallRecord.On(budget), log, cancellationToken).ConfigureAwait(false);
                foreach (var identitySet in record.RootElement.GetArray("participants"))
                {
                    participants.Add(CallRecordMapper.MapLegacyParticipant(identitySet, callRecordId, _tenantId));
                }
            }
        }
        catch (GraphRequestException e) when (e.StatusCode == 404)
        {
            return null;
        }

        return participants;
    }

    /// <summary>Every media stream of the sessions, one flat row each, judged by <paramref name="thresholds"/>; a stream judged by other rules comes as a judged copy.</summary>
    public static IEnumerable<CallRecordMediaStream> MediaStreamsOf(IEnumerable<CallRecordSession> sessions, QualityThresholds thresholds)
    {
        foreach (var session in sessions)
        {
            foreach (var segment in session.Segments)
            {
                foreach (var stream in segment.MediaStreams)
                {
                    yield return StreamClassifier.JudgedBy(stream, thresholds);
                }
            }
        }
    }

    private async Task ReadSessionsAsync(string? url, string callRecordId, CallRecordBudgetLease budget, Action<CallRecordSession> onSession, RequestLog log, CancellationToken cancellationToken)
    {
        await foreach (var session in _http.ItemsAsync(url, GraphOperation.ListSessions.On(budget), log, cancellationToken).ConfigureAwait(false))
        {
            onSession(CallRecordMapper.MapSession(session, callRecordId, _tenantId, _thresholds));
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
