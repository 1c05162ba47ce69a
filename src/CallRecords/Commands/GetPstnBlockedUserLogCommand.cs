using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine;

namespace CallRecords.Commands;

/// <summary>Gets the users blocked from, or unblocked for, PSTN calls for any date range (Graph beta getPstnBlockedUsersLog).</summary>
[Cmdlet(VerbsCommon.Get, "PstnBlockedUserLog")]
[OutputType(typeof(PstnBlockedUserLogRow))]
public sealed class GetPstnBlockedUserLogCommand : CallLogCmdlet
{
    /// <inheritdoc/>
    protected override string Activity => "Get-PstnBlockedUserLog";

    /// <inheritdoc/>
    protected override Task ReadAsync(CallLogReader reader, DateTimeOffset start, DateTimeOffset until, Action<CallLogProgress> onProgress, CancellationToken cancellationToken) =>
        reader.ReadPstnBlockedUsersAsync(start, until, WriteObject, onProgress, Log, cancellationToken);
}
