using System;

namespace CallRecords.Engine;

/// <summary>How hard the engine tries before it gives up, and how many requests it keeps in flight.</summary>
public sealed class RequestPolicy
{
    /// <summary>Gets or sets how many times one request is tried in all (throttled, unavailable, reset or truncated).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Gets or sets the first back-off when the server gives no Retry-After; it doubles each attempt.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets or sets the longest back-off between two attempts.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long one attempt may take before it counts as failed.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Gets or sets how many call records are fetched at once when a command works on many.</summary>
    public int MaxConcurrency { get; set; } = 48;

    /// <summary>Gets or sets a factor for the throttling budgets' windows: 1 for Graph; an emulator run with --time-scale F needs F.</summary>
    public double ThrottleWindowScale { get; set; } = 1;
}
