using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace CallRecords.Engine;

/// <summary>
/// The pages of one call log window, handed from the task that reads them to the one that writes them, in order.
/// At most a few pages wait: the reader asks for room before each request, so memory stays bounded however far
/// ahead it runs.
/// </summary>
internal sealed class WindowPages<T> : IDisposable
{
    private readonly Queue<List<T>> _pages = new();
    private readonly SemaphoreSlim _ready = new(0);
    private readonly SemaphoreSlim _room;
    private ExceptionDispatchInfo? _failure;

    public WindowPages(CallLogWindow window, int capacity)
    {
        Window = window;
        _room = new SemaphoreSlim(capacity);
    }

    public CallLogWindow Window { get; }

    /// <summary>Gets or sets the task reading the window; it never faults: its failure comes out of <see cref="TakeAsync"/>.</summary>
    public Task Reading { get; set; } = Task.CompletedTask;

    /// <summary>Waits until one more page may be fetched.</summary>
    public Task WaitForRoomAsync(CancellationToken cancellationToken) => _room.WaitAsync(cancellationToken);

    /// <summary>Hands over the next page.</summary>
    public void Add(List<T> page)
    {
        lock (_pages)
        {
            _pages.Enqueue(page);
        }

        _ready.Release();
    }

    /// <summary>Ends the window: every page was added, or <paramref name="failure"/> stopped it.</summary>
    public void Complete(Exception? failure)
    {
        _failure = failure is null ? null : ExceptionDispatchInfo.Capture(failure);
        _ready.Release();
    }

    /// <summary>The next page in order; null once the window is done. Throws what stopped the window after its earlier pages.</summary>
    public async Task<List<T>?> TakeAsync(CancellationToken cancellationToken)
    {
        await _ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_pages)
        {
            if (_pages.Count > 0)
            {
                _room.Release();
                return _pages.Dequeue();
            }
        }

        _failure?.Throw();
        return null;
    }

    public void Dispose()
    {
        _ready.Dispose();
        _room.Dispose();
    }
}
