using System;
using System.Collections.Generic;
using DuckDB.NET.Data;

namespace CallRecords.Engine.Tests.Lake;

/// <summary>DuckDB in memory, reading the lake's files as any outside reader would.</summary>
internal static class DuckDbReader
{
    /// <summary>The rows <paramref name="sql"/> returns, each as its values (null for SQL NULL).</summary>
    public static List<object?[]> Query(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var values = new object?[reader.FieldCount];
            reader.GetValues(values!);
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = values[i] is DBNull ? null : values[i];
            }

            rows.Add(values);
        }

        return rows;
    }

    /// <summary>The one value <paramref name="sql"/> returns.</summary>
    public static object? Scalar(string sql) => Query(sql)[0][0];

    /// <summary>Each column's name and DuckDB type, as DESCRIBE gives them.</summary>
    public static Dictionary<string, string> Describe(string source)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in Query($"DESCRIBE SELECT * FROM {source}"))
        {
            types[(string)row[0]!] = (string)row[1]!;
        }

        return types;
    }

    /// <summary>read_parquet over every file of a dataset, with the partition columns (tenant, date) from the folders.</summary>
    public static string Dataset(string root, string rowType) =>
        $"read_parquet('{root.Replace("'", "''", StringComparison.Ordinal)}/{rowType}/**/*.parquet', hive_partitioning = true)";
}
