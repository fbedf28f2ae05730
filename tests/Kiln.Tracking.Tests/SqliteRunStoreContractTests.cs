namespace Kiln.Tracking.Tests;

/// <summary>The run store contract on <see cref="SqliteRunStore"/>, one fresh file per test.</summary>
public sealed class SqliteRunStoreContractTests : RunStoreContract
{
    private readonly TemporaryFolder _folder = new();

    protected override IRunStore OpenStore(TimeProvider clock) => new SqliteRunStore(_folder.Path, clock);

    public override void Dispose()
    {
        base.Dispose();
        _folder.Dispose();
    }
}
