using Kiln.Tracking.Registry;

namespace Kiln.Tracking.Tests.Registry;

/// <summary>The registry contract on PostgreSQL: one fresh database per test, every instance on it.</summary>
public sealed class PostgresModelRegistryContractTests : ModelRegistryContract
{
    private PostgresDatabase? _database;

    protected override IModelRegistry OpenRegistry(TimeProvider clock)
    {
        _database ??= PostgresServer.CreateDatabase();
        return PostgresModelRegistry.Open(_database.ConnectionString, clock);
    }

    public override void Dispose()
    {
        base.Dispose();
        _database?.Dispose();
    }
}
