using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine;

namespace CallRecords.Commands;

/// <summary>Gets the sessions of call records, each with its segments, following every page.</summary>
[Cmdlet(VerbsCommon.Get, "CallRecordSession")]
[OutputType(typeof(CallRecordSession))]
public sealed class GetCallRecordSessionCommand : CallRecordItemsCmdlet<CallRecordSession>
{
    /// <inheritdoc/>
    protected override Task<IReadOnlyList<CallRecordSession>?> FetchAsync(CallRecordReader reader, string callRecordId, CancellationToken cancellationToken) =>
        reader.GetSessionsAsync(callRecordId, Log, cancellationToken);
}
