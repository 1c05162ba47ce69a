@{
    Synopsis    = 'Writes the module''s rows as a Hive-partitioned Parquet dataset in a folder or an Azure blob container, for Azure Data Explorer, Fabric, Spark or DuckDB.'
    Description = @'
Export-CallRecordParquet takes rows from the pipeline (call records, sessions, segments, media streams, participants, PSTN and Direct Routing calls, the beta SMS, PSTN blocked users and dial-out report rows, and the quality aggregates CallQualityAggregate, CallQualityPoorReason and CallQualitySignal) and writes one dataset per row type:

<root>/<RowType>/tenant=<TenantId>/date=<yyyy-MM-dd>/part-<run>-<n>.parquet

The date is the UTC day of StartDateTime for call records, sessions, segments, media streams, PSTN and Direct Routing rows; of SentDateTime for SMS rows; of BlockDateTime for blocked users rows. Participants, dial-out report rows and the quality aggregates have no instant of their own and are filed under the UTC day of the run (as is a row whose instant is empty). The quality aggregates carry no tenant, so their datasets have no tenant= level: <root>/<RowType>/date=<day>/. A row with an empty TenantId goes to tenant=__HIVE_DEFAULT_PARTITION__, Hive's null partition.

Columns are the rows' columns, named and ordered as in PowerShell, CSV and the Sync-CallRecord store. Instants are UTC timestamps (microseconds); charges are DECIMAL(28,10); the ...Ms columns and other fractions are doubles; whole numbers are 32- or 64-bit integers; true/false is BOOLEAN; Quality, QualityRuleSet and other enums are their names as text; Duration (a TimeSpan, on call records and sessions) is seconds as a double, as in the store; lists such as Modalities are lists of strings, and PoorReasons and the trace route hops are lists of structs (Rule, Value, Threshold; HopCount, IPAddress, RoundTripTimeMs). Nested rows (a call record's Sessions) are not written with their parent: pipe them on their own.

Rows wait per partition until a row group is full (-RowGroupSize), at most three row groups' worth (at least 15,000 rows) wait in all, and at most 16 files are open at once, so memory stays flat. A file is written under a hidden temporary name (.part-....parquet.tmp) and renamed when whole; in a blob container its blocks are staged and the block list is committed when whole. Readers therefore never see part of a file, and a run stopped by Ctrl+C or a failure leaves only whole files (a folder's temporary file is removed; staged blocks are never committed and Azure drops them after seven days). No file or blob is ever replaced.

Every run has its own id (its UTC start to the millisecond and eight random hex digits, such as 20260105T101500123Z-3f9a2c1b) in every file name, so each run adds files and a rerun never overwrites: `Sync-CallRecord -PassThru | Export-CallRecordParquet` appends the new and changed rows of each run. Call records carry Version: readers keep the row with the highest Version per TenantId and Id (the README gives the query for Azure Data Explorer, Spark SQL and DuckDB). Run ids sort by time, so the newest file of a partition is the last one by name.

A blob container is given as https://<account>.blob.core.windows.net/<container>[/<prefix>] (for an ADLS Gen2 account, its blob URL; a dfs.core URL is taken as the same account's blob URL). It must exist: the command does not create containers. It signs in with -StorageConnectionString, -StorageSasToken, or else the credential of the Graph connection (client secret, certificate, managed identity...), asked for the storage scope https://storage.azure.com/.default; that identity needs the role Storage Blob Data Contributor on the container. A connection made with -AccessToken has no credential that storage accepts. A SAS in the URL is refused: give it with -StorageSasToken, as a SecureString, so that it never shows in a history, a log or an error. Every block request is retried with exponential back-off (five retries).

-Verbose writes one line per storage request (method, blob path, operation, status, time) and one per file written; -PassThru writes a CallRecordParquetFile for each file once it is whole (RowType, TenantId, Date, Path, RunId, Rows, Bytes). -WhatIf names each file the run would start and writes nothing.
'@
    Parameters  = @{
        Path                    = 'The dataset''s root: a folder (created as needed; a relative path is relative to the current location), or a blob container URL with an optional prefix, https://<account>.blob.core.windows.net/<container>[/<prefix>]. Plain http is allowed only on this machine, for a storage emulator such as Azurite (http://127.0.0.1:10000/devstoreaccount1/<container>). A URL with a query is refused.'
        InputObject             = 'Rows from the pipeline, of any of the module''s row types (see the description). Other objects are reported with the error UnsupportedRowType and skipped.'
        StorageConnectionString = 'The storage account''s connection string (with its account key or a SAS), as a SecureString, for a blob container. It must be for the account the URL names.'
        StorageSasToken         = 'A SAS token for the container (with create and write permissions), as a SecureString, for a blob container; with or without its leading ''?''.'
        Connection              = 'A connection from Connect-CallRecordGraph -PassThru whose credential signs in to Blob Storage; default: the connection this runspace made last. Used only for a blob container without -StorageConnectionString or -StorageSasToken.'
        RowGroupSize            = 'How many rows of one partition are written together as a Parquet row group (100 to 1,000,000). Default: 5,000. Larger row groups read faster and take more memory while writing.'
        PassThru                = 'Writes a CallRecordParquetFile to the pipeline for each file once it is whole and visible.'
    }
    Examples    = @(
        @{
            Title   = 'A scheduled sync that also feeds the lake'
            Code    = 'Sync-CallRecord -Path ./calls.db -PassThru | Export-CallRecordParquet -Path https://contoso.blob.core.windows.net/teams-calls -StorageSasToken (Get-Secret TeamsLakeSas)'
            Remarks = 'Each run appends the new and changed call records and media streams to the container; Azure Data Explorer, Fabric or Spark read them from there.'
        }
        @{
            Title   = 'Last week''s media streams and PSTN calls to a folder, and a look with DuckDB'
            Code    = @'
Get-CallRecord -From (Get-Date).Date.AddDays(-7) | Get-CallRecordMediaStream | Export-CallRecordParquet -Path ./lake -PassThru
Get-PstnCallLog -From (Get-Date).Date.AddDays(-7) | Export-CallRecordParquet -Path ./lake
duckdb -c "SELECT date, count(*) FILTER (WHERE Quality = 'Poor') AS poor FROM read_parquet('lake/CallRecordMediaStream/**/*.parquet', hive_partitioning = true) GROUP BY date ORDER BY date"
'@
            Remarks = 'The files written are listed as they become whole. DuckDB (or any Parquet reader) reads the tenant and date from the folder names.'
        }
        @{
            Title   = 'Signed in to storage as the Graph connection''s managed identity'
            Code    = 'Connect-CallRecordGraph -ManagedIdentity; Get-PstnCallLog -From (Get-Date).AddDays(-2) | Export-CallRecordParquet -Path https://contoso.blob.core.windows.net/lake/pstn -Verbose'
            Remarks = 'The managed identity needs Storage Blob Data Contributor on the container. -Verbose shows each block request and each file.'
        }
    )
    Notes       = 'Parquet.Net writes the files (Snappy compression). Rows are written as they are: the lake keeps every version a run passes, and readers take the latest. The query in the README for Azure Data Explorer, Fabric and Spark was not run against those services by the module''s tests; DuckDB reads every file in the tests.'
    Links       = @('Sync-CallRecord', 'Get-CallRecordMediaStream', 'Get-PstnCallLog', 'https://learn.microsoft.com/azure/data-explorer/kusto/management/external-tables-azure-storage')
}
