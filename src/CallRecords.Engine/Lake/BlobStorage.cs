using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;

namespace CallRecords.Engine.Lake;

/// <summary>A dataset in a blob container (Blob Storage or ADLS Gen2) under a prefix; the container must exist.</summary>
internal sealed class BlobStorage : LakeStorage
{
    private readonly BlobContainerClient _container;
    private readonly string _prefix;
    private readonly int _blockSize;

    public BlobStorage(BlobContainerClient container, string prefix, int blockSize)
    {
        _container = container;
        _prefix = prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/";
        _blockSize = blockSize;
        Root = _prefix.Length == 0 ? container.Uri.AbsoluteUri.TrimEnd('/') : container.Uri.AbsoluteUri.TrimEnd('/') + "/" + _prefix.TrimEnd('/');
    }

    public override string Root { get; }

    // The container's URL never holds a SAS: a SAS is given as a credential, never as part of the URL.
    public override string LocationOf(string relativePath) => _container.Uri.AbsoluteUri.TrimEnd('/') + "/" + _prefix + relativePath;

    public override LakeSink Create(string relativePath) =>
        new BlobSink(_container.GetBlockBlobClient(_prefix + relativePath), LocationOf(relativePath), _blockSize);
}
