using System;
using System.Collections.Generic;
using System.Linq;
using CallRecords.Columns;

namespace CallRecords.Engine.Sync;

/// <summary>
/// A store table: the columns of an output type's <see cref="ColumnSet"/>, named as PowerShell shows them, so SQL over
/// the store reads like the objects in PowerShell and like their CSV, in SQLite and PostgreSQL alike. Nested rows
/// (Sessions, Segments, MediaStreams) are tables of their own. Every key starts with TenantId: two tenants' rows with
/// the same id are two rows.
/// </summary>
internal sealed class StoreTable
{
    public const string TenantColumn = "TenantId";

    private StoreTable(string name, ColumnSet columns, IReadOnlyList<string> key)
    {
        Name = name;
        Key = key.Count == 0 ? key : key.Prepend(TenantColumn).ToList();
        Columns = columns.Columns.Select(c => new StoreColumn(c)).ToList();
    }

    public static StoreTable CallRecords { get; } = For<CallRecord>("Id");

    public static StoreTable Sessions { get; } = For<CallRecordSession>("CallRecordId", "Id");

    public static StoreTable Segments { get; } = For<CallRecordSegment>("CallRecordId", "SessionId", "Id");

    // A stream has no id of its own that is unique in a record, so the table has no key; a record's streams
    // are only ever replaced as a whole.
    public static StoreTable MediaStreams { get; } = For<CallRecordMediaStream>();

    public static StoreTable PstnCalls { get; } = For<PstnCallLogRow>("Id");

    public static StoreTable DirectRoutingCalls { get; } = For<DirectRoutingCallLogRow>("Id");

    // smsLogRow's id is the SMS's unique id (its smsId is not unique).
    public static StoreTable SmsLogs { get; } = For<SmsLogRow>("Id");

    // pstnBlockedUsersLogRow has no id. Its page calls remediationId the action's unique id, but the page's own
    // example gives two rows (two users, a block and an unblock) one remediationId; with the user and the time in the
    // key, such rows stay apart, and a row that lacks any of the three fails the run rather than merging with another.
    public static StoreTable PstnBlockedUsers { get; } = For<PstnBlockedUserLogRow>("RemediationId", "UserId", "BlockDateTime");

    /// <summary>Gets every table, in the order they are created.</summary>
    public static IReadOnlyList<StoreTable> All { get; } = new[] { CallRecords, Sessions, Segments, MediaStreams, PstnCalls, DirectRoutingCalls, SmsLogs, PstnBlockedUsers };

    /// <summary>Gets the tables a call record is written to, the record's own first.</summary>
    public static IReadOnlyList<StoreTable> CallRecordTables { get; } = new[] { CallRecords, Sessions, Segments, MediaStreams };

    /// <summary>Gets the table's name: the output type's name.</summary>
    public string Name { get; }

    /// <summary>Gets the key columns, TenantId first; empty for a table without a key.</summary>
    public IReadOnlyList<string> Key { get; }

    public IReadOnlyList<StoreColumn> Columns { get; }

    /// <summary>Gets the column that ties a row to its call record: Id in CallRecord, CallRecordId in the tables under it.</summary>
    public string CallRecordColumn => this == CallRecords ? "Id" : "CallRecordId";

    public string CreateSql(StoreDialect dialect)
    {
        var columns = Columns.Select(c => $"{Quote(c.Name)} {dialect.TypeOf(c.ValueType)}{(Key.Contains(c.Name) ? " NOT NULL" : "")}");
        var key = Key.Count == 0 ? "" : $", PRIMARY KEY ({QuotedList(Key)})";
        return $"CREATE TABLE IF NOT EXISTS {Quote(Name)} ({string.Join(", ", columns)}{key})";
    }

    /// <summary>The statement that adds a column a store written by an earlier release lacks; its old rows read NULL there.</summary>
    public string AddColumnSql(StoreDialect dialect, StoreColumn column) => $"ALTER TABLE {Quote(Name)} ADD COLUMN {Quote(column.Name)} {dialect.TypeOf(column.ValueType)}";

    /// <summary>Throws <see cref="SyncRowWithoutKeyException"/> when a key column of <paramref name="row"/> is empty: such a row could never be matched again.</summary>
    public void RequireKey(object row)
    {
        foreach (var key in Key)
        {
            if (Columns[IndexOf(key)].ValueOf(row) is null)
            {
                throw new SyncRowWithoutKeyException(Name, key);
            }
        }
    }

    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == column)
            {
                return i;
            }
        }

        throw new ArgumentException($"{Name} has no column {column}.", nameof(column));
    }

    /// <summary>The quoted column names, in order.</summary>
    public string ColumnList() => QuotedList(Columns.Select(c => c.Name));

    public static string Quote(string name) => "\"" + name + "\"";

    public static string QuotedList(IEnumerable<string> names) => string.Join(", ", names.Select(Quote));

    private static StoreTable For<T>(params string[] key) => new(typeof(T).Name, ColumnSet.For<T>(), key);
}
