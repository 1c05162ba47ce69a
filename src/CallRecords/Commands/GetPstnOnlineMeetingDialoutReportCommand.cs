using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine;

namespace CallRecords.Commands;

/// <summary>Gets audio conferencing dial-out totals per meeting organizer for any date range (Graph beta getPstnOnlineMeetingDialoutReport).</summary>
[Cmdlet(VerbsCommon.Get, "PstnOnlineMeetingDialoutReport")]
[OutputType(typeof(PstnOnlineMeetingDialoutReportRow))]
public sealed class GetPstnOnlineMeetingDialoutReportCommand : CallLogCmdlet
{
    /// <inheritdoc/>
    protected override string Activity => "Get-PstnOnlineMeetingDialoutReport";

    /// <inheritdoc/>
    protected override Task ReadAsync(CallLogReader reader, DateTimeOffset start, DateTimeOffset until, Action<CallLogProgress> onProgress, CancellationToken cancellationToken) =>
        reader.ReadPstnOnlineMeetingDialoutReportAsync(start, until, WriteObject, onProgress, Log, cancellationToken);
}
