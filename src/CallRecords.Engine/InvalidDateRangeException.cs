using System;

namespace CallRecords.Engine;

/// <summary>A date range whose start is not before its end.</summary>
public sealed class InvalidDateRangeException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public InvalidDateRangeException(string message)
        : base(message)
    {
    }
}
