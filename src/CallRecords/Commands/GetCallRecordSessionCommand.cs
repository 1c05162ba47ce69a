using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine;

namespace CallRecords.Commands;

/// <summary>Gets the sessions of call records, each with its segments, following every page.</summary>
[Cmdlet(VerbsCommon.Get, "CallRecordSession")]
[OutputType(typeof(CallRecordSession))]
public sealed class GetCallRecordSessionCommand : PerCallRecordCmdlet<IReadOnlyList<CallRecordSession>>
{
    /// <summary>Gets or sets the call record ids.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [Alias("Id")]
    public string[] CallRecordId { get; set; } = Array.Empty<string>();

    /// <inheritdoc/>
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        foreach (var id in CallRecordId)
        {
            await AddFetchAsync(id, id).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    protected override Task<IReadOnlyList<CallRecordSession>?> FetchAsync(CallRecordReader reader, string callRecordId, CancellationToken cancellationToken) =>
        reader.GetSessionsAsync(callRecordId, Log, cancellationToken);

    /// <inheritdoc/>
    protected override void Emit(IReadOnlyList<CallRecordSession> result)
    {
        foreach (var session in result)
        {
            WriteObject(session);
        }
    }
}
