using System.IO;

namespace CallRecords.Engine.Lake;

/// <summary>A dataset in a local or mounted folder; partition folders are made as files need them.</summary>
internal sealed class FolderStorage : LakeStorage
{
    public FolderStorage(string root) => Root = Path.GetFullPath(root);

    public override string Root { get; }

    public override string LocationOf(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public override LakeSink Create(string relativePath)
    {
        var path = LocationOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new FolderSink(path);
    }
}
