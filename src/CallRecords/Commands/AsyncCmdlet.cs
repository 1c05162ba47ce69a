using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;

namespace CallRecords.Commands;

/// <summary>
/// The base of every command. Work runs as async code on the thread pool with a token that Ctrl+C
/// (StopProcessing) cancels; everything it writes is queued and written on the pipeline thread, which is
/// the only thread PowerShell lets write. The queue is bounded, so a slow consumer slows the producer
/// rather than filling memory.
/// </summary>
public abstract class AsyncCmdlet : PSCmdlet, IDisposable
{
    private const int PendingCapacity = 1024;
    private static readonly Action s_wakeUp = () => { };
    private readonly CancellationTokenSource _stopping = new();
    private readonly BlockingCollection<Action> _pending = new(PendingCapacity);
    private int _pipelineThreadId = -1;

    /// <summary>Cancels whatever still runs and releases the queue.</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        WaitFor(ReleaseResourcesAsync().AsTask());
        _stopping.Dispose();
        _pending.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes an object, from any thread.</summary>
    protected new void WriteObject(object? sendToPipeline) => OnPipelineThread(() => base.WriteObject(sendToPipeline));

    /// <summary>Writes an object or, with <paramref name="enumerateCollection"/>, each of its items, from any thread.</summary>
    protected new void WriteObject(object? sendToPipeline, bool enumerateCollection) => OnPipelineThread(() => base.WriteObject(sendToPipeline, enumerateCollection));

    /// <summary>Writes an information record, from any thread.</summary>
    protected new void WriteInformation(InformationRecord informationRecord) => OnPipelineThread(() => base.WriteInformation(informationRecord));

    /// <summary>Writes a non-terminating error, from any thread.</summary>
    protected new void WriteError(ErrorRecord errorRecord) => OnPipelineThread(() => base.WriteError(errorRecord));

    /// <summary>Writes a warning, from any thread.</summary>
    protected new void WriteWarning(string text) => OnPipelineThread(() => base.WriteWarning(text));

    /// <summary>Writes a verbose line, from any thread.</summary>
    protected new void WriteVerbose(string text) => OnPipelineThread(() => base.WriteVerbose(text));

    /// <summary>Writes a debug line, from any thread.</summary>
    protected new void WriteDebug(string text) => OnPipelineThread(() => base.WriteDebug(text));

    /// <summary>Writes to the information stream, from any thread.</summary>
    protected new void WriteInformation(object messageData, string[] tags) => OnPipelineThread(() => base.WriteInformation(messageData, tags));

    /// <summary>Writes a progress record, from any thread.</summary>
    protected new void WriteProgress(ProgressRecord progressRecord) => OnPipelineThread(() => base.WriteProgress(progressRecord));

    /// <summary>Asks ShouldProcess on the pipeline thread (where -WhatIf and -Confirm are answered), from any thread.</summary>
    protected Task<bool> ShouldProcessAsync(string target, string action)
    {
        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        OnPipelineThread(() =>
        {
            try
            {
                answer.SetResult(ShouldProcess(target, action));
            }
            catch (Exception e)
            {
                answer.SetException(e);
            }
        });
        return answer.Task;
    }

    /// <summary>The error record that ends the command for an exception its work threw; null lets the exception through as a bug.</summary>
    protected virtual ErrorRecord? ErrorRecordFor(Exception exception) => null;

    /// <summary>Runs once before the first input.</summary>
    protected virtual Task BeginProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once per input.</summary>
    protected virtual Task ProcessRecordAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once after the last input.</summary>
    protected virtual Task EndProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Releases what the command still holds when PowerShell disposes it: after the last input, after Ctrl+C or after a
    /// failure. No work of the command runs any more by then (Ctrl+C waits for it), so this needs no lock.
    /// </summary>
    protected virtual ValueTask ReleaseResourcesAsync() => default;

    /// <summary>Gets the runspace the command runs in, taken on the pipeline thread (worker threads have none).</summary>
    protected Runspace? CommandRunspace { get; private set; }

    /// <inheritdoc/>
    protected sealed override void BeginProcessing()
    {
        CommandRunspace = Runspace.DefaultRunspace;
        Run(BeginProcessingAsync);
    }

    /// <inheritdoc/>
    protected sealed override void ProcessRecord() => Run(ProcessRecordAsync);

    /// <inheritdoc/>
    protected sealed override void EndProcessing() => Run(EndProcessingAsync);

    /// <inheritdoc/>
    protected override void StopProcessing() => _stopping.Cancel();

    private void OnPipelineThread(Action write)
    {
        if (Environment.CurrentManagedThreadId == _pipelineThreadId)
        {
            write();
            return;
        }

        _pending.Add(write, _stopping.Token);
    }

    private void Run(Func<CancellationToken, Task> work)
    {
        _pipelineThreadId = Environment.CurrentManagedThreadId;
        var task = Task.Run(() => work(_stopping.Token));

        // Wakes the pump when the work ends with nothing left to write. If the queue is full the pump is
        // busy anyway and sees the completed task once it has drained.
        _ = task.ContinueWith(_ => _pending.TryAdd(s_wakeUp), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            // Writes queued by background work that outlives one input (concurrent fetches) are written by
            // whichever Run is pumping; the queue lives as long as the command.
            while (!(task.IsCompleted && _pending.Count == 0))
            {
                _pending.Take(_stopping.Token)();
            }
        }
        catch (Exception e)
        {
            // Ctrl+C, or a write failed here (the pipeline is stopping, or a downstream Select-Object -First
            // is done): stop the producer and wait for it before leaving, so no work outlives the command.
            _stopping.Cancel();
            WaitQuietly(task);
            if (e is OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }

            throw;
        }

        Complete(task);
    }

    private void WaitQuietly(Task task)
    {
        while (!task.IsCompleted)
        {
            // Drain without writing so a producer blocked on a full queue can see the cancellation.
            while (_pending.TryTake(out _))
            {
            }

            ((IAsyncResult)task).AsyncWaitHandle.WaitOne(TimeSpan.FromMilliseconds(20));
        }
    }

    // The one place that blocks on async work: the pipeline thread waits for its own task.
    private static void WaitFor(Task task) => task.GetAwaiter().GetResult();

    private void Complete(Task task)
    {
        try
        {
            WaitFor(task);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (TerminatingException e)
        {
            ThrowTerminatingError(e.ErrorRecord);
        }
        catch (Exception e) when (ErrorRecordFor(e) is { } record)
        {
            ThrowTerminatingError(record);
        }
    }
}
