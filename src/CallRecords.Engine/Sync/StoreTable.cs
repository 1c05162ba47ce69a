using System.Collections.Generic;
using System.Linq;
using CallRecords.Columns;

namespace CallRecords.Engine.Sync;

/// <summary>
/// A store table: the columns of an output type's <see cref="ColumnSet"/>, named as PowerShell shows them, so SQL over
/// the store reads like the objects in PowerShell and like their CSV. Nested rows (Sessions, Segments, MediaStreams)
/// are tables of their own.
/// </summary>
internal sealed class StoreTable
{
    private StoreTable(string name, ColumnSet columns, IReadOnlyList<string> key)
    {
        Name = name;
        Key = key;
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

    /// <summary>Gets the table's name: the output type's name.</summary>
    public string Name { get; }

    public IReadOnlyList<string> Key { get; }

    public IReadOnlyList<StoreColumn> Columns { get; }

    public string CreateSql()
    {
        var columns = Columns.Select(c => $"\"{c.Name}\" {c.SqlType}{(Key.Count == 1 && Key[0] == c.Name ? " NOT NULL" : "")}");
        var key = Key.Count == 0 ? "" : $", PRIMARY KEY ({string.Join(", ", Key.Select(k => $"\"{k}\""))})";
        return $"CREATE TABLE IF NOT EXISTS \"{Name}\" ({string.Join(", ", columns)}{key})";
    }

    /// <summary>The statement that adds a column a store written by an earlier release lacks; its old rows read NULL there.</summary>
    public string AddColumnSql(StoreColumn column) => $"ALTER TABLE \"{Name}\" ADD COLUMN \"{column.Name}\" {column.SqlType}";

    public string InsertSql() =>
        $"INSERT INTO \"{Name}\" ({string.Join(", ", Columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", Columns.Select((_, i) => "$p" + i))})";

    /// <summary>Updates the row with the same key when any column differs; SQLite's changes() then says whether it did.</summary>
    public string UpdateIfChangedSql()
    {
        var set = string.Join(", ", Columns.Select((c, i) => $"\"{c.Name}\" = $p{i}"));
        var key = string.Join(" AND ", Key.Select(k => $"\"{k}\" = $p{IndexOf(k)}"));
        var same = string.Join(" AND ", Columns.Select((c, i) => $"\"{c.Name}\" IS $p{i}"));
        return $"UPDATE \"{Name}\" SET {set} WHERE {key} AND NOT ({same})";
    }

    public int IndexOf(string column) => Columns.ToList().FindIndex(c => c.Name == column);

    private static StoreTable For<T>(params string[] key) => new(typeof(T).Name, ColumnSet.For<T>(), key);
}
