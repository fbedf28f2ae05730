using Kiln.Tracking.Tests.Artifacts;

namespace Kiln.Workflow.Tests.Store;

/// <summary>Runs that read the artifact root from the process environment: they run alone, with one s3rver.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class S3PublishCollection : ICollectionFixture<S3rverFixture>
{
    public const string Name = "artifact-root-environment";
}
