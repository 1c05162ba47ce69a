using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CallRecords.Engine;

/// <summary>
/// Runs up to N tasks at once and hands their results over in the order they were added, so concurrent
/// fetching keeps output order stable. Stopping cancels what is still running and waits for it, so no
/// work outlives the command.
/// </summary>
public sealed class OrderedWork<T> : IDisposable
{
    private readonly int _maxInFlight;
    private readonly CancellationTokenSource _cancel;
    private readonly Queue<(Task<T> Task, Action<T> OnResult)> _inFlight = new();

    /// <summary>Creates the runner; <paramref name="cancellationToken"/> cancels everything it starts.</summary>
    public OrderedWork(int maxInFlight, CancellationToken cancellationToken)
    {
        _maxInFlight = maxInFlight;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>Starts <paramref name="work"/>; first waits for the oldest results while N are in flight.</summary>
    public async Task AddAsync(Func<CancellationToken, Task<T>> work, Action<T> onResult)
    {
        while (_inFlight.Count >= _maxInFlight)
        {
            await CompleteOldestAsync().ConfigureAwait(false);
        }

        _inFlight.Enqueue((work(_cancel.Token), onResult));
    }

    /// <summary>Waits for everything added and hands the results over in order.</summary>
    public async Task DrainAsync()
    {
        while (_inFlight.Count > 0)
        {
            await CompleteOldestAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Cancels whatever is still running and waits until it has ended.</summary>
    public async Task StopAsync()
    {
        if (_inFlight.Count == 0)
        {
            return;
        }

        _cancel.Cancel();
        foreach (var (task, _) in _inFlight)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The command is already failing or stopping; the first error is the one reported.
            }
        }

        _inFlight.Clear();
    }

    /// <summary>Releases the cancellation source.</summary>
    public void Dispose() => _cancel.Dispose();

    private async Task CompleteOldestAsync()
    {
        var (task, onResult) = _inFlight.Peek();
        var result = await task.ConfigureAwait(false);
        _inFlight.Dequeue();
        onResult(result);
    }
}
