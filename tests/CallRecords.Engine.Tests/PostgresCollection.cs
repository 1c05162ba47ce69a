using Xunit;

namespace CallRecords.Engine.Tests;

/// <summary>The test classes marked [Collection(PostgresCollection.Name)] share one <see cref="PostgresFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
