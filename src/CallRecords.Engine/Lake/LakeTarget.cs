using System;
using System.Net;
using Azure.Storage.Blobs;

namespace CallRecords.Engine.Lake;

/// <summary>
/// Where a dataset goes: a folder, or a blob container URL with an optional prefix
/// (https://account.blob.core.windows.net/container/prefix, or an emulator's http://127.0.0.1:port/account/container).
/// </summary>
public sealed class LakeTarget
{
    private LakeTarget(string root, Uri? containerUri, string prefix)
    {
        Root = root;
        ContainerUri = containerUri;
        Prefix = prefix;
    }

    /// <summary>Gets the dataset's root: the folder's full path, or the container URL and prefix.</summary>
    public string Root { get; }

    /// <summary>Gets whether the dataset goes to Blob Storage.</summary>
    public bool IsBlob => ContainerUri is not null;

    /// <summary>Gets the container's URL, without a query; null for a folder.</summary>
    internal Uri? ContainerUri { get; }

    /// <summary>Gets the prefix of every blob name, without a leading or trailing '/'.</summary>
    internal string Prefix { get; }

    /// <summary>Gets the storage account's name, from the URL.</summary>
    internal string AccountName { get; private init; } = "";

    /// <summary>Whether <paramref name="path"/> is a URL rather than a folder.</summary>
    public static bool IsUrl(string path) =>
        path.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    /// <summary>A folder, given as a full path.</summary>
    public static LakeTarget Folder(string fullPath) => new(fullPath, null, "");

    /// <summary>
    /// A blob container URL. Throws <see cref="ArgumentException"/> for a URL that is not one, that uses http away from
    /// this machine, or that holds a query: a SAS belongs in -StorageSasToken, where it is never echoed.
    /// </summary>
    public static LakeTarget BlobContainer(string url)
    {
        var shown = WithoutQuery(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"'{shown}' is not a URL.");
        }

        if (uri.Query.Length > 1)
        {
            throw new ArgumentException($"The URL {shown} has a query. Give the container's URL alone, and a SAS token with -StorageSasToken, so that it never shows in a history or a log.");
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)))
        {
            throw new ArgumentException($"The URL {shown} must use https; plain http is allowed only on this machine (127.0.0.1, ::1 or localhost), for a storage emulator.");
        }

        // An ADLS Gen2 account's dfs endpoint serves the same container through the blob endpoint this writer speaks.
        if (uri.Host.Contains(".dfs.core.", StringComparison.OrdinalIgnoreCase))
        {
            uri = new UriBuilder(uri) { Host = uri.Host.Replace(".dfs.core.", ".blob.core.", StringComparison.OrdinalIgnoreCase) }.Uri;
        }

        var parts = new BlobUriBuilder(uri);
        if (string.IsNullOrEmpty(parts.BlobContainerName) || string.IsNullOrEmpty(parts.AccountName))
        {
            throw new ArgumentException($"The URL {shown} names no container; give https://<account>.blob.core.windows.net/<container>[/<prefix>].");
        }

        var prefix = (parts.BlobName ?? "").Trim('/');
        parts.BlobName = "";
        var container = parts.ToUri();
        var root = container.AbsoluteUri.TrimEnd('/') + (prefix.Length == 0 ? "" : "/" + prefix);
        return new LakeTarget(root, container, prefix) { AccountName = parts.AccountName };
    }

    /// <summary>The root.</summary>
    public override string ToString() => Root;

    private static string WithoutQuery(string url)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? url : url[..query];
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
