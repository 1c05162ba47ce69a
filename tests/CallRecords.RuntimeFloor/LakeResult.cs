namespace CallRecords.RuntimeFloor;

/// <summary>What the lake did on this runtime: PSTN rows written as Parquet to a folder, and a blob write that found nothing listening.</summary>
public sealed class LakeResult
{
    /// <summary>Gets how many rows the files written to the folder hold, by the writer's own count.</summary>
    public long Rows { get; init; }

    /// <summary>Gets how many files were written to the folder.</summary>
    public int Files { get; init; }

    /// <summary>Gets whether every file starts and ends with Parquet's magic bytes and is as long as the writer said.</summary>
    public bool FilesWhole { get; init; }

    /// <summary>Gets the failure of a write to a blob endpoint where nothing listens: ConnectionFailed once the storage client has loaded and retried.</summary>
    public string BlobFailure { get; init; } = "";
}
