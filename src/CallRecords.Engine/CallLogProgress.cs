namespace CallRecords.Engine;

/// <summary>How far a pull has come, for progress and for the error that ends a failed one.</summary>
public sealed class CallLogProgress
{
    internal CallLogProgress(CallLogWindow window, int page, long rows, double completed)
    {
        Window = window;
        Page = page;
        Rows = rows;
        Completed = completed;
    }

    /// <summary>Gets the window being read.</summary>
    public CallLogWindow Window { get; }

    /// <summary>Gets the pages read in this window so far.</summary>
    public int Page { get; }

    /// <summary>Gets the rows handed over so far, in all windows.</summary>
    public long Rows { get; }

    /// <summary>Gets the share of the range, from 0 to 1, whose rows have all been handed over.</summary>
    public double Completed { get; }
}
