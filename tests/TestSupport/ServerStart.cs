using System.Diagnostics;

namespace CallRecords.TestSupport;

/// <summary>How a server process started: its line saying it listens, or, when there was none, whether it had exited and what it wrote to standard error.</summary>
public sealed record ServerStart(Process Process, string? ReadyLine, bool Exited, string StandardError);
