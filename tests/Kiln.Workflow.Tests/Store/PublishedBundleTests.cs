using Kiln.TestKit;
using Kiln.Tracking.Artifacts;
using Kiln.Tracking.Tests.Artifacts;
using Kiln.Workflow.Runs;
using Kiln.Workflow.Store;
using Kiln.Workflow.Tests.Runs;

namespace Kiln.Workflow.Tests.Store;

/// <summary><see cref="RunResult.PublishedBundle"/>: where the job's model.kiln is on the artifact root, the key the publisher used.</summary>
[Collection(S3PublishCollection.Name)]
public sealed class PublishedBundleTests(S3rverFixture server)
{
    [Fact]
    public void Run_WithAnS3ArtifactRoot_PublishedBundleIsTheUriOfTheUploadedModel()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");
        var root = server.NewRoot("bundle");
        using var environment = new EnvironmentScope(new()
        {
            ["KILN_S3_ENDPOINT"] = server.Endpoint,
            ["AWS_ACCESS_KEY_ID"] = S3rverFixture.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = S3rverFixture.SecretKey,
            ["AWS_REGION"] = "us-east-1",
        });

        var result = WorkflowRunner.Run(project.Config(RunYaml.Penguins()), project.Options(runIdSeed: 5) with { ArtifactRoot = root });

        // The local job folder's path below the store is the key on S3; the URI is the root followed by it.
        var jobKey = Path.GetRelativePath(project.Store, result.JobDirectory).Replace(Path.DirectorySeparatorChar, '/');
        Assert.Equal($"{root}/{jobKey}/model.kiln", result.PublishedBundle);
        Assert.StartsWith("ns=tests/output/", jobKey, StringComparison.Ordinal);
        using var cache = new TemporaryCache();
        var local = BundleFiles.ForStore(cache.Path, server.Environment).LocalPath(result.PublishedBundle!);
        Assert.Equal(File.ReadAllBytes(Path.Combine(result.JobDirectory, RunResult.ModelFileName)), File.ReadAllBytes(local));
    }

    [Fact]
    public void Run_WithoutAnArtifactRoot_HasNoPublishedBundle()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");

        var result = WorkflowRunner.Run(project.Config(RunYaml.Penguins()), project.Options(runIdSeed: 6));

        Assert.Null(result.PublishedBundle);
    }

    [Fact]
    public void JobFileLocation_FolderRoot_IsTheFullPathUnderIt()
    {
        var location = ArtifactPublisher.JobFileLocation("/srv/artifacts", "team", "churn", new DateOnly(2026, 11, 23), "churn-1", "model.kiln");

        Assert.Equal(Path.Combine("/srv/artifacts", "ns=team", "output", "churn", "year=2026", "month=11", "day=23", "churn-1", "model.kiln"), location);
    }

    [Fact]
    public void JobFileLocation_S3Root_IsTheObjectsUri()
    {
        var location = ArtifactPublisher.JobFileLocation("s3://kiln/production", "team", "churn", new DateOnly(2026, 1, 2), "churn-1", "model.kiln");

        Assert.Equal("s3://kiln/production/ns=team/output/churn/year=2026/month=01/day=02/churn-1/model.kiln", location);
    }

    /// <summary>A temporary folder for a bundle cache.</summary>
    private sealed class TemporaryCache : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("kiln-bundle-cache-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
