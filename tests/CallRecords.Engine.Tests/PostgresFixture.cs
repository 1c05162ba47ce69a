using System;
using System.Globalization;
using System.Threading;
using CallRecords.TestSupport;

namespace CallRecords.Engine.Tests;

/// <summary>
/// One private PostgreSQL server for every test class of the <see cref="PostgresCollection"/>: a start takes a
/// second or so, a database a fraction of that, so each test makes its own database.
/// </summary>
public sealed class PostgresFixture : IDisposable
{
    private int _databases;

    public PostgresServer Server { get; } = PostgresServer.Start();

    /// <summary>Creates an empty database no other test uses and returns its connection string.</summary>
    public string CreateDatabase() =>
        Server.CreateDatabase("test_" + Interlocked.Increment(ref _databases).ToString(CultureInfo.InvariantCulture));

    public void Dispose() => Server.Dispose();
}
