using System;

namespace CallRecords.TestSupport;

/// <summary>The emulator exited before it was listening, or was not listening in time; the message ends with its standard error.</summary>
public sealed class EmulatorStartException : Exception
{
    public EmulatorStartException(string reason, int? exitCode, string standardError)
        : base($"{reason} Its standard error:{Environment.NewLine}{(standardError.Length == 0 ? "(nothing)" : standardError)}")
    {
        ExitCode = exitCode;
        StandardError = standardError;
    }

    /// <summary>Gets the emulator's exit code, or null when it was stopped for not being ready in time.</summary>
    public int? ExitCode { get; }

    /// <summary>Gets what the emulator wrote to standard error.</summary>
    public string StandardError { get; }
}
