namespace CallRecords.Engine.Sync;

/// <summary>How a row read from Graph compared with the store.</summary>
internal enum RowChange
{
    Added,
    Updated,
    Unchanged,
}
