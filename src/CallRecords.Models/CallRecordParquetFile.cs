using System;

namespace CallRecords;

/// <summary>
/// One Parquet file Export-CallRecordParquet wrote and made visible: its partition (row type, tenant and UTC day), where
/// it is, and how many rows and bytes it holds.
/// </summary>
public sealed class CallRecordParquetFile
{
    /// <summary>Gets or sets the row type the file holds, such as CallRecordMediaStream: the dataset's top folder.</summary>
    public string RowType { get; set; } = "";

    /// <summary>Gets or sets the tenant partition (tenant=); empty for row types that carry no tenant.</summary>
    public string? TenantId { get; set; }

    /// <summary>Gets or sets the UTC day of the date partition (date=yyyy-MM-dd).</summary>
    public DateTime Date { get; set; }

    /// <summary>Gets or sets the file's full path, or its blob URL without any query.</summary>
    public string Path { get; set; } = "";

    /// <summary>Gets or sets the run the file belongs to; every file of one run carries it in its name.</summary>
    public string RunId { get; set; } = "";

    /// <summary>Gets or sets how many rows the file holds.</summary>
    public long Rows { get; set; }

    /// <summary>Gets or sets the file's size in bytes.</summary>
    public long Bytes { get; set; }

    /// <summary>The path.</summary>
    public override string ToString() => Path;
}
