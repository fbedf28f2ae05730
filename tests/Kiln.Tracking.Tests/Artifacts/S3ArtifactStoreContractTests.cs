using Kiln.Tracking.Artifacts;

namespace Kiln.Tracking.Tests.Artifacts;

/// <summary>The artifact store contract on <see cref="S3ArtifactStore"/> against a local s3rver, opened the way Kiln opens it (<see cref="ArtifactStores.Open(string, Func{string, string?})"/>), one fresh prefix per test.</summary>
[Collection(S3rverCollection.Name)]
public sealed class S3ArtifactStoreContractTests(S3rverFixture server) : ArtifactStoreContract
{
    protected override IArtifactStore OpenStore() => ArtifactStores.Open(server.NewRoot("contract"), server.Environment);
}
