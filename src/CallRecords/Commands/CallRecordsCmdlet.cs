using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine;
using CallRecords.Engine.Quality;

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
    private static readonly TimeSpan s_retention = TimeSpan.FromDays(30);
    private static readonly Action s_wakeUp = () => { };
    private readonly CancellationTokenSource _stopping = new();
    private readonly BlockingCollection<Action> _pending = new(PendingCapacity);
    private int _pipelineThreadId = -1;

    /// <summary>Gets a log that sends the engine's messages to this command's verbose, debug and warning streams.</summary>
    protected RequestLog Log => new()
    {
        Verbose = WriteVerbose,
        Debug = WriteDebug,
        Warning = WriteWarning,
    };

    /// <summary>Cancels whatever still runs and releases the queue.</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        _pending.Dispose();
    }

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
    protected GraphConnection RequireConnection() => ConnectionState.Require();

    /// <summary>The error record for a failure from the engine, as <see cref="ErrorMapper"/> names it.</summary>
    protected static ErrorRecord ErrorFor(Exception exception, object? target, string? errorId = null) =>
        ErrorMapper.ToErrorRecord(exception, target, errorId);

    /// <summary>
    /// The call records to list for -StartDateTime and -EndDateTime: the end defaults to now and is clamped to
    /// it, the start defaults to (and is raised to) the 30 days Graph keeps, both with a warning when the user
    /// asked for more; a start not before the end is a terminating InvalidDateRange error. Null, with a warning,
    /// when the whole range is older than what Graph keeps.
    /// </summary>
    protected CallRecordQuery? BuildRangeQuery(DateTime? startDateTime, DateTime? endDateTime)
    {
        var now = DateTimeOffset.UtcNow;
        var oldest = now - s_retention;
        var end = endDateTime is { } requestedEnd ? ToUtc(requestedEnd) : now;
        if (end > now)
        {
            WriteWarning($"-EndDateTime {end:u} is in the future; listing up to now ({now:u}).");
            end = now;
        }

        var start = startDateTime is { } requestedStart ? ToUtc(requestedStart) : oldest;
        if (start >= end)
        {
            throw new TerminatingException(new ErrorRecord(
                new ArgumentException($"-StartDateTime {start:u} must be before -EndDateTime {end:u} (and before now)."),
                "InvalidDateRange",
                ErrorCategory.InvalidArgument,
                startDateTime));
        }

        if (end <= oldest)
        {
            WriteWarning($"Graph keeps call records for 30 days: records that started before {oldest:u} do not exist, so this range has none.");
            return null;
        }

        if (start < oldest)
        {
            if (startDateTime is not null)
            {
                WriteWarning($"Graph keeps call records for 30 days: records that started before {oldest:u} do not exist. Listing from {oldest:u}.");
            }

            start = oldest;
        }

        return new CallRecordQuery { StartDateTime = start, EndDateTime = end };
    }

    /// <summary>
    /// Lists the call records of <paramref name="query"/>, handing each to <paramref name="onRecord"/>, with progress
    /// every page; a failure ends the command with an error that says how many records had been handled
    /// (<paramref name="afterFailure"/> completes the sentence, such as "were written before the failure.").
    /// </summary>
    protected async Task ListCallRecordsAsync(CallRecordQuery query, string activity, Action<CallRecord> onRecord, string afterFailure, CancellationToken cancellationToken, QualityThresholds? thresholds = null)
    {
        var reader = new CallRecordReader(RequireConnection(), thresholds);
        var progress = new ProgressRecord(1, activity, $"Reading the call records that started from {query.StartDateTime:u} to {query.EndDateTime:u}");
        var count = 0;
        try
        {
            await reader.ListAsync(
                query,
                record =>
                {
                    onRecord(record);
                    if (++count % 60 == 0)
                    {
                        progress.StatusDescription = $"{count} records so far";
                        WriteProgress(progress);
                    }
                },
                Log,
                cancellationToken).ConfigureAwait(false);
        }
        catch (GraphRequestException e)
        {
            throw new TerminatingException(ErrorFor(
                new GraphRequestException($"{e.Message} {count} records {afterFailure}", e.StatusCode, e.ErrorCode, e.Method, e.Path, e.RequestId, e.RequiredPermission, e.RetriesExhausted, e),
                query.ToFilter()));
        }
        finally
        {
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
    }

    /// <summary>A parameter's DateTime in UTC; one without a kind is what the user typed at the prompt: local time.</summary>
    protected static DateTimeOffset ToUtc(DateTime value) =>
        new DateTimeOffset(value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(), TimeSpan.Zero);

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
