using System;

namespace CallRecords.Engine;

/// <summary>
/// Where one command wants to hear about its requests. The engine calls these from any thread; the cmdlet
/// hands them to the pipeline thread.
/// </summary>
public sealed class RequestLog
{
    /// <summary>A log that drops everything.</summary>
    public static readonly RequestLog None = new();

    /// <summary>Gets or sets the receiver of one line per request: method, path, status and duration.</summary>
    public Action<string>? Verbose { get; set; }

    /// <summary>Gets or sets the receiver of retries, back-offs and other detail.</summary>
    public Action<string>? Debug { get; set; }

    /// <summary>Gets or sets the receiver of warnings.</summary>
    public Action<string>? Warning { get; set; }

    internal void WriteVerbose(string message) => Verbose?.Invoke(message);

    internal void WriteDebug(string message) => Debug?.Invoke(message);

    internal void WriteWarning(string message) => Warning?.Invoke(message);
}
