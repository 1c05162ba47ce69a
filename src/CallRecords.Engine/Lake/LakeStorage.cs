namespace CallRecords.Engine.Lake;

/// <summary>Where a dataset's files go: a folder, or a blob container with a prefix.</summary>
internal abstract class LakeStorage
{
    /// <summary>Gets the dataset's root as the user named it: a full path, or a container URL with its prefix.</summary>
    public abstract string Root { get; }

    /// <summary>The full path or URL of a file at <paramref name="relativePath"/> (folders separated by '/').</summary>
    public abstract string LocationOf(string relativePath);

    /// <summary>Starts a file at <paramref name="relativePath"/>, invisible until its sink commits.</summary>
    public abstract LakeSink Create(string relativePath);
}
