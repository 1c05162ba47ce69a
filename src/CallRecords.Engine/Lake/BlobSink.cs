using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace CallRecords.Engine.Lake;

/// <summary>
/// A block blob written as staged blocks and committed as a block list once whole. Staged blocks are invisible: the
/// blob appears, whole, at the commit, or never (Azure drops uncommitted blocks after seven days). The commit never
/// replaces a blob of the same name. Each block request is retried by the client's retry options.
/// </summary>
internal sealed class BlobSink : LakeSink
{
    private readonly BlockBlobClient _blob;
    private readonly byte[] _block;
    private readonly List<string> _blockIds = new();
    private int _filled;

    public BlobSink(BlockBlobClient blob, string location, int blockSize)
    {
        _blob = blob;
        Location = location;
        _block = new byte[blockSize];
    }

    public override string Location { get; }

    public override async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_filled > 0 || _blockIds.Count == 0)
        {
            await StageAsync(cancellationToken).ConfigureAwait(false);
        }

        var options = new CommitBlockListOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/vnd.apache.parquet" },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        };
        await _blob.CommitBlockListAsync(_blockIds, options, cancellationToken).ConfigureAwait(false);
    }

    protected override void WriteCore(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            buffer = buffer[Fill(buffer)..];
            if (_filled == _block.Length)
            {
                using var content = Content();
                _blob.StageBlock(NextBlockId(), content);
                _filled = 0;
            }
        }
    }

    protected override async ValueTask WriteCoreAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        while (!buffer.IsEmpty)
        {
            buffer = buffer[Fill(buffer.Span)..];
            if (_filled == _block.Length)
            {
                await StageAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private int Fill(ReadOnlySpan<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _block.Length - _filled);
        buffer[..count].CopyTo(_block.AsSpan(_filled));
        _filled += count;
        return count;
    }

    private async Task StageAsync(CancellationToken cancellationToken)
    {
        using var content = Content();
        await _blob.StageBlockAsync(NextBlockId(), content, cancellationToken: cancellationToken).ConfigureAwait(false);
        _filled = 0;
    }

    // A seekable copy-free view, so a retry can send the block again.
    private MemoryStream Content() => new(_block, 0, _filled, writable: false);

    // Every id of a blob must have the same length: a six-digit counter, in base 64 as the service wants.
    private string NextBlockId()
    {
        var id = Convert.ToBase64String(Encoding.ASCII.GetBytes(_blockIds.Count.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)));
        _blockIds.Add(id);
        return id;
    }
}
