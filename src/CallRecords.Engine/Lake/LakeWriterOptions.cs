using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading.Tasks;

namespace CallRecords.Engine.Lake;

/// <summary>How a <see cref="LakeWriter"/> buffers, names and reports its files.</summary>
public sealed class LakeWriterOptions
{
    /// <summary>Gets or sets the rows of one partition buffered before they are written as a row group.</summary>
    public int RowGroupSize { get; set; } = 5_000;

    /// <summary>
    /// Gets or sets the rows buffered over all partitions; past it the fullest partition is written as a (smaller) row
    /// group, so memory stays flat however the rows spread over days and tenants.
    /// </summary>
    public int MaxBufferedRows { get; set; } = 15_000;

    /// <summary>Gets or sets how many files may be open at once; past it the one written least recently is finished.</summary>
    public int MaxOpenFiles { get; set; } = 16;

    /// <summary>Gets or sets how often a storage request is retried (with exponential back-off) before the run fails.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>Gets or sets the first back-off of a storage retry; it doubles each time, up to 30 seconds.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the size of each staged block of a blob.</summary>
    public int BlockSize { get; set; } = 4 << 20;

    /// <summary>Gets or sets when the run started: its UTC day files the rows of types without a date.</summary>
    public DateTimeOffset RunStarted { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>
    /// Gets or sets the run's id, in every file name of the run: its start (UTC, to the millisecond, so names sort by run)
    /// and eight random hex digits, such as 20260105T101500123Z-3f9a2c1b.
    /// </summary>
    public string RunId { get; set; } = NewRunId(DateTimeOffset.UtcNow);

    /// <summary>Gets or sets the question asked before each file is started (ShouldProcess); false drops that partition's rows.</summary>
    public Func<string, Task<bool>>? ShouldWrite { get; set; }

    /// <summary>Gets or sets what hears of each file once it is whole and visible.</summary>
    public Action<CallRecordParquetFile>? FileWritten { get; set; }

    /// <summary>Gets or sets where the storage requests are logged.</summary>
    public RequestLog Log { get; set; } = RequestLog.None;

    /// <summary>A new run id for a run that starts at <paramref name="started"/>.</summary>
    public static string NewRunId(DateTimeOffset started) =>
        started.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + "-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
}
