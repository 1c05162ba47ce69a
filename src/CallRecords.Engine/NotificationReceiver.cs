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
/// constant time), renews subscriptions that ask for reauthorization, and stops on a count, a timeout,
/// cancellation or disposal, freeing the port. One receiver listens once.
/// </summary>
public sealed class NotificationReceiver : IAsyncDisposable
{
    private readonly ReceiverOptions _options;
    private readonly ReceiverHandlers _handlers;
    private readonly CallRecordReader? _reader;
    private readonly SubscriptionClient? _subscriptions;

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
        _subscriptions = connection is null ? null : new SubscriptionClient(connection);
        _clock = connection?.Clock ?? new GraphClock();
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
        var listener = NotificationListener.Start(_options.Prefix, _options.MaxBodyBytes, Log);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        if (_options.Timeout is { } timeout)
        {
            stop.CancelAfter(timeout);
        }

        Log.WriteVerbose($"Listening for notifications on {_options.Prefix}");
        try
        {
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
            await ProcessAsync(CallRecordNotificationMapper.Map(json, _clock.UtcNow), cancellationToken).ConfigureAwait(false);
        }
        catch (GraphRequestException e)
        {
            // One notification that cannot be followed up (a record Graph refuses, a renewal that fails)
            // must not stop the receiver.
            Log.WriteWarning($"A notification for subscription {json.GetStringOrNull("subscriptionId")} could not be processed: {e.Message}");
        }
    }

    private async Task ProcessAsync(CallRecordNotification notification, CancellationToken cancellationToken)
    {
        if (notification.LifecycleEvent is not null)
        {
            await RenewIfAskedAsync(notification, cancellationToken).ConfigureAwait(false);
            Write(notification);
            return;
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

        if (_writtenVersions.Add(record.Id + "#" + record.Version))
        {
            _handlers.OnCallRecord(record);
            _written++;
        }
    }

    private async Task RenewIfAskedAsync(CallRecordNotification notification, CancellationToken cancellationToken)
    {
        if (notification.LifecycleEvent == "reauthorizationRequired" && _options.AutoRenew && _subscriptions is not null && notification.SubscriptionId is not null)
        {
            var renewed = await _subscriptions.RenewAsync(notification.SubscriptionId, _clock.UtcNow + SubscriptionClient.MaximumLifetime - TimeSpan.FromMinutes(1), Log, cancellationToken).ConfigureAwait(false);
            Log.WriteVerbose($"Renewed subscription {notification.SubscriptionId} until {renewed.ExpirationDateTime:u} after Graph asked for reauthorization.");
        }
    }

    private RequestLog Log => _handlers.Log;

    private void Write(CallRecordNotification notification)
    {
        _handlers.OnNotification(notification);
        _written++;
    }
}
