using Kiln.Tracking.Tests.Artifacts;

namespace Kiln.Cli.Tests;

/// <summary>The S3 bundle tests: one s3rver, and alone, since runs read the S3 settings from the process environment.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class S3BundleCollection : ICollectionFixture<S3rverFixture>
{
    public const string Name = "s3-bundles";
}
