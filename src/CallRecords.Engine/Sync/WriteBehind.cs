using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace CallRecords.Engine.Sync;

/// <summary>
/// Writes one batch while the pass reads the next from Graph: at most one write runs, and each starts only after the
/// one before has committed, so batches (and the checkpoint the last of a slice carries) commit in order. A failed
/// write surfaces at the next batch or when drained; disposing waits for the write in flight, so nothing is written
/// after the pass has ended or given its lease back. The stopwatch counts only the time the pass waits for a write.
/// </summary>
internal sealed class WriteBehind : IAsyncDisposable
{
    private readonly Stopwatch _waiting;
    private Task _writing = Task.CompletedTask;

    public WriteBehind(Stopwatch waiting) => _waiting = waiting;

    /// <summary>Waits for the write in flight, then starts <paramref name="write"/> without waiting for it.</summary>
    public async Task NextAsync(Func<Task> write)
    {
        await DrainAsync().ConfigureAwait(false);
        _writing = write();
    }

    /// <summary>Waits until every batch given so far has been written; throws when one failed.</summary>
    public async Task DrainAsync()
    {
        _waiting.Start();
        try
        {
            await _writing.ConfigureAwait(false);
        }
        finally
        {
            _waiting.Stop();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _writing.ConfigureAwait(false);
        }
        catch
        {
            // Reported by DrainAsync, or superseded by the failure that ends the pass.
        }
    }
}
