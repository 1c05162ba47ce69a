using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine;

namespace CallRecords.Commands;

/// <summary>Gets the SMS sent and received through Teams Phone for any date range (Graph beta getSmsLog).</summary>
[Cmdlet(VerbsCommon.Get, "SmsLog")]
[OutputType(typeof(SmsLogRow))]
public sealed class GetSmsLogCommand : CallLogCmdlet
{
    /// <inheritdoc/>
    protected override string Activity => "Get-SmsLog";

    /// <inheritdoc/>
    protected override Task ReadAsync(CallLogReader reader, DateTimeOffset start, DateTimeOffset until, Action<CallLogProgress> onProgress, CancellationToken cancellationToken) =>
        reader.ReadSmsAsync(start, until, WriteObject, onProgress, Log, cancellationToken);
}
