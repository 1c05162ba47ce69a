using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CallRecords;
using CallRecords.Engine.Lake;
using CallRecords.Engine.Tests.Lake;

namespace CallRecords.Bench.Parquet;

/// <summary>
/// Usage: ParquetBench ROWS FOLDER [ROW_GROUP_SIZE MAX_BUFFERED_ROWS]. Makes ROWS media streams one by one (never all in memory, as rows pass through a
/// pipeline), writes them with the Engine's LakeWriter into FOLDER, and prints one line of JSON: rows, seconds, rows per
/// second with and without the time it took only to make the rows, bytes per row, and the process's peak memory.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length is not (2 or 4) || !int.TryParse(args[0], out var count))
        {
            Console.Error.WriteLine("Usage: ParquetBench ROWS FOLDER [ROW_GROUP_SIZE MAX_BUFFERED_ROWS]");
            return 2;
        }

        var options = new LakeWriterOptions();
        if (args.Length == 4)
        {
            options.RowGroupSize = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
            options.MaxBufferedRows = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
        }

        var folder = Path.GetFullPath(args[1]);
        var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

        // One day of streams spread over a month of days, as a month's sync brings them.
        var step = TimeSpan.FromDays(30) / count;

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var making = Stopwatch.StartNew();
        var made = 0L;
        foreach (var stream in LakeTestRows.MediaStreams(count, start, step))
        {
            made += stream.StreamId!.Length;
        }

        making.Stop();
        var bytesPerMadeRow = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / count;

        var files = 0;
        var bytes = 0L;
        options.FileWritten = f =>
        {
            files++;
            bytes += f.Bytes;
        };
        var writing = Stopwatch.StartNew();
        await using (var writer = LakeWriter.Create(LakeTarget.Folder(folder), null, options))
        {
            foreach (var stream in LakeTestRows.MediaStreams(count, start, step))
            {
                await writer.AddAsync(stream, CancellationToken.None);
            }

            await writer.CompleteAsync(CancellationToken.None);
        }

        writing.Stop();
        using var process = Process.GetCurrentProcess();
        var report = new
        {
            Rows = count,
            options.RowGroupSize,
            options.MaxBufferedRows,
            AllocatedBytesPerRowMade = bytesPerMadeRow,
            Files = files,
            Seconds = Math.Round(writing.Elapsed.TotalSeconds, 2),
            RowsPerSecond = (long)(count / writing.Elapsed.TotalSeconds),
            MakingSeconds = Math.Round(making.Elapsed.TotalSeconds, 2),
            RowsPerSecondWriterOnly = (long)(count / Math.Max(0.001, writing.Elapsed.TotalSeconds - making.Elapsed.TotalSeconds)),
            BytesPerRow = Math.Round((double)bytes / count, 1),
            PeakWorkingSetMB = process.PeakWorkingSet64 >> 20,
            Gen2Collections = GC.CollectionCount(2),
            Checksum = made,
        };
        Console.WriteLine(JsonSerializer.Serialize(report));
        return 0;
    }
}
