using Kiln.Tracking.Artifacts;

namespace Kiln.Tracking.Tests.Artifacts;

/// <summary>The artifact store contract on <see cref="LocalArtifactStore"/>, one fresh folder per test.</summary>
public sealed class LocalArtifactStoreContractTests : ArtifactStoreContract
{
    private readonly TemporaryFolder _folder = new();

    protected override IArtifactStore OpenStore() => new LocalArtifactStore(Path.Combine(_folder.Path, "store"));

    public override void Dispose()
    {
        base.Dispose();
        _folder.Dispose();
    }
}
