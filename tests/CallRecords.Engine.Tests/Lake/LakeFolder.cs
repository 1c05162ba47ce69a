using System;
using System.IO;
using System.Linq;

namespace CallRecords.Engine.Tests.Lake;

/// <summary>A dataset folder of its own under the system's temporary folder, removed with everything in it.</summary>
internal sealed class LakeFolder : IDisposable
{
    public LakeFolder() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "callrecords-lake-" + Guid.NewGuid().ToString("N"));

    /// <summary>Every file under the root, as paths relative to it with '/' between folders.</summary>
    public string[] Files() =>
        Directory.GetFiles(Root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToArray();

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
