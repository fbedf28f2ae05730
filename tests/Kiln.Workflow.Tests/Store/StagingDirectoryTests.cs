using Kiln.Core;
using Kiln.Workflow.Store;

namespace Kiln.Workflow.Tests.Store;

public sealed class StagingDirectoryTests
{
    private static readonly DateOnly Day = new(2025, 3, 7);

    [Fact]
    public void Publish_Outputs_AppearAtTheDestinationAndStagingIsGone()
    {
        using var folder = new TempFolder();
        var layout = new StoreLayout(folder.Path);
        var destination = layout.Job("default", "m", Day, "job-1");

        using (var staging = StagingDirectory.Create(layout, "run-1"))
        {
            File.WriteAllText(Path.Combine(staging.Path, "metrics.json"), "{}");
            Directory.CreateDirectory(Path.Combine(staging.Path, "checkpoints"));
            File.WriteAllText(Path.Combine(staging.Path, "checkpoints", "epoch-1.bin"), "x");
            staging.Publish(destination);
            Assert.True(staging.IsPublished);
        }

        Assert.Equal("{}", File.ReadAllText(Path.Combine(destination, "metrics.json")));
        Assert.Equal("x", File.ReadAllText(Path.Combine(destination, "checkpoints", "epoch-1.bin")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(layout.StagingRoot));
    }

    [Fact]
    public void Dispose_FailureBeforePublish_LeavesNothingAnywhere()
    {
        using var folder = new TempFolder();
        var layout = new StoreLayout(folder.Path);
        var destination = layout.Job("default", "m", Day, "job-1");

        void Run()
        {
            using var staging = StagingDirectory.Create(layout, "run-1");
            File.WriteAllText(Path.Combine(staging.Path, "model.kiln"), "half");
            throw new InvalidDataException("training failed");
        }

        var failure = Assert.Throws<InvalidDataException>(Run);

        Assert.Equal("training failed", failure.Message);
        Assert.False(Directory.Exists(destination));
        Assert.False(Directory.Exists(layout.Namespace("default")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(layout.StagingRoot));
    }

    [Fact]
    public void Publish_DestinationExists_RefusedAndExistingUntouched()
    {
        using var folder = new TempFolder();
        var layout = new StoreLayout(folder.Path);
        var destination = layout.Job("default", "m", Day, "job-1");
        Directory.CreateDirectory(destination);
        File.WriteAllText(Path.Combine(destination, "metrics.json"), "old");
        using var staging = StagingDirectory.Create(layout, "run-2");
        File.WriteAllText(Path.Combine(staging.Path, "metrics.json"), "new");

        var error = Assert.Throws<KilnException>(() => staging.Publish(destination));

        Assert.Equal($"Cannot publish to {destination}: it exists already, and published outputs are never overwritten.", error.Message);
        Assert.Equal("old", File.ReadAllText(Path.Combine(destination, "metrics.json")));
        Assert.False(staging.IsPublished);
    }

    [Fact]
    public void Publish_ConcurrentPublisherWins_TheirsUntouchedOursStillStaged()
    {
        using var folder = new TempFolder();
        var layout = new StoreLayout(folder.Path);
        var destination = layout.Job("default", "m", Day, "job-1");
        using var staging = StagingDirectory.Create(layout, "run-3");
        File.WriteAllText(Path.Combine(staging.Path, "metrics.json"), "mine");
        staging.BeforeRename = () =>
        {
            Directory.CreateDirectory(destination);
            File.WriteAllText(Path.Combine(destination, "metrics.json"), "theirs");
        };

        var error = Assert.Throws<KilnException>(() => staging.Publish(destination));

        Assert.StartsWith($"Cannot publish {staging.Path} to {destination}: ", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(error.InnerException);
        Assert.False(staging.IsPublished);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(staging.Path, "metrics.json")));
        Assert.Equal("theirs", File.ReadAllText(Path.Combine(destination, "metrics.json")));
    }

    [Fact]
    public void Publish_RenameFails_RemovesTheFoldersItCreated()
    {
        using var folder = new TempFolder();
        var layout = new StoreLayout(folder.Path);
        var destination = layout.Job("default", "m", Day, "job-1");
        Directory.CreateDirectory(layout.Namespace("default"));
        using var staging = StagingDirectory.Create(layout, "run-3");
        File.WriteAllText(Path.Combine(staging.Path, "metrics.json"), "mine");
        staging.BeforeRename = () => Directory.Delete(staging.Path, recursive: true);

        var error = Assert.Throws<KilnException>(() => staging.Publish(destination));

        Assert.IsAssignableFrom<IOException>(error.InnerException);
        Assert.False(Directory.Exists(destination));
        Assert.Empty(Directory.EnumerateFileSystemEntries(layout.Namespace("default")));
    }

    [Fact]
    public void Publish_Twice_Throws()
    {
        using var folder = new TempFolder();
        var layout = new StoreLayout(folder.Path);
        using var staging = StagingDirectory.Create(layout, "run-4");
        staging.Publish(layout.Job("default", "m", Day, "a"));

        Assert.Throws<InvalidOperationException>(() => staging.Publish(layout.Job("default", "m", Day, "b")));
    }

    [Fact]
    public void Create_SameIdTwice_Throws()
    {
        using var folder = new TempFolder();
        var layout = new StoreLayout(folder.Path);
        using var first = StagingDirectory.Create(layout, "run-5");

        Assert.Throws<IOException>(() => StagingDirectory.Create(layout, "run-5"));
    }
}
