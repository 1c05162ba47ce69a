using System;
using System.Management.Automation;

namespace CallRecords;

/// <summary>Carries an error record out of async code to the pipeline thread, which throws it as terminating.</summary>
internal sealed class TerminatingException : Exception
{
    public TerminatingException(ErrorRecord errorRecord)
        : base(errorRecord.Exception.Message, errorRecord.Exception)
    {
        ErrorRecord = errorRecord;
    }

    public ErrorRecord ErrorRecord { get; }
}
