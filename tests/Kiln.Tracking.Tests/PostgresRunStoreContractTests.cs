namespace Kiln.Tracking.Tests;

/// <summary>The run store contract on <see cref="PostgresRunStore"/>, one fresh database per test.</summary>
public sealed class PostgresRunStoreContractTests : RunStoreContract
{
    private PostgresDatabase? _database;

    protected override IRunStore OpenStore(TimeProvider clock)
    {
        _database = PostgresServer.CreateDatabase();
        return new PostgresRunStore(_database.ConnectionString, clock);
    }

    public override void Dispose()
    {
        base.Dispose();
        _database?.Dispose();
    }
}
