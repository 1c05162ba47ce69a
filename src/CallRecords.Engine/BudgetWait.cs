using System;
using System.Globalization;

namespace CallRecords.Engine;

/// <summary>How long a request waited for room in its budgets, and the name of the budget that held it up (null when it did not wait).</summary>
internal readonly record struct BudgetWait(TimeSpan Waited, string? Budget)
{
    public static readonly BudgetWait None = new(TimeSpan.Zero, null);

    /// <summary>The wait as the request's verbose line says it, such as "; waited 4.2 s for 'per call record (40 / 20 s)'", or nothing.</summary>
    public string Describe() => Budget is null
        ? ""
        : Waited < TimeSpan.FromSeconds(1)
            ? string.Create(CultureInfo.InvariantCulture, $"; waited {Waited.TotalMilliseconds:0} ms for '{Budget}'")
            : string.Create(CultureInfo.InvariantCulture, $"; waited {Waited.TotalSeconds:0.0} s for '{Budget}'");
}
