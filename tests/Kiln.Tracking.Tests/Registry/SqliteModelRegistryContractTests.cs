using Kiln.Tracking.Registry;

namespace Kiln.Tracking.Tests.Registry;

/// <summary>The registry contract on SQLite: one fresh store folder per test, every instance on its <c>tracking.db</c>.</summary>
public sealed class SqliteModelRegistryContractTests : ModelRegistryContract
{
    private readonly TemporaryFolder _folder = new();

    protected override IModelRegistry OpenRegistry(TimeProvider clock) => SqliteModelRegistry.Open(_folder.Path, clock);

    public override void Dispose()
    {
        base.Dispose();
        _folder.Dispose();
    }
}
