using System.Text;
using Kiln.Tracking.Artifacts;

namespace Kiln.Tracking.Tests.Artifacts;

/// <summary>What only the local store has: files on disk, temporary files, the staging folder.</summary>
public sealed class LocalArtifactStoreTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Put_WritesTheKeyAsAFileUnderTheRoot_AndLeavesNoTemporaryFile()
    {
        var store = new LocalArtifactStore(_folder.Path);
        var key = ArtifactLayout.File(ArtifactLayout.Checkpoints("team", "churn", new DateOnly(2026, 3, 7), "job-1"), "epoch-3.bin");

        store.Put(key, new MemoryStream([4, 5, 6]));

        var path = Path.Combine(_folder.Path, "ns=team", "output", "churn", "year=2026", "month=03", "day=07", "job-1", "checkpoints", "epoch-3.bin");
        Assert.Equal(new byte[] { 4, 5, 6 }, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.EnumerateFiles(_folder.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Put_SourceFails_LeavesNoTemporaryFileBehind()
    {
        var store = new LocalArtifactStore(_folder.Path);
        store.Put("a/value.txt", new MemoryStream(Encoding.UTF8.GetBytes("old")));

        Assert.Throws<IOException>(() => store.Put("a/value.txt", new FailingStream(failAfter: 100)));

        Assert.Equal([Path.Combine(_folder.Path, "a", "value.txt")], Directory.EnumerateFiles(_folder.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void List_IgnoresTemporaryFilesAndTheStagingFolder()
    {
        var store = new LocalArtifactStore(_folder.Path);
        store.Put("a/kept.txt", new MemoryStream([1]));
        // What a killed process can leave behind.
        File.WriteAllBytes(Path.Combine(_folder.Path, "a", ".kept.txt.abcdefgh.tmp"), [2]);
        Directory.CreateDirectory(Path.Combine(_folder.Path, LocalArtifactStore.StagingFolder, "publish-abc"));
        File.WriteAllBytes(Path.Combine(_folder.Path, LocalArtifactStore.StagingFolder, "publish-abc", "x.bin"), [3]);

        Assert.Equal(["a/kept.txt"], store.List(""));
    }

    [Fact]
    public void PublishFolder_RenamesTheStagedFolderIntoPlace_AndRemovesTheStagingFolder()
    {
        var store = new LocalArtifactStore(_folder.Path);

        store.PublishFolder("jobs/one/", [new ArtifactUpload("model.kiln", () => new MemoryStream([1]))]);

        Assert.True(File.Exists(Path.Combine(_folder.Path, "jobs", "one", "_SUCCESS")));
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, LocalArtifactStore.StagingFolder)));
    }

    [Fact]
    public void PublishFolder_Interrupted_LeavesNothingAtTheDestination()
    {
        var store = new LocalArtifactStore(_folder.Path);

        Assert.Throws<IOException>(() => store.PublishFolder("jobs/one/",
        [
            new ArtifactUpload("a.txt", () => new MemoryStream([1])),
            new ArtifactUpload("b.txt", () => new FailingStream(failAfter: 10)),
        ]));

        // Local publishes are renamed into place whole, so not even the first file shows.
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "jobs")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void DeletePrefix_RemovesTheEmptyFolders()
    {
        var store = new LocalArtifactStore(_folder.Path);
        store.Put("jobs/one/sub/a.txt", new MemoryStream([1]));
        store.Put("jobs/two/b.txt", new MemoryStream([1]));

        Assert.Empty(store.DeletePrefix("jobs/one/"));

        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "jobs", "one")));
        Assert.True(File.Exists(Path.Combine(_folder.Path, "jobs", "two", "b.txt")));
    }

    [Fact]
    public void Constructor_UnusableRoot_IsRefused()
    {
        Assert.Equal("root", Assert.Throws<ArgumentException>(() => new LocalArtifactStore("")).ParamName);
        Assert.Equal("root", Assert.Throws<ArgumentException>(() => new LocalArtifactStore("a\0b")).ParamName);
    }
}
