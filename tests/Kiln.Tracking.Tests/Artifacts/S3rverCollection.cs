namespace Kiln.Tracking.Tests.Artifacts;

/// <summary>The test classes that share one s3rver.</summary>
[CollectionDefinition(Name)]
public sealed class S3rverCollection : ICollectionFixture<S3rverFixture>
{
    public const string Name = "s3rver";
}
