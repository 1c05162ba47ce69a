using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine.Json;

namespace CallRecords.Engine;

/// <summary>
/// Receives Graph change notifications over HTTP: answers the validation handshake, answers every notification
/// at once (202) and processes it afterwards, drops those whose clientState does not match (compared in
/// constant time), handles Graph's lifecycle events (renews a subscription that asks for reauthorization, makes a
/// removed one again, and names the window of missed notifications, reading it again when it expands records),
/// and stops on a count, a timeout, cancellation or disposal, freeing the port. One receiver listens once.
/// </summary>
public sealed class NotificationReceiver : IAsyncDisposable
{
    /// <summary>
    /// How long Graph keeps trying to deliver a notification before it drops it (learn.microsoft.com/graph/change-notifications-delivery-webhooks,
    /// "Throttling"). Graph's "missed" event says no more than that notifications were dropped, so the receiver takes
    /// them to have been due within this long before the event.
    /// </summary>
    public static readonly TimeSpan DeliveryRetryPeriod = TimeSpan.FromHours(4);

    private readonly ReceiverOptions _options;
    private readonly ReceiverHandlers _handlers;
    private readonly CallRecordReader? _reader;
    private readonly SubscriptionKeeper? _keeper;

    // Graph's time when connected (received times, renewals), this machine's otherwise.
    private readonly GraphClock _clock;

    // Graph may notify more than once for the same version (retries, created and updated); each is written once.
    private readonly HashSet<string> _writtenVersions = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _disposing = new();
    private Task<ReceiverSummary>? _run;
    private int _disposed;
    private int _accepted;
    private int _dropped;
    private int _written;

    /// <summary>
    /// Creates a receiver that hands what it receives to <paramref name="handlers"/>. Without a
    /// <paramref name="connection"/> it neither expands call records nor renews subscriptions.
    /// </summary>
    public NotificationReceiver(ReceiverOptions options, ReceiverHandlers handlers, GraphConnection? connection = null)
    {
        _options = options;
        _handlers = handlers;
        _reader = connection is null ? null : new CallRecordReader(connection);
        _clock = connection?.Clock ?? new GraphClock();
        _keeper = connection is null || !options.AutoRenew ? null : new SubscriptionKeeper(new SubscriptionClient(connection), _clock, handlers.Log);
    }

    /// <summary>Compares without stopping at the first difference, so timing says nothing about the expected value.</summary>
    public static bool ClientStateMatches(string? actual, IReadOnlyList<string> expected)
    {
        var actualBytes = Encoding.UTF8.GetBytes(actual ?? "");
        var match = false;
        foreach (var candidate in expected)
        {
            var candidateBytes = Encoding.UTF8.GetBytes(candidate);
            var difference = actualBytes.Length ^ candidateBytes.Length;
            var length = Math.Max(actualBytes.Length, candidateBytes.Length);
            for (var i = 0; i < length; i++)
            {
                difference |= (i < actualBytes.Length ? actualBytes[i] : 0) ^ (i < candidateBytes.Length ? candidateBytes[i] : 0);
            }

            match |= difference == 0 && actual is not null;
        }

        return match;
    }

    /// <summary>
    /// Listens until the count, the timeout, cancellation (an <see cref="OperationCanceledException"/>) or disposal;
    /// the port is free again when the returned task ends. A prefix that cannot be listened on is a
    /// <see cref="NotificationListenerException"/>.
    /// </summary>
    public Task<ReceiverSummary> RunAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        if (_run is not null)
        {
            throw new InvalidOperationException("A receiver listens once; create another to listen again.");
        }

        _run = ListenAsync(cancellationToken);
        return _run;
    }

    /// <summary>Stops a run in progress and waits for it, including the requests being answered.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _disposing.Cancel();
        if (_run is not null)
        {
            try
            {
                await _run.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Whoever started the run has its outcome; disposing only waits for its end.
            }
        }

        _disposing.Dispose();
    }

    private async Task<ReceiverSummary> ListenAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        var learning = new List<Task>();
        var listener = NotificationListener.Start(_options.Prefix, _options.MaxBodyBytes, Log, _keeper is null ? null : () =>
        {
            lock (learning)
            {
                learning.Add(LearnSoonAsync(stop.Token));
            }
        });
        if (_options.Timeout is { } timeout)
        {
            stop.CancelAfter(timeout);
        }

        Log.WriteVerbose($"Listening for notifications on {_options.Prefix}");
        try
        {
            if (_keeper is not null)
            {
                await _keeper.LearnAsync(stop.Token).ConfigureAwait(false);
            }

            while (_options.Count is not { } count || _written < count)
            {
                var notification = await listener.ReceiveAsync(stop.Token).ConfigureAwait(false);
                await HandleAsync(notification, stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.WriteVerbose(_disposing.IsCancellationRequested ? "Stopped listening: the receiver was disposed." : $"Stopped listening after {_options.Timeout}.");
        }
        finally
        {
            await listener.DisposeAsync().ConfigureAwait(false);
            stop.Cancel();
            Task[] pending;
            lock (learning)
            {
                pending = learning.ToArray();
            }

            await Task.WhenAll(pending).ConfigureAwait(false);
            Log.WriteVerbose($"Receiver stopped: {listener.Validations} validations, {_accepted} accepted, {_dropped} dropped, {listener.Rejected} rejected, {_written} written.");
        }

        return new ReceiverSummary
        {
            Validations = listener.Validations,
            Accepted = _accepted,
            Dropped = _dropped,
            Rejected = listener.Rejected,
            Written = _written,
        };
    }

    private async Task HandleAsync(JsonElement json, CancellationToken cancellationToken)
    {
        if (!ClientStateMatches(json.GetStringOrNull("clientState"), _options.ClientStates))
        {
            _dropped++;
            Log.WriteWarning($"Dropped a notification for subscription {json.GetStringOrNull("subscriptionId")}: its clientState does not match ({_dropped} dropped so far).");
            return;
        }

        _accepted++;
        try
        {
            await ProcessAsync(CallRecordNotificationMapper.Map(json, _clock.UtcNow), json.GetStringOrNull("clientState")!, cancellationToken).ConfigureAwait(false);
        }
        catch (GraphRequestException e)
        {
            // One notification that cannot be followed up (a record Graph refuses, a renewal that fails)
            // must not stop the receiver.
            Log.WriteWarning($"A notification for subscription {json.GetStringOrNull("subscriptionId")} could not be processed: {e.Message}");
        }
    }

    private async Task ProcessAsync(CallRecordNotification notification, string clientState, CancellationToken cancellationToken)
    {
        switch (notification.LifecycleEvent)
        {
            case "reauthorizationRequired" when _keeper is not null && notification.SubscriptionId is not null:
                await _keeper.RenewAsync(notification.SubscriptionId, cancellationToken).ConfigureAwait(false);
                Write(notification);
                return;
            case "subscriptionRemoved":
                Write(notification);
                if (_keeper is not null && notification.SubscriptionId is not null)
                {
                    await _keeper.RecreateAsync(notification.SubscriptionId, clientState, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    Log.WriteWarning($"Graph removed subscription {notification.SubscriptionId}: no more notifications come from it. Make it again with New-CallRecordSubscription, or receive with -AutoRenew to have that done.");
                }

                return;
            case "missed":
                await CatchUpAsync(notification, cancellationToken).ConfigureAwait(false);
                return;
            case not null:
                Write(notification);
                return;
        }

        if (_keeper is not null)
        {
            await _keeper.NoticeAsync(notification.SubscriptionId, cancellationToken).ConfigureAwait(false);
        }

        if (!_options.ExpandCallRecord || _reader is null || string.IsNullOrEmpty(notification.CallRecordId))
        {
            Write(notification);
            return;
        }

        if (!Guid.TryParse(notification.CallRecordId, out _))
        {
            Log.WriteWarning($"A notification names '{notification.CallRecordId}', which is not a call record id; it is written as it came.");
            Write(notification);
            return;
        }

        var record = await _reader.GetAsync(notification.CallRecordId!, expandSessions: false, Log, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            Log.WriteWarning($"Call record {notification.CallRecordId} from a notification was not found.");
            return;
        }

        WriteOnce(record);
    }

    /// <summary>
    /// Graph dropped notifications without saying which: writes their window; with -ExpandCallRecord first reads the
    /// window again and writes each record changed in it that this run has not written at its version.
    /// </summary>
    private async Task CatchUpAsync(CallRecordNotification notification, CancellationToken cancellationToken)
    {
        var received = notification.ReceivedDateTime;
        var missed = new CallRecordMissedNotification
        {
            SubscriptionId = notification.SubscriptionId,
            SubscriptionExpirationDateTime = notification.SubscriptionExpirationDateTime,
            TenantId = notification.TenantId,
            ReceivedDateTime = received,
            WindowStart = received - DeliveryRetryPeriod,
            WindowEnd = received,

            // Listed by the call's start: the same reach back as a sync's overlap, for calls notified late.
            StartDateTime = received - DeliveryRetryPeriod - Sync.SyncPass.CallRecords.Overlap,
            EndDateTime = received,
        };

        if (_options.ExpandCallRecord && _reader is not null)
        {
            // Changed in the window, read from lastModifiedDateTime, which Graph documents as when the record was
            // created: a record revised in the window but made before it is not found here (a sync finds it).
            var changed = new List<string>();
            var query = new CallRecordQuery { StartDateTime = missed.StartDateTime, EndDateTime = missed.EndDateTime };
            await _reader.ListAsync(query, listed =>
            {
                if (listed.LastModifiedDateTime is not { } modified || modified >= missed.WindowStart)
                {
                    if (!_writtenVersions.Contains(listed.Id + "#" + listed.Version))
                    {
                        changed.Add(listed.Id);
                    }
                }
            }, Log, cancellationToken).ConfigureAwait(false);

            var written = 0;
            foreach (var id in changed)
            {
                if (await _reader.GetAsync(id, expandSessions: false, Log, cancellationToken).ConfigureAwait(false) is { } record && WriteOnce(record))
                {
                    written++;
                }
            }

            missed.RecordsWritten = written;
            Log.WriteVerbose($"Graph missed notifications of subscription {missed.SubscriptionId} due from {missed.WindowStart:u} to {missed.WindowEnd:u}: {written} records changed then and not written before are written now.");
        }
        else
        {
            Log.WriteWarning($"Graph missed notifications of subscription {missed.SubscriptionId} due from {missed.WindowStart:u} to {missed.WindowEnd:u}; read the calls that started from {missed.StartDateTime:u} to {missed.EndDateTime:u} again (Sync-CallRecord, or Get-CallRecord), or receive with -ExpandCallRecord to have that done.");
        }

        _handlers.OnMissed(missed);
        _written++;
    }

    private RequestLog Log => _handlers.Log;

    // A subscription is made once Graph has its validation answered: list the app's subscriptions a little later.
    private async Task LearnSoonAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(SubscriptionKeeper.LearnAfterValidation, cancellationToken).ConfigureAwait(false);
            await _keeper!.LearnAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The receiver stopped first; nothing is left to keep.
        }
        catch (GraphAuthenticationException e)
        {
            Log.WriteWarning($"The subscriptions could not be listed, so one Graph removes cannot be made again: {e.Message}");
        }
    }

    private void Write(CallRecordNotification notification)
    {
        _handlers.OnNotification(notification);
        _written++;
    }

    private bool WriteOnce(CallRecord record)
    {
        if (!_writtenVersions.Add(record.Id + "#" + record.Version))
        {
            return false;
        }

        _handlers.OnCallRecord(record);
        _written++;
        return true;
    }
}
