using System;
using System.Collections.Generic;
using System.Linq;
using CallRecords.Columns;
using Parquet.Schema;

namespace CallRecords.Engine.Lake;

/// <summary>
/// A row type as a dataset: its folder (the type's name), its Parquet schema (the columns of its <see cref="ColumnSet"/>,
/// in order, as <see cref="LakeValue"/> maps them), and the columns that partition it: TenantId and the UTC day of one
/// instant. Types with no instant of their own (participants, the dial-out report, the quality aggregates) are filed
/// under the day of the run; a row whose instant is empty is too. Each writer makes its own tables: their columns keep
/// buffers.
/// </summary>
internal sealed class LakeTable
{
    // The row types the lake takes, each with the instant whose day partitions it (null: the day of the run).
    private static readonly Dictionary<Type, string?> s_dateColumns = new()
    {
        [typeof(CallRecord)] = "StartDateTime",
        [typeof(CallRecordSession)] = "StartDateTime",
        [typeof(CallRecordSegment)] = "StartDateTime",
        [typeof(CallRecordMediaStream)] = "StartDateTime",
        [typeof(CallRecordParticipant)] = null,
        [typeof(PstnCallLogRow)] = "StartDateTime",
        [typeof(DirectRoutingCallLogRow)] = "StartDateTime",
        [typeof(SmsLogRow)] = "SentDateTime",
        [typeof(PstnBlockedUserLogRow)] = "BlockDateTime",
        [typeof(PstnOnlineMeetingDialoutReportRow)] = null,
        [typeof(CallQualityAggregate)] = null,
        [typeof(CallQualityPoorReason)] = null,
        [typeof(CallQualitySignal)] = null,
    };

    private readonly Column? _tenant;
    private readonly Column? _date;

    private LakeTable(Type rowType, string? dateColumn)
    {
        RowType = rowType;
        var set = ColumnSet.For(rowType);
        _tenant = set.Find("TenantId");
        _date = dateColumn is null ? null : set.Find(dateColumn) ?? throw new InvalidOperationException($"{rowType.Name} has no column {dateColumn}.");
        DateColumn = dateColumn;
        Columns = set.Columns.Select(ColumnOf).ToList();
        Schema = new ParquetSchema(Columns.Select(c => c.Field).ToArray());
    }

    /// <summary>Gets the row types the lake takes.</summary>
    public static IEnumerable<Type> RowTypes => s_dateColumns.Keys;

    /// <summary>Gets the row type.</summary>
    public Type RowType { get; }

    /// <summary>Gets the dataset's folder name: the row type's name, as in the SQLite store.</summary>
    public string Name => RowType.Name;

    /// <summary>Gets whether the rows carry a tenant, so the dataset has a tenant= level.</summary>
    public bool HasTenant => _tenant is not null;

    /// <summary>Gets the column whose UTC day is the date= partition; null when the day of the run is.</summary>
    public string? DateColumn { get; }

    /// <summary>Gets the columns, in the order of the schema.</summary>
    public IReadOnlyList<LakeColumn> Columns { get; }

    /// <summary>Gets the files' schema.</summary>
    public ParquetSchema Schema { get; }

    /// <summary>A new table for <paramref name="rowType"/>; null when the lake does not take that type.</summary>
    public static LakeTable? Create(Type rowType) => s_dateColumns.TryGetValue(rowType, out var date) ? new LakeTable(rowType, date) : null;

    /// <summary>The row's tenant; null when the type carries none.</summary>
    public string? TenantOf(object row) => _tenant is null ? null : _tenant.ValueOf(row) as string ?? "";

    /// <summary>The UTC day the row is filed under.</summary>
    public DateTime DateOf(object row, DateTime runDate) =>
        _date?.ValueOf(row) is DateTimeOffset instant ? instant.UtcDateTime.Date : runDate;

    private static LakeColumn ColumnOf(Column column) =>
        column.ElementType is { } item
            ? new ListColumn(column.Name, Nullable.GetUnderlyingType(item) ?? item, column.ValueOf)
            : LakeValue.ColumnFor(column.Name, column.Type, column.ValueOf);
}
