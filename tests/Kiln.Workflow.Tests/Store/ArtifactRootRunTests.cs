using Kiln.TestKit;
using Kiln.Tracking.Artifacts;
using Kiln.Tracking.Tests.Artifacts;
using Kiln.Workflow.Runs;
using Kiln.Workflow.Store;
using Kiln.Workflow.Tests.Runs;

namespace Kiln.Workflow.Tests.Store;

/// <summary>A run with an S3 artifact root (<see cref="RunOptions.ArtifactRoot"/>): the job and its data version are published there too, under the same keys.</summary>
[Collection(S3PublishCollection.Name)]
public sealed class ArtifactRootRunTests(S3rverFixture server)
{
    [Fact]
    public void Run_WithAnS3ArtifactRoot_PublishesTheJobAndDataVersionAtTheLocalKeys()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");
        var root = server.NewRoot("runs");
        using var environment = new EnvironmentScope(S3Settings());

        var first = WorkflowRunner.Run(project.Config(RunYaml.Penguins()), project.Options(runIdSeed: 1) with { ArtifactRoot = root });
        var second = WorkflowRunner.Run(project.Config(RunYaml.Penguins()), project.Options(runIdSeed: 2) with { ArtifactRoot = root });

        using var artifacts = ArtifactStores.Open(root, server.Environment);
        foreach (var result in new[] { first, second })
        {
            var jobKey = Key(project.Store, result.JobDirectory);
            Assert.True(artifacts.IsPublished(jobKey));
            var local = LocalKeys(project.Store, result.JobDirectory);
            Assert.Equal([.. local.Append(jobKey + "_SUCCESS").Order(StringComparer.Ordinal)], artifacts.List(jobKey));
            foreach (var key in local)
                Assert.Equal(File.ReadAllBytes(ArtifactLayout.ToLocalPath(project.Store, key)), Read(artifacts, key));
        }
        // One data version, published once, at the same key as locally; the second run reused it.
        var dataKey = Key(project.Store, first.DataDirectory);
        Assert.Equal(first.DataDirectory, second.DataDirectory);
        Assert.Equal([dataKey + "_SUCCESS", dataKey + "data.csv", dataKey + "manifest.json"], artifacts.List(ArtifactLayout.DataSet("tests", "penguins")));
        Assert.Equal(File.ReadAllBytes(project.Path("penguins.csv")), Read(artifacts, dataKey + "data.csv"));
        // The local store looks as it always did: no markers there.
        Assert.DoesNotContain(project.StoreEntries(), entry => entry.EndsWith("_SUCCESS", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_JobNamePublishedOnTheArtifactRoot_IsRefusedAndPublishesNothingLocally()
    {
        using var project = new RunProject();
        project.CopyData("penguins.csv");
        var root = server.NewRoot("taken");
        using (var artifacts = ArtifactStores.Open(root, server.Environment))
            artifacts.PublishFolder(ArtifactLayout.Job("tests", "another-model", new DateOnly(2024, 1, 2), "fixed-job"), [new ArtifactUpload("metrics.json", () => new MemoryStream([1]))]);
        using var environment = new EnvironmentScope(S3Settings());

        var error = Assert.Throws<JobNameTakenException>(() => WorkflowRunner.Run(project.Config(RunYaml.Penguins(extra: "job_name: fixed-job")), project.Options() with { ArtifactRoot = root }));

        Assert.Contains("another-model", error.Existing, StringComparison.Ordinal);
        Assert.DoesNotContain(project.StoreEntries(), entry => entry.Contains("output", StringComparison.Ordinal));
    }

    private Dictionary<string, string?> S3Settings() => new()
    {
        ["KILN_S3_ENDPOINT"] = server.Endpoint,
        ["AWS_ACCESS_KEY_ID"] = S3rverFixture.AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = S3rverFixture.SecretKey,
        ["AWS_REGION"] = "us-east-1",
    };

    private static string Key(string storeRoot, string directory) =>
        Path.GetRelativePath(storeRoot, directory).Replace(Path.DirectorySeparatorChar, '/') + "/";

    private static List<string> LocalKeys(string storeRoot, string directory) =>
        [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(storeRoot, file).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)];

    private static byte[] Read(IArtifactStore store, string key)
    {
        using var buffer = new MemoryStream();
        store.Get(key, buffer);
        return buffer.ToArray();
    }
}
