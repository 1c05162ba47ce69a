using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace CallRecords.Engine.Lake;

/// <summary>
/// A file written under a hidden temporary name beside its final one (.part-….parquet.tmp, which neither a *.parquet
/// glob nor Spark, which skips names that start with a dot, reads), flushed to disk and renamed when whole. A rename
/// in one folder is atomic, so a reader sees the whole file or none of it.
/// </summary>
internal sealed class FolderSink : LakeSink
{
    private readonly string _temporary;
    private readonly FileStream _file;
    private bool _committed;

    public FolderSink(string path)
    {
        Location = path;
        _temporary = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".tmp");
        _file = new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 20);
    }

    public override string Location { get; }

    public override async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _file.FlushAsync(cancellationToken).ConfigureAwait(false);

        // On disk before the rename, so a crash never leaves a visible name over missing bytes.
        _file.Flush(flushToDisk: true);
        await _file.DisposeAsync().ConfigureAwait(false);
        File.Move(_temporary, Location, overwrite: false);
        _committed = true;
    }

    protected override void WriteCore(ReadOnlySpan<byte> buffer) => _file.Write(buffer);

    protected override ValueTask WriteCoreAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken) =>
        _file.WriteAsync(buffer, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_committed)
        {
            _file.Dispose();
            File.Delete(_temporary);
        }

        base.Dispose(disposing);
    }
}
