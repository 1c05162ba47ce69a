using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine;

namespace CallRecords.Commands;

/// <summary>Gets the participants of call records (participants_v2), following every page.</summary>
[Cmdlet(VerbsCommon.Get, "CallRecordParticipant")]
[OutputType(typeof(CallRecordParticipant))]
public sealed class GetCallRecordParticipantCommand : CallRecordItemsCmdlet<CallRecordParticipant>
{
    /// <inheritdoc/>
    protected override Task<IReadOnlyList<CallRecordParticipant>?> FetchAsync(CallRecordReader reader, string callRecordId, CancellationToken cancellationToken) =>
        reader.GetParticipantsAsync(callRecordId, Log, cancellationToken);
}
