using System.Text;
using System.Text.Json;
using Kiln.Core;
using Kiln.Workflow.Store;

namespace Kiln.Workflow.Tests.Store;

public sealed class DataVersionsTests
{
    private static readonly DateTimeOffset Monday = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Friday = new(2025, 3, 7, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Hash_Abc_IsTheFips180Value()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "abc.csv");
        File.WriteAllText(file, "abc");

        var (sha256, length) = DataVersions.Hash(file);

        // FIPS 180-2, appendix B.1: SHA-256("abc").
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", sha256);
        Assert.Equal(3, length);
        Assert.Equal("ba7816bf8f01cfea", DataVersions.VersionOf(sha256));
    }

    [Fact]
    public void Ingest_NewContent_StoresCopyAndManifestAtTheLayoutPath()
    {
        using var folder = new TempFolder();
        var layout = new StoreLayout(Path.Combine(folder.Path, "store"));
        var source = Write(folder, "penguins.csv", "a,b\n1,2\n");

        var ingested = DataVersions.Ingest(layout, "examples", source, Monday, "run-1");

        var (sha256, _) = DataVersions.Hash(source);
        Assert.False(ingested.Reused);
        Assert.Equal("penguins", ingested.Dataset);
        Assert.Equal(sha256[..16], ingested.Version);
        Assert.Equal(layout.DataVersion("examples", "penguins", ingested.Version, new DateOnly(2025, 3, 3)), ingested.Directory);
        Assert.Equal(Path.Combine(ingested.Directory, "data.csv"), ingested.DataFile);
        Assert.Equal("a,b\n1,2\n", File.ReadAllText(ingested.DataFile));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(ingested.Directory, "manifest.json")));
        Assert.Equal(sha256, manifest.RootElement.GetProperty("sha256").GetString());
        Assert.Equal(8, manifest.RootElement.GetProperty("bytes").GetInt64());
        Assert.Equal("2025-03-03T09:00:00.000Z", manifest.RootElement.GetProperty("ingested_at").GetString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(layout.StagingRoot));
    }

    [Fact]
    public void Ingest_SameContentAnotherDay_ReusesTheVersion()
    {
        using var folder = new TempFolder();
        var layout = new StoreLayout(Path.Combine(folder.Path, "store"));
        var first = DataVersions.Ingest(layout, "default", Write(folder, "penguins.csv", "x\n1\n"), Monday, "run-1");
        var copy = Write(folder, Path.Combine("other", "penguins.csv"), "x\n1\n");

        var second = DataVersions.Ingest(layout, "default", copy, Friday, "run-2");

        Assert.True(second.Reused);
        Assert.Equal(first.Directory, second.Directory);
        Assert.Equal(first.DataFile, second.DataFile);
        Assert.False(Directory.Exists(layout.DataVersion("default", "penguins", first.Version, new DateOnly(2025, 3, 7))));
    }

    [Fact]
    public void Ingest_ChangedContent_NewVersion()
    {
        using var folder = new TempFolder();
        var layout = new StoreLayout(Path.Combine(folder.Path, "store"));
        var source = Write(folder, "penguins.csv", "x\n1\n");
        var first = DataVersions.Ingest(layout, "default", source, Monday, "run-1");
        File.WriteAllText(source, "x\n2\n");

        var second = DataVersions.Ingest(layout, "default", source, Monday, "run-2");

        Assert.False(second.Reused);
        Assert.NotEqual(first.Version, second.Version);
        Assert.Equal("x\n1\n", File.ReadAllText(first.DataFile));
        Assert.Equal("x\n2\n", File.ReadAllText(second.DataFile));
    }

    [Fact]
    public void Ingest_HostileFileName_StoredUnderSafeNames()
    {
        using var folder = new TempFolder();
        var layout = new StoreLayout(Path.Combine(folder.Path, "store"));
        var source = Write(folder, "evil ..name;rm -rf.CSV", "x\n1\n");

        var ingested = DataVersions.Ingest(layout, "default", source, Monday, "run-1");

        Assert.Equal("evil_", ingested.Dataset);
        Assert.Equal("data.csv", Path.GetFileName(ingested.DataFile));
        Assert.StartsWith(layout.Root + Path.DirectorySeparatorChar, ingested.DataFile, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_MissingFile_SaysWhichAndLeavesNothing()
    {
        using var folder = new TempFolder();
        var layout = new StoreLayout(Path.Combine(folder.Path, "store"));
        var missing = Path.Combine(folder.Path, "nope.csv");

        var error = Assert.Throws<KilnException>(() => DataVersions.Ingest(layout, "default", missing, Monday, "run-1"));

        Assert.StartsWith($"Data file not found: {missing}.", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(layout.Root));
    }

    private static string Write(TempFolder folder, string name, string content)
    {
        var path = Path.Combine(folder.Path, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }
}
