using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine;

namespace CallRecords.Commands;

/// <summary>Gets PSTN calls (calling plans, Operator Connect, audio conferencing) for any date range.</summary>
[Cmdlet(VerbsCommon.Get, "PstnCallLog")]
[OutputType(typeof(PstnCallLogRow))]
public sealed class GetPstnCallLogCommand : CallLogCmdlet
{
    /// <inheritdoc/>
    protected override string Activity => "Get-PstnCallLog";


    /// <inheritdoc/>
    protected override Task ReadAsync(CallLogReader reader, DateTimeOffset start, DateTimeOffset until, Action<CallLogProgress> onProgress, CancellationToken cancellationToken) =>
        reader.ReadPstnAsync(start, until, WriteObject, onProgress, Log, cancellationToken);
}
