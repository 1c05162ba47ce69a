namespace CallRecords.RuntimeFloor;

/// <summary>The host's findings, written as its last line in JSON for the test that runs it.</summary>
public sealed class FloorReport
{
    public LoadReport Loads { get; init; } = new();

    public RangeResult CallRecords { get; init; } = new();

    public RangeResult ExpandedCallRecords { get; init; } = new();

    /// <summary>Gets how many expanded records came with at least one session.</summary>
    public int ExpandedWithSessions { get; init; }

    public RangeResult PstnRows { get; init; } = new();

    /// <summary>Gets how many windows the PSTN pull was read in.</summary>
    public int PstnWindows { get; init; }

    /// <summary>Gets the call records listed on a connection signed in as a managed identity.</summary>
    public RangeResult ManagedIdentityCallRecords { get; init; } = new();

    /// <summary>Gets what the Parquet lake did with the PSTN rows.</summary>
    public LakeResult Lake { get; init; } = new();

    /// <summary>Gets how many PSTN rows a sync of the same range added to PostgreSQL.</summary>
    public long StoredPstnRows { get; init; }

    /// <summary>Gets the call record id of the notification the receiver took, or null if none arrived.</summary>
    public string? ReceivedCallRecordId { get; init; }

    /// <summary>Gets whether every read returned the truth's ids, every expanded record came with sessions, the pull took several windows and the receiver took its notification.</summary>
    public bool AllMatch =>
        CallRecords.SameIds && ExpandedCallRecords.SameIds && PstnRows.SameIds && ManagedIdentityCallRecords.SameIds &&
        ExpandedWithSessions == ExpandedCallRecords.Count && PstnWindows > 1 && ReceivedCallRecordId == FloorCheck.FloorCallRecordId &&
        Lake.Rows == PstnRows.Count && Lake.FilesWhole && Lake.BlobFailure == "ConnectionFailed" && StoredPstnRows == PstnRows.Count;
}
