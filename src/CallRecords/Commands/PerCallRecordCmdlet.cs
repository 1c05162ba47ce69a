using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine;
using CallRecords.Engine.Quality;

namespace CallRecords.Commands;

/// <summary>
/// The base of commands that fetch something for each call record piped in. Records are fetched several at a
/// time (bounded by the connection's concurrency and Graph's throttling budgets) while results are written in
/// input order. An unknown id writes CallRecordNotFound and the pipeline goes on.
/// </summary>
public abstract class PerCallRecordCmdlet<TResult> : ConnectedCmdlet
    where TResult : class
{
    private CallRecordReader? _reader;
    private OrderedWork<Fetched>? _work;

    /// <summary>Gets the rules the media streams of fetched records are judged by.</summary>
    protected virtual QualityThresholds Thresholds => QualityThresholds.Current;

    /// <summary>Fetches what the command returns for one record; null when the record does not exist.</summary>
    protected abstract Task<TResult?> FetchAsync(CallRecordReader reader, string callRecordId, CancellationToken cancellationToken);

    /// <summary>Writes the result for one record.</summary>
    protected abstract void Emit(TResult result);

    /// <inheritdoc/>
    protected sealed override Task BeginProcessingAsync(CancellationToken cancellationToken)
    {
        _reader = new CallRecordReader(RequireConnection(), Thresholds);
        _work = new OrderedWork<Fetched>(_reader.MaxConcurrency, cancellationToken);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    protected sealed override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _work!.DrainAsync().ConfigureAwait(false);
        }
        finally
        {
            await _work!.StopAsync().ConfigureAwait(false);
            _work.Dispose();
        }
    }

    /// <summary>Queues a fetch for <paramref name="callRecordId"/>, after checking that it is a call record id.</summary>
    protected Task AddFetchAsync(string callRecordId, object target)
    {
        var id = callRecordId.Trim();
        if (!Guid.TryParse(id, out _))
        {
            return AddResultAsync(new Fetched(id, null, target, invalid: true));
        }

        return RunAsync(_work!.AddAsync(async token => new Fetched(id, await FetchAsync(_reader!, id, token).ConfigureAwait(false), target, invalid: false), Complete));
    }

    /// <summary>Queues a result that needs no request, keeping it in order with the fetches before it.</summary>
    protected Task AddResultAsync(TResult result, object target) => AddResultAsync(new Fetched("", result, target, invalid: false));

    private Task AddResultAsync(Fetched fetched) => RunAsync(_work!.AddAsync(_ => Task.FromResult(fetched), Complete));

    private async Task RunAsync(Task adding)
    {
        try
        {
            await adding.ConfigureAwait(false);
        }
        catch
        {
            await _work!.StopAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void Complete(Fetched fetched)
    {
        if (fetched.Invalid)
        {
            WriteError(new ErrorRecord(
                new ArgumentException($"'{fetched.Id}' is not a call record id. Call record ids are GUIDs, from Get-CallRecord, a change notification, or a Direct Routing CorrelationId; a PSTN CallId is not one."),
                "InvalidCallRecordId",
                ErrorCategory.InvalidArgument,
                fetched.Target));
            return;
        }

        if (fetched.Result is null)
        {
            WriteError(new ErrorRecord(
                new ItemNotFoundException($"Call record {fetched.Id} was not found. Graph keeps call records for 30 days after the call; older or unknown ids return nothing."),
                "CallRecordNotFound",
                ErrorCategory.ObjectNotFound,
                fetched.Target));
            return;
        }

        Emit(fetched.Result);
    }

    private sealed class Fetched
    {
        public Fetched(string id, TResult? result, object target, bool invalid)
        {
            Id = id;
            Result = result;
            Target = target;
            Invalid = invalid;
        }

        public string Id { get; }

        public TResult? Result { get; }

        public object Target { get; }

        public bool Invalid { get; }
    }
}
