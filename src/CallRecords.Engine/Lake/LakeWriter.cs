using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Storage.Blobs;

namespace CallRecords.Engine.Lake;

/// <summary>
/// Writes rows as a Hive-partitioned Parquet dataset: &lt;root&gt;/&lt;RowType&gt;/tenant=&lt;TenantId&gt;/date=&lt;yyyy-MM-dd&gt;/part-&lt;run&gt;-&lt;n&gt;.parquet.
/// Rows wait per partition until a row group is full, and at most <see cref="LakeWriterOptions.MaxBufferedRows"/>
/// wait in all (with one more row group being written in the background); at most
/// <see cref="LakeWriterOptions.MaxOpenFiles"/> files are open. A file becomes visible only
/// when whole (renamed, or committed as a block list), so a reader, or a run stopped half way, sees whole files only.
/// Every run adds files of its own and never replaces one: readers take the latest version of a row.
/// </summary>
public sealed class LakeWriter : IAsyncDisposable
{
    private readonly LakeStorage _storage;
    private readonly LakeWriterOptions _options;
    private readonly DateTime _runDate;
    private readonly Dictionary<Type, LakeTable> _tables = new();
    private readonly Dictionary<(LakeTable Table, string? Tenant, DateTime Date), LakePartition> _partitions = new();
    private readonly List<LakePartition> _open = new();
    private int _buffered;
    private int _files;
    private long _clock;
    private Task _writing = Task.CompletedTask;

    internal LakeWriter(LakeStorage storage, LakeWriterOptions options)
    {
        if (options.RowGroupSize < 1 || options.MaxBufferedRows < options.RowGroupSize || options.MaxOpenFiles < 1)
        {
            throw new ArgumentException("RowGroupSize and MaxOpenFiles must be positive, and MaxBufferedRows at least RowGroupSize.", nameof(options));
        }

        _storage = storage;
        _options = options;
        _runDate = options.RunStarted.UtcDateTime.Date;
    }

    /// <summary>Gets the row types the lake takes.</summary>
    public static IReadOnlyCollection<Type> RowTypes { get; } = LakeTable.RowTypes.ToArray();

    /// <summary>Gets the dataset's root: the folder, or the container URL and prefix.</summary>
    public string Root => _storage.Root;

    /// <summary>Gets how many files are open now.</summary>
    internal int OpenFiles => _open.Count;

    /// <summary>Gets how many rows wait for their row group now.</summary>
    internal int BufferedRows => _buffered;

    /// <summary>Gets the run's id, in every file name the run writes.</summary>
    public string RunId => _options.RunId;

    /// <summary>A writer into <paramref name="target"/>; a blob container needs <paramref name="credential"/>.</summary>
    public static LakeWriter Create(LakeTarget target, LakeCredential? credential, LakeWriterOptions options)
    {
        if (!target.IsBlob)
        {
            return new LakeWriter(new FolderStorage(target.Root), options);
        }

        if (credential is null)
        {
            throw new ArgumentException($"{target.Root} is a blob container; a credential is needed to write to it.", nameof(credential));
        }

        var clientOptions = new BlobClientOptions();
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(30);
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
        clientOptions.AddPolicy(new LakeRequestLogPolicy(options.Log), HttpPipelinePosition.PerRetry);
        return new LakeWriter(new BlobStorage(credential.Connect(target, clientOptions), target.Prefix, options.BlockSize), options);
    }

    /// <summary>Whether the lake takes rows of <paramref name="rowType"/>.</summary>
    public static bool Takes(Type rowType) => RowTypes.Contains(rowType);

    /// <summary>
    /// Adds a row (of one of <see cref="RowTypes"/>) to its partition. A full row group is handed to a background write
    /// while the next rows arrive; only one row group is written at a time, so this waits only when the writing falls
    /// behind. Throws <see cref="LakeWriteException"/> when storage fails (here, or on the next call after a background
    /// write failed).
    /// </summary>
    public async Task AddAsync(object row, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var table = TableOf(row.GetType());
        var key = (table, table.TenantOf(row), table.DateOf(row, _runDate));
        if (!_partitions.TryGetValue(key, out var partition))
        {
            partition = new LakePartition(table, key.Item2, key.Item3);
            _partitions.Add(key, partition);
        }

        if (partition.Declined)
        {
            return;
        }

        partition.Rows.Add(row);
        _buffered++;
        if (partition.Rows.Count >= _options.RowGroupSize)
        {
            await QueueRowGroupAsync(partition, cancellationToken).ConfigureAwait(false);
        }
        else if (_buffered >= _options.MaxBufferedRows)
        {
            await QueueRowGroupAsync(_partitions.Values.MaxBy(p => p.Rows.Count)!, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes what is buffered and makes every open file visible.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await _writing.ConfigureAwait(false);
        foreach (var partition in _partitions.Values.OrderBy(p => p.Folder, StringComparer.Ordinal).ToList())
        {
            await WriteRowGroupAsync(partition, TakeRows(partition), cancellationToken).ConfigureAwait(false);
            await FinishAsync(partition, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the row group being written, then discards the files not yet made visible (a run stopped or failed); visible files stay.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _writing.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or LakeWriteException)
        {
            // The run is over either way; whoever awaited the write has seen its failure or will not need it.
        }

        foreach (var partition in _open)
        {
            partition.File?.Dispose();
            partition.File = null;
        }

        _open.Clear();
        _partitions.Clear();
    }

    /// <summary>Hands the partition's buffered rows to the background write, once the previous row group is written.</summary>
    private async Task QueueRowGroupAsync(LakePartition partition, CancellationToken cancellationToken)
    {
        await _writing.ConfigureAwait(false);
        var rows = TakeRows(partition);
        _writing = Task.Run(() => WriteRowGroupAsync(partition, rows, cancellationToken), cancellationToken);
    }

    private List<object> TakeRows(LakePartition partition)
    {
        var rows = partition.TakeRows();
        _buffered -= rows.Count;
        return rows;
    }

    private LakeTable TableOf(Type rowType)
    {
        if (!_tables.TryGetValue(rowType, out var table))
        {
            table = LakeTable.Create(rowType) ?? throw new ArgumentException($"The lake takes no rows of type {rowType.FullName}.", nameof(rowType));
            _tables.Add(rowType, table);
        }

        return table;
    }

    /// <summary>
    /// Writes <paramref name="rows"/> as a row group of the partition's file, starting the file first when none is open.
    /// Runs one at a time (in the background, or from <see cref="CompleteAsync"/> once the background is idle): the
    /// files and the open-file bookkeeping are touched here only.
    /// </summary>
    private async Task WriteRowGroupAsync(LakePartition partition, List<object> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0 || partition.Declined)
        {
            return;
        }

        if (partition.File is null && !await StartFileAsync(partition, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var file = partition.File!;
        try
        {
            await file.WriteRowGroupAsync(partition.Table.Columns, rows, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (LakeErrors.Map(e, file.Location) is { } failure)
        {
            throw failure;
        }

        partition.LastWritten = ++_clock;
    }

    private async Task<bool> StartFileAsync(LakePartition partition, CancellationToken cancellationToken)
    {
        var fileName = string.Create(CultureInfo.InvariantCulture, $"part-{_options.RunId}-{_files:D5}.parquet");
        var relativePath = partition.Folder + "/" + fileName;
        if (_options.ShouldWrite is { } ask && !await ask(_storage.LocationOf(relativePath)).ConfigureAwait(false))
        {
            partition.Declined = true;
            return false;
        }

        if (_open.Count >= _options.MaxOpenFiles)
        {
            // Rows it still buffers go to a new file of its own later.
            await FinishAsync(_open.MinBy(p => p.LastWritten)!, cancellationToken).ConfigureAwait(false);
        }

        var location = _storage.LocationOf(relativePath);
        try
        {
            partition.File = await OpenParquetFile.CreateAsync(_storage.Create(relativePath), partition.Table, fileName, _options.RunId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (LakeErrors.Map(e, location) is { } failure)
        {
            throw failure;
        }

        _files++;
        _open.Add(partition);
        return true;
    }

    /// <summary>Makes the partition's file visible and reports it.</summary>
    private async Task FinishAsync(LakePartition partition, CancellationToken cancellationToken)
    {
        if (partition.File is not { } file)
        {
            return;
        }

        long bytes;
        try
        {
            bytes = await file.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (LakeErrors.Map(e, file.Location) is { } failure)
        {
            throw failure;
        }
        finally
        {
            file.Dispose();
            partition.File = null;
            _open.Remove(partition);
        }

        _options.Log.WriteVerbose($"Wrote {file.Location}: {file.Rows} rows, {bytes} bytes.");
        _options.FileWritten?.Invoke(new CallRecordParquetFile
        {
            RowType = partition.Table.Name,
            TenantId = partition.Tenant,
            Date = partition.Date,
            Path = file.Location,
            RunId = _options.RunId,
            Rows = file.Rows,
            Bytes = bytes,
        });
    }
}
