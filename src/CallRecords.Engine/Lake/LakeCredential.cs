using System;
using System.Net;
using System.Security;
using Azure;
using Azure.Core;
using Azure.Storage.Blobs;

namespace CallRecords.Engine.Lake;

/// <summary>
/// How the lake signs in to Blob Storage: an account connection string, a SAS token, or the credential the Graph
/// connection signed in with (asked for the storage scope, https://storage.azure.com/.default). The secret stays in
/// here; nothing shows it.
/// </summary>
public sealed class LakeCredential
{
    private readonly Func<LakeTarget, BlobClientOptions, BlobContainerClient> _connect;

    private LakeCredential(string description, Func<LakeTarget, BlobClientOptions, BlobContainerClient> connect)
    {
        Description = description;
        _connect = connect;
    }

    /// <summary>Gets what the credential is, for -Verbose: never the secret.</summary>
    public string Description { get; }

    /// <summary>A storage account connection string (with its account key or SAS) for the URL's account.</summary>
    public static LakeCredential FromConnectionString(SecureString connectionString)
    {
        var text = Plain(connectionString);
        return new LakeCredential("the storage connection string", (target, options) =>
        {
            BlobServiceClient service;
            try
            {
                service = new BlobServiceClient(text, options);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                // The parser's message may quote the string; this one does not.
                throw new ArgumentException("-StorageConnectionString is not an Azure Storage connection string with a blob endpoint.");
            }

            if (!string.Equals(service.AccountName, target.AccountName, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(service.Uri.Authority, target.ContainerUri!.Authority, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"-StorageConnectionString is for the account {service.AccountName} at {service.Uri.Authority}, not for {target.Root}.");
            }

            return service.GetBlobContainerClient(new BlobUriBuilder(target.ContainerUri).BlobContainerName);
        });
    }

    /// <summary>A SAS token for the container or account (with or without its leading '?').</summary>
    public static LakeCredential FromSasToken(SecureString sasToken)
    {
        var text = Plain(sasToken).Trim().TrimStart('?');
        if (text.Length == 0)
        {
            throw new ArgumentException("-StorageSasToken is empty.");
        }

        return new LakeCredential("the SAS token", (target, options) => new BlobContainerClient(target.ContainerUri, new AzureSasCredential(text), options));
    }

    /// <summary>
    /// The credential <paramref name="connection"/> signed in with. A connection made with a Graph access token has none
    /// that storage accepts: that fails with <see cref="LakeFailure.CredentialUnavailable"/>.
    /// </summary>
    public static LakeCredential FromConnection(GraphConnection connection)
    {
        if (StorageCredentialOf(connection) is not { } credential)
        {
            throw new LakeWriteException(
                "The connection signed in with an access token for Microsoft Graph, which Azure Storage does not accept. Give -StorageSasToken or -StorageConnectionString, or connect with a credential (client secret, certificate, managed identity) that may write to the container.",
                LakeFailure.CredentialUnavailable,
                "");
        }

        return new LakeCredential($"the connection's credential ({connection.Context.AuthType})", (target, options) => new BlobContainerClient(target.ContainerUri, credential, options));
    }

    /// <summary>A client for the target's container.</summary>
    internal BlobContainerClient Connect(LakeTarget target, BlobClientOptions options) => _connect(target, options);

    private static TokenCredential? StorageCredentialOf(GraphConnection connection) =>
        connection.Http.Tokens is CredentialTokenSource source ? source.Credential : null;

    private static string Plain(SecureString secure) => new NetworkCredential(string.Empty, secure).Password;
}
