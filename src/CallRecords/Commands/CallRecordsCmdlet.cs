using System;
using System.Management.Automation;
using CallRecords.Engine;

namespace CallRecords.Commands;

/// <summary>The base of the commands that talk to Graph: the connection, errors from the Engine, and listing call records.</summary>
public abstract class CallRecordsCmdlet : AsyncCmdlet
{
    /// <summary>Gets a log that sends the engine's messages to this command's verbose, debug and warning streams.</summary>
    protected RequestLog Log => new()
    {
        Verbose = WriteVerbose,
        Debug = WriteDebug,
        Warning = WriteWarning,
    };

    /// <summary>The range <paramref name="make"/> builds, its warnings written; a start not before the end ends the command with InvalidDateRange.</summary>
    protected DateRange RangeOf(Func<DateRange> make, object? start)
    {
        DateRange range;
        try
        {
            range = make();
        }
        catch (InvalidDateRangeException e)
        {
            throw new TerminatingException(ErrorFor(e, start));
        }

        foreach (var warning in range.Warnings)
        {
            WriteWarning(warning);
        }

        return range;
    }

    /// <inheritdoc/>
    protected override ErrorRecord? ErrorRecordFor(Exception exception) =>
        ErrorMapper.IsKnown(exception) ? ErrorMapper.ToErrorRecord(exception, null) : null;

    /// <summary>Gets "now" on Graph's clock (see GraphClock): the runspace's default connection's, this machine's without one.</summary>
    protected virtual DateTimeOffset GraphNow => ConnectionState.DefaultOf(CommandRunspace)?.Clock.UtcNow ?? DateTimeOffset.UtcNow;

    /// <summary>The connection, or a terminating NotConnected error.</summary>
    protected GraphConnection RequireConnection(CallRecordGraphConnection? given) => ConnectionState.Require(given, CommandRunspace);

    /// <summary>The error record for a failure from the engine, as <see cref="ErrorMapper"/> names it.</summary>
    protected static ErrorRecord ErrorFor(Exception exception, object? target, string? errorId = null) =>
        ErrorMapper.ToErrorRecord(exception, target, errorId);

    /// <summary>
    /// The call records to list for -StartDateTime and -EndDateTime (see <see cref="DateRange.ForCallRecords"/>), its
    /// warnings written; null when the whole range is older than what Graph keeps.
    /// </summary>
    protected CallRecordQuery? BuildRangeQuery(DateTime? startDateTime, DateTime? endDateTime)
    {
        var range = RangeOf(() => DateRange.ForCallRecords(startDateTime, endDateTime, GraphNow), startDateTime);
        return range.IsEmpty ? null : new CallRecordQuery { StartDateTime = range.Start, EndDateTime = range.End };
    }
}
