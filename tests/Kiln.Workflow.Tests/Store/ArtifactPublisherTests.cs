using Kiln.Tracking.Artifacts;
using Kiln.Workflow.Store;

namespace Kiln.Workflow.Tests.Store;

public sealed class ArtifactPublisherTests : IDisposable
{
    private static readonly DateOnly Monday = new(2025, 3, 10);
    private static readonly DateOnly Friday = new(2025, 3, 14);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ConfiguredRoot_UnsetEmptyOrTheStoreItself_IsNone()
    {
        var store = Path.Combine(_folder.Path, "store");

        Assert.Null(ArtifactPublisher.ConfiguredRoot(null, store));
        Assert.Null(ArtifactPublisher.ConfiguredRoot("  ", store));
        Assert.Null(ArtifactPublisher.ConfiguredRoot(store + Path.DirectorySeparatorChar, store));
        Assert.Equal("s3://bucket/kiln", ArtifactPublisher.ConfiguredRoot("s3://bucket/kiln", store));
        Assert.Equal("/elsewhere", ArtifactPublisher.ConfiguredRoot("/elsewhere", store));
    }

    [Fact]
    public void PublishJob_CopiesTheFolderToTheJobKeyWithItsMarker()
    {
        var job = MakeFolder("job", ("metrics.json", "{}"), ("steps/ingest.json", "[]"));
        using var artifacts = new LocalArtifactStore(Path.Combine(_folder.Path, "artifacts"));

        var prefix = ArtifactPublisher.PublishJob(artifacts, "team", "churn", Friday, "job-1", job);

        Assert.Equal("ns=team/output/churn/year=2025/month=03/day=14/job-1/", prefix);
        Assert.Equal([prefix + "_SUCCESS", prefix + "metrics.json", prefix + "steps/ingest.json"], artifacts.List(prefix));
    }

    [Fact]
    public void PublishJob_Twice_IsATakenJobName()
    {
        var job = MakeFolder("job", ("metrics.json", "{}"));
        using var artifacts = new LocalArtifactStore(Path.Combine(_folder.Path, "artifacts"));
        ArtifactPublisher.PublishJob(artifacts, "team", "churn", Friday, "job-1", job);

        var error = Assert.Throws<JobNameTakenException>(() => ArtifactPublisher.PublishJob(artifacts, "team", "churn", Friday, "job-1", job));

        Assert.Equal("job-1", error.JobName);
    }

    [Fact]
    public void EnsureJobNameFree_PublishedUnderAnotherModelAndDay_Throws_UnpublishedDoesNot()
    {
        var job = MakeFolder("job", ("metrics.json", "{}"));
        using var artifacts = new LocalArtifactStore(Path.Combine(_folder.Path, "artifacts"));
        ArtifactPublisher.PublishJob(artifacts, "team", "other-model", Monday, "job-1", job);
        // A folder without its marker (an interrupted publish) does not hold the name.
        artifacts.Put(ArtifactLayout.File(ArtifactLayout.Job("team", "churn", Friday, "job-2"), "metrics.json"), new MemoryStream([1]));

        var error = Assert.Throws<JobNameTakenException>(() => ArtifactPublisher.EnsureJobNameFree(artifacts, "team", "job-1"));

        Assert.Contains("ns=team/output/other-model/year=2025/month=03/day=10/job-1/", error.Existing, StringComparison.Ordinal);
        ArtifactPublisher.EnsureJobNameFree(artifacts, "team", "job-2");
        ArtifactPublisher.EnsureJobNameFree(artifacts, "other-team", "job-1");
        ArtifactPublisher.EnsureJobNameFree(artifacts, "team", "job");
    }

    [Fact]
    public void PublishDataVersion_SameKeyAsLocally_ThenReusedOnAnotherDay()
    {
        var layout = new StoreLayout(Path.Combine(_folder.Path, "store"));
        var source = Path.Combine(_folder.Path, "penguins.csv");
        File.WriteAllText(source, "a,b\n1,2\n");
        using var artifacts = new LocalArtifactStore(Path.Combine(_folder.Path, "artifacts"));
        var monday = DataVersions.Ingest(layout, "team", source, new DateTimeOffset(Monday, TimeOnly.MinValue, TimeSpan.Zero), "run-1");

        var published = ArtifactPublisher.PublishDataVersion(artifacts, layout, "team", monday);

        Assert.Equal(ArtifactLayout.DataVersion("team", "penguins", monday.Version, Monday), published);
        Assert.Equal(
            [published + "_SUCCESS", published + "data.csv", published + "manifest.json"],
            artifacts.List(published));
        Assert.Equal(monday.DataFile, ArtifactLayout.ToLocalPath(layout.Root, published + "data.csv"));

        // The same content in another store, ingested on Friday: the artifact store keeps Monday's version.
        var otherLayout = new StoreLayout(Path.Combine(_folder.Path, "store2"));
        var friday = DataVersions.Ingest(otherLayout, "team", source, new DateTimeOffset(Friday, TimeOnly.MinValue, TimeSpan.Zero), "run-2");
        Assert.Equal(published, ArtifactPublisher.PublishDataVersion(artifacts, otherLayout, "team", friday));
        Assert.Equal(3, artifacts.List(ArtifactLayout.DataSet("team", "penguins")).Count);
    }

    [Fact]
    public void Open_BadSetting_IsAKilnExceptionNamingTheRootAndTheSetting()
    {
        var error = Assert.Throws<Kiln.Core.KilnException>(() => ArtifactPublisher.Open("gs://bucket"));
        Assert.Contains("'gs://bucket'", error.Message, StringComparison.Ordinal);
        Assert.Contains("KILN_ARTIFACTS", error.Message, StringComparison.Ordinal);
    }

    private string MakeFolder(string name, params (string Path, string Text)[] files)
    {
        var folder = Path.Combine(_folder.Path, name);
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
        return folder;
    }
}
