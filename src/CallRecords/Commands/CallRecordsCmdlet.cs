using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine;

namespace CallRecords.Commands;

/// <summary>
/// The base of every command. Work runs as async code on the thread pool with a token that Ctrl+C
/// (StopProcessing) cancels; everything it writes is queued and written on the pipeline thread, which is
/// the only thread PowerShell lets write. The queue is bounded, so a slow consumer slows the producer
/// rather than filling memory.
/// </summary>
public abstract class CallRecordsCmdlet : PSCmdlet, IDisposable
{
    private const int PendingCapacity = 1024;
    private readonly CancellationTokenSource _stopping = new();
    private BlockingCollection<Action>? _pending;
    private int _pipelineThreadId;

    /// <summary>Gets a log that sends the engine's messages to this command's verbose, debug and warning streams.</summary>
    protected RequestLog Log => new()
    {
        Verbose = WriteVerbose,
        Debug = WriteDebug,
        Warning = WriteWarning,
    };

    /// <summary>Cancels the running work.</summary>
    public void Dispose() => _stopping.Dispose();

    /// <summary>Writes an object, from any thread.</summary>
    protected new void WriteObject(object? sendToPipeline) => OnPipelineThread(() => base.WriteObject(sendToPipeline));

    /// <summary>Writes a non-terminating error, from any thread.</summary>
    protected new void WriteError(ErrorRecord errorRecord) => OnPipelineThread(() => base.WriteError(errorRecord));

    /// <summary>Writes a warning, from any thread.</summary>
    protected new void WriteWarning(string text) => OnPipelineThread(() => base.WriteWarning(text));

    /// <summary>Writes a verbose line, from any thread.</summary>
    protected new void WriteVerbose(string text) => OnPipelineThread(() => base.WriteVerbose(text));

    /// <summary>Writes a debug line, from any thread.</summary>
    protected new void WriteDebug(string text) => OnPipelineThread(() => base.WriteDebug(text));

    /// <summary>Writes a progress record, from any thread.</summary>
    protected new void WriteProgress(ProgressRecord progressRecord) => OnPipelineThread(() => base.WriteProgress(progressRecord));

    /// <summary>Runs once before the first input.</summary>
    protected virtual Task BeginProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once per input.</summary>
    protected virtual Task ProcessRecordAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once after the last input.</summary>
    protected virtual Task EndProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    protected sealed override void BeginProcessing() => Run(BeginProcessingAsync);

    /// <inheritdoc/>
    protected sealed override void ProcessRecord() => Run(ProcessRecordAsync);

    /// <inheritdoc/>
    protected sealed override void EndProcessing() => Run(EndProcessingAsync);

    /// <inheritdoc/>
    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>The connection, or a terminating NotConnected error.</summary>
    protected GraphConnection RequireConnection() => ConnectionState.Require(this);

    /// <summary>The error record for a failure from the engine, as <see cref="ErrorMapper"/> names it.</summary>
    protected static ErrorRecord ErrorFor(Exception exception, object? target, string? errorId = null) =>
        ErrorMapper.ToErrorRecord(exception, target, errorId);

    private void OnPipelineThread(Action write)
    {
        var pending = _pending;
        if (pending is null || Environment.CurrentManagedThreadId == _pipelineThreadId)
        {
            write();
            return;
        }

        pending.Add(write, _stopping.Token);
    }

    private void Run(Func<CancellationToken, Task> work)
    {
        using var pending = new BlockingCollection<Action>(PendingCapacity);
        _pending = pending;
        _pipelineThreadId = Environment.CurrentManagedThreadId;
        var task = Task.Run(
            async () =>
            {
                try
                {
                    await work(_stopping.Token).ConfigureAwait(false);
                }
                finally
                {
                    pending.CompleteAdding();
                }
            });

        try
        {
            foreach (var write in pending.GetConsumingEnumerable())
            {
                write();
            }
        }
        catch
        {
            // A write failed here (the pipeline is stopping, or a downstream Select-Object -First is done):
            // stop the producer and wait for it before leaving, so no work outlives the command.
            _stopping.Cancel();
            WaitQuietly(task, pending);
            throw;
        }
        finally
        {
            _pending = null;
        }

        Complete(task);
    }

    private static void WaitQuietly(Task task, BlockingCollection<Action> pending)
    {
        while (!task.IsCompleted)
        {
            // Drain without writing so a producer blocked on a full queue can see the cancellation.
            while (pending.TryTake(out _))
            {
            }

            ((IAsyncResult)task).AsyncWaitHandle.WaitOne(TimeSpan.FromMilliseconds(20));
        }
    }

    private void Complete(Task task)
    {
        try
        {
            // The one place that blocks on async work: the pipeline thread waits for its own task.
            task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (TerminatingException e)
        {
            ThrowTerminatingError(e.ErrorRecord);
        }
        catch (Exception e) when (ErrorMapper.IsKnown(e))
        {
            ThrowTerminatingError(ErrorMapper.ToErrorRecord(e, null));
        }
    }
}
