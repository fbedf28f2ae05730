using Kiln.Tracking.Registry;

namespace Kiln.Tracking.Tests.Registry;

/// <summary>The registry contract on PostgreSQL: a database for the class, a fresh schema (an empty registry) per test, every instance on it.</summary>
public sealed class PostgresModelRegistryContractTests(PostgresTestDatabase database) : ModelRegistryContract, IClassFixture<PostgresTestDatabase>
{
    private PostgresSchema? _schema;

    protected override IModelRegistry OpenRegistry(TimeProvider clock)
    {
        _schema ??= database.Database.CreateSchema();
        return PostgresModelRegistry.Open(_schema.ConnectionString, clock);
    }

    public override void Dispose()
    {
        base.Dispose();
        _schema?.Dispose();
    }
}
