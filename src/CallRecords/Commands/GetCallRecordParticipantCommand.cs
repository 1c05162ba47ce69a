using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine;

namespace CallRecords.Commands;

/// <summary>Gets the participants of call records (participants_v2), following every page.</summary>
[Cmdlet(VerbsCommon.Get, "CallRecordParticipant")]
[OutputType(typeof(CallRecordParticipant))]
public sealed class GetCallRecordParticipantCommand : PerCallRecordCmdlet<IReadOnlyList<CallRecordParticipant>>
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
    protected override Task<IReadOnlyList<CallRecordParticipant>?> FetchAsync(CallRecordReader reader, string callRecordId, CancellationToken cancellationToken) =>
        reader.GetParticipantsAsync(callRecordId, Log, cancellationToken);

    /// <inheritdoc/>
    protected override void Emit(IReadOnlyList<CallRecordParticipant> result)
    {
        foreach (var participant in result)
        {
            WriteObject(participant);
        }
    }
}
