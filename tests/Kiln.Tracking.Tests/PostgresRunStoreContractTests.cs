namespace Kiln.Tracking.Tests;

/// <summary>The run store contract on <see cref="PostgresRunStore"/>: a database for the class, a fresh schema (an empty store) per test.</summary>
public sealed class PostgresRunStoreContractTests(PostgresTestDatabase database) : RunStoreContract, IClassFixture<PostgresTestDatabase>
{
    private PostgresSchema? _schema;

    protected override IRunStore OpenStore(TimeProvider clock)
    {
        _schema = database.Database.CreateSchema();
        return new PostgresRunStore(_schema.ConnectionString, clock);
    }

    public override void Dispose()
    {
        base.Dispose();
        _schema?.Dispose();
    }
}
