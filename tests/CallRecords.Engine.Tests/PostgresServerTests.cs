using System;
using System.IO;
using System.Threading.Tasks;
using CallRecords.TestSupport;
using Npgsql;
using NpgsqlTypes;
using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>The private PostgreSQL server the store's tests run against: a real server, reached with Npgsql.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresServerTests
{
    private readonly PostgresFixture _postgres;

    public PostgresServerTests(PostgresFixture postgres) => _postgres = postgres;

    [Fact]
    public async Task A_started_server_runs_PostgreSQL_15_or_later_from_its_folder_under_out_postgres_and_Npgsql_connects()
    {
        await using var connection = new NpgsqlConnection(_postgres.CreateDatabase());
        await connection.OpenAsync();

        var version = (string)(await Scalar(connection, "SELECT version()"))!;
        Assert.StartsWith("PostgreSQL ", version, StringComparison.Ordinal);
        Assert.True(connection.PostgreSqlVersion.Major >= 15, version);
        Assert.Equal(_postgres.Server.DataDirectory, (string)(await Scalar(connection, "SHOW data_directory"))!);
        Assert.Equal(PostgresServer.ClustersFolder, Path.GetDirectoryName(_postgres.Server.DataDirectory));
        Assert.Equal(_postgres.Server.Port, connection.Port);
    }

    [Fact]
    public async Task Two_databases_of_one_server_keep_their_tables_apart()
    {
        await using var first = new NpgsqlConnection(_postgres.CreateDatabase());
        await using var second = new NpgsqlConnection(_postgres.CreateDatabase());
        await first.OpenAsync();
        await second.OpenAsync();

        await Execute(first, "CREATE TABLE call (id text PRIMARY KEY); INSERT INTO call VALUES ('in the first')");
        Assert.Null(await Scalar(second, "SELECT to_regclass('call')::text"));
        await Execute(second, "CREATE TABLE call (id text PRIMARY KEY); INSERT INTO call VALUES ('in the second')");

        Assert.Equal("in the first", await Scalar(first, "SELECT string_agg(id, ',') FROM call"));
        Assert.Equal("in the second", await Scalar(second, "SELECT string_agg(id, ',') FROM call"));
    }

    [Fact]
    public async Task Binary_COPY_loads_100000_rows_that_the_server_then_counts_and_sums()
    {
        await using var connection = new NpgsqlConnection(_postgres.CreateDatabase());
        await connection.OpenAsync();
        await Execute(connection, "CREATE TABLE stream (id bigint PRIMARY KEY, caller text NOT NULL, started timestamptz NOT NULL, jitter double precision)");
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        ulong written;
        await using (var writer = await connection.BeginBinaryImportAsync("COPY stream (id, caller, started, jitter) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0L; i < 100_000; i++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(i, NpgsqlDbType.Bigint);
                await writer.WriteAsync("caller " + (i % 97), NpgsqlDbType.Text);
                await writer.WriteAsync(start.AddSeconds(i), NpgsqlDbType.TimestampTz);
                if (i % 10 == 0)
                {
                    await writer.WriteNullAsync();
                }
                else
                {
                    await writer.WriteAsync(i / 1000.0, NpgsqlDbType.Double);
                }
            }

            written = await writer.CompleteAsync();
        }

        Assert.Equal(100_000UL, written);
        Assert.Equal(100_000L, await Scalar(connection, "SELECT count(*) FROM stream"));
        Assert.Equal(4_999_950_000m, await Scalar(connection, "SELECT sum(id) FROM stream"));
        Assert.Equal(10_000L, await Scalar(connection, "SELECT count(*) FROM stream WHERE jitter IS NULL"));
        Assert.Equal(97L, await Scalar(connection, "SELECT count(DISTINCT caller) FROM stream"));
        Assert.Equal(start.AddSeconds(99_999), await Scalar(connection, "SELECT max(started) FROM stream"));
    }

    [Fact]
    public async Task Dispose_stops_only_its_own_server_and_deletes_its_folder()
    {
        var other = PostgresServer.Start();
        var folder = other.DataDirectory;
        try
        {
            Assert.NotEqual(_postgres.Server.Port, other.Port);
            Assert.NotEqual(_postgres.Server.DataDirectory, folder);
            await using (var connection = new NpgsqlConnection(other.ConnectionStringFor("postgres") + ";Pooling=false"))
            {
                await connection.OpenAsync();
                Assert.Equal(1, await Scalar(connection, "SELECT 1"));
            }
        }
        finally
        {
            other.Dispose();
        }

        Assert.False(Directory.Exists(folder));
        await using (var refused = new NpgsqlConnection(other.ConnectionStringFor("postgres") + ";Pooling=false;Timeout=5"))
        {
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => refused.OpenAsync());
        }

        await using var survivor = new NpgsqlConnection(_postgres.Server.ConnectionStringFor("postgres"));
        await survivor.OpenAsync();
        Assert.Equal(1, await Scalar(survivor, "SELECT 1"));
    }

    [Theory]
    [InlineData("Calls")]
    [InlineData("calls;Host=elsewhere")]
    [InlineData("1calls")]
    public void CreateDatabase_refuses_a_name_that_SQL_or_a_connection_string_would_need_quoted(string name)
    {
        Assert.Throws<ArgumentException>(() => _postgres.Server.CreateDatabase(name));
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }
}
