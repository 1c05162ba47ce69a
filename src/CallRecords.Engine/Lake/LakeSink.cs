using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace CallRecords.Engine.Lake;

/// <summary>
/// Where one Parquet file is written: a write-only stream whose bytes no reader sees until <see cref="CommitAsync"/>
/// makes the whole file visible at its final name. Disposing it without a commit discards what was written.
/// </summary>
internal abstract class LakeSink : Stream
{
    private long _written;

    /// <summary>Gets the file's final path or URL.</summary>
    public abstract string Location { get; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _written;

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException("A Parquet file is written front to back.");
    }

    /// <summary>Makes the whole file visible under its final name; until then readers see nothing of it.</summary>
    public abstract Task CommitAsync(CancellationToken cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A Parquet file is written front to back.");

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        WriteCore(buffer);
        _written += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await WriteCoreAsync(buffer, cancellationToken).ConfigureAwait(false);
        _written += buffer.Length;
    }

    // Nothing becomes visible before the commit, so there is nothing to flush to a reader.
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected abstract void WriteCore(ReadOnlySpan<byte> buffer);

    protected abstract ValueTask WriteCoreAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken);
}
