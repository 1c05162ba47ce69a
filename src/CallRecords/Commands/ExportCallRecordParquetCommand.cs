using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using CallRecords.Engine.Lake;

namespace CallRecords.Commands;

/// <summary>
/// Writes the module's rows, piped in, as a Hive-partitioned Parquet dataset in a folder or a blob container
/// (&lt;root&gt;/&lt;RowType&gt;/tenant=&lt;TenantId&gt;/date=&lt;yyyy-MM-dd&gt;/part-&lt;run&gt;-&lt;n&gt;.parquet) for Azure Data Explorer,
/// Fabric, Spark or DuckDB. Each run adds files of its own; files appear only when whole.
/// </summary>
[Cmdlet(VerbsData.Export, "CallRecordParquet", SupportsShouldProcess = true, DefaultParameterSetName = CredentialSet)]
[OutputType(typeof(CallRecordParquetFile))]
public sealed class ExportCallRecordParquetCommand : CallRecordsCmdlet
{
    private const string CredentialSet = "Credential";
    private const string ConnectionStringSet = "ConnectionString";
    private const string SasTokenSet = "SasToken";
    private const int ProgressEvery = 10_000;
    private LakeWriter? _writer;
    private ProgressRecord? _progress;
    private long _rows;
    private long _files;

    /// <summary>Gets or sets the dataset's root: a folder, or https://&lt;account&gt;.blob.core.windows.net/&lt;container&gt;[/&lt;prefix&gt;].</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Gets or sets a row from the pipeline: any of the module's row types.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public object? InputObject { get; set; }

    /// <summary>Gets or sets the storage account's connection string, for a blob container.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ConnectionStringSet)]
    public SecureString? StorageConnectionString { get; set; }

    /// <summary>Gets or sets a SAS token for the container, for a blob container.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SasTokenSet)]
    public SecureString? StorageSasToken { get; set; }

    /// <summary>Gets or sets the connection whose credential signs in to Blob Storage; default: the runspace's.</summary>
    [Parameter(ParameterSetName = CredentialSet)]
    [ValidateNotNull]
    public CallRecordGraphConnection? Connection { get; set; }

    /// <summary>Gets or sets the rows of one partition written together as a row group.</summary>
    [Parameter]
    [ValidateRange(100, 1_000_000)]
    public int RowGroupSize { get; set; } = 5_000;

    /// <summary>Gets or sets whether to write each file, once whole, to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc/>
    protected override Task BeginProcessingAsync(CancellationToken cancellationToken)
    {
        var isUrl = LakeTarget.IsUrl(Path);
        var shown = isUrl ? Path.Split('?')[0] : Path;
        LakeTarget target;
        LakeCredential? credential = null;
        try
        {
            target = isUrl ? LakeTarget.BlobContainer(Path) : LakeTarget.Folder(SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path));
            if (!target.IsBlob && ParameterSetName != CredentialSet)
            {
                throw new ArgumentException($"-StorageConnectionString and -StorageSasToken are for a blob container URL; {target.Root} is a folder.");
            }

            if (target.IsBlob)
            {
                credential = ParameterSetName switch
                {
                    ConnectionStringSet => LakeCredential.FromConnectionString(StorageConnectionString!),
                    SasTokenSet => LakeCredential.FromSasToken(StorageSasToken!),
                    _ => LakeCredential.FromConnection(RequireConnection(Connection)),
                };
            }

            var options = new LakeWriterOptions
            {
                RowGroupSize = RowGroupSize,
                MaxBufferedRows = Math.Max(3 * RowGroupSize, new LakeWriterOptions().MaxBufferedRows),
                ShouldWrite = location => ShouldProcessAsync(location, "Write Parquet file"),
                FileWritten = OnFileWritten,
                Log = Log,
            };
            _writer = LakeWriter.Create(target, credential, options);
        }
        catch (Exception e) when (e is ArgumentException or LakeWriteException)
        {
            throw new TerminatingException(ErrorFor(e, shown, e is ArgumentException ? "InvalidParquetTarget" : null));
        }

        _progress = new ProgressRecord(4, "Export-CallRecordParquet", target.Root);
        WriteVerbose($"Writing Parquet files to {target.Root} as run {_writer.RunId}{(credential is null ? "" : ", signed in to storage with " + credential.Description)}.");
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var row = InputObject is PSObject wrapped ? wrapped.BaseObject : InputObject;
        if (row is null)
        {
            return;
        }

        if (!LakeWriter.Takes(row.GetType()))
        {
            WriteError(new ErrorRecord(
                new ArgumentException($"Export-CallRecordParquet takes the module's rows ({string.Join(", ", LakeWriter.RowTypes.Select(t => t.Name))}), not {row.GetType().FullName}."),
                "UnsupportedRowType",
                ErrorCategory.InvalidType,
                InputObject));
            return;
        }

        await _writer!.AddAsync(row, cancellationToken).ConfigureAwait(false);
        if (++_rows % ProgressEvery == 0)
        {
            ReportProgress();
        }
    }

    /// <inheritdoc/>
    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _writer!.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _progress!.RecordType = ProgressRecordType.Completed;
            WriteProgress(_progress);
        }

        WriteVerbose($"Run {_writer.RunId}: {_rows} rows in {_files} files under {_writer.Root}.");
    }

    /// <inheritdoc/>
    protected override ErrorRecord? ErrorRecordFor(Exception exception) =>
        exception is LakeWriteException lake ? ErrorFor(lake, lake.Target) : base.ErrorRecordFor(exception);

    /// <summary>A run stopped or failed: the files not yet whole are discarded; the whole ones stay.</summary>
    protected override ValueTask ReleaseResourcesAsync() => _writer?.DisposeAsync() ?? default;

    private void OnFileWritten(CallRecordParquetFile file)
    {
        _files++;
        ReportProgress();
        if (PassThru)
        {
            WriteObject(file);
        }
    }

    private void ReportProgress()
    {
        _progress!.StatusDescription = $"{_rows} rows, {_files} files written";
        WriteProgress(_progress);
    }
}
