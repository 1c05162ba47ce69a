using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;

namespace CallRecords.Engine.Lake;

/// <summary>
/// One Hive partition of a dataset, such as CallRecordMediaStream/tenant=…/date=2026-01-05: the rows buffered for its
/// next row group and the file it is writing, if any.
/// </summary>
internal sealed class LakePartition
{
    private bool _declined;

    public LakePartition(LakeTable table, string? tenant, DateTime date)
    {
        Table = table;
        Tenant = tenant;
        Date = date;
        var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Folder = tenant is null ? $"{table.Name}/date={day}" : $"{table.Name}/tenant={Escape(tenant)}/date={day}";
    }

    public LakeTable Table { get; }

    /// <summary>Gets the tenant; null for row types without one.</summary>
    public string? Tenant { get; }

    public DateTime Date { get; }

    /// <summary>Gets the partition's folder, relative to the dataset's root, with '/' between levels.</summary>
    public string Folder { get; }

    /// <summary>Gets the rows waiting for the next row group.</summary>
    public List<object> Rows { get; private set; } = new();

    /// <summary>Gets or sets the file being written; null when none is open.</summary>
    public OpenParquetFile? File { get; set; }

    /// <summary>
    /// Gets or sets whether -WhatIf or a "no" declined this partition's file: its rows are dropped. Set by the background
    /// write, read as rows arrive.
    /// </summary>
    public bool Declined
    {
        get => Volatile.Read(ref _declined);
        set => Volatile.Write(ref _declined, value);
    }

    /// <summary>Gets or sets when the partition last wrote a row group (a counter), to finish the least recent first.</summary>
    public long LastWritten { get; set; }

    /// <summary>The rows waiting, for a row group; the partition starts a new list.</summary>
    public List<object> TakeRows()
    {
        var rows = Rows;
        Rows = new List<object>();
        return rows;
    }

    /// <summary>
    /// A partition value as Hive writes it: letters, digits and -_. as they are, every other byte of its UTF-8 as %XX,
    /// so no value can add a level or a name a reader misreads. An empty value is Hive's null partition.
    /// </summary>
    public static string Escape(string value)
    {
        if (value.Length == 0)
        {
            return "__HIVE_DEFAULT_PARTITION__";
        }

        var text = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            {
                text.Append(c);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
