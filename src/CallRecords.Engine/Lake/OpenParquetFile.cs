using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Parquet;

namespace CallRecords.Engine.Lake;

/// <summary>A Parquet file being written row group by row group into a sink that shows it only once it is committed.</summary>
internal sealed class OpenParquetFile : IDisposable
{
    // Snappy: what Spark and Azure Data Explorer write by default, fast to write and read. The library keeps pools of
    // buffers; capping what they keep free holds the process's memory near what the rows need.
    private static readonly ParquetOptions s_options = new()
    {
        CompressionMethod = CompressionMethod.Snappy,
        MaximumSmallPoolFreeBytes = 4 << 20,
        MaximumLargePoolFreeBytes = 16 << 20,
    };
    private readonly LakeSink _sink;
    private readonly ParquetWriter _writer;

    private OpenParquetFile(LakeSink sink, ParquetWriter writer, string fileName)
    {
        _sink = sink;
        _writer = writer;
        FileName = fileName;
    }

    /// <summary>Gets the file's name, without its folder.</summary>
    public string FileName { get; }

    /// <summary>Gets the final path or URL.</summary>
    public string Location => _sink.Location;

    /// <summary>Gets the rows written so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Starts a file for <paramref name="table"/>'s rows; the run id goes into its metadata as well as its name.</summary>
    public static async Task<OpenParquetFile> CreateAsync(LakeSink sink, LakeTable table, string fileName, string runId, CancellationToken cancellationToken)
    {
        try
        {
            var writer = await ParquetWriter.CreateAsync(table.Schema, sink, s_options, append: false, cancellationToken).ConfigureAwait(false);
            writer.CustomMetadata = new Dictionary<string, string> { ["callrecords.run_id"] = runId, ["callrecords.row_type"] = table.Name };
            return new OpenParquetFile(sink, writer, fileName);
        }
        catch
        {
            await sink.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Writes <paramref name="rows"/> as one row group.</summary>
    public async Task WriteRowGroupAsync(IReadOnlyList<LakeColumn> columns, IReadOnlyList<object> rows, CancellationToken cancellationToken)
    {
        using (var rowGroup = _writer.CreateRowGroup())
        {
            foreach (var column in columns)
            {
                await column.WriteAsync(rowGroup, rows, cancellationToken).ConfigureAwait(false);
            }

            rowGroup.CompleteValidate();
        }

        Rows += rows.Count;
    }

    /// <summary>Writes the footer and makes the file visible; returns its size.</summary>
    public async Task<long> CommitAsync(CancellationToken cancellationToken)
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _sink.CommitAsync(cancellationToken).ConfigureAwait(false);
        return _sink.Length;
    }

    /// <summary>Discards the file unless it was committed.</summary>
    public void Dispose() => _sink.Dispose();
}
