using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine;

namespace CallRecords.Commands;

/// <summary>Gets Direct Routing calls for any date range; rows pipe into Get-CallRecord by CorrelationId.</summary>
[Cmdlet(VerbsCommon.Get, "DirectRoutingCallLog")]
[OutputType(typeof(DirectRoutingCallLogRow))]
public sealed class GetDirectRoutingCallLogCommand : CallLogCmdlet
{
    /// <inheritdoc/>
    protected override string Activity => "Get-DirectRoutingCallLog";


    /// <inheritdoc/>
    protected override Task ReadAsync(CallLogReader reader, DateTimeOffset start, DateTimeOffset until, Action<CallLogProgress> onProgress, CancellationToken cancellationToken) =>
        reader.ReadDirectRoutingAsync(start, until, WriteObject, onProgress, Log, cancellationToken);
}
