using System.Security.Cryptography;
using System.Text;
using Kiln.Tracking.Artifacts;

namespace Kiln.Tracking.Tests.Artifacts;

/// <summary>
/// What every <see cref="IArtifactStore"/> must do. A store's test class inherits this and says how to open a new, empty
/// store; <see cref="LocalArtifactStoreContractTests"/> and <see cref="S3ArtifactStoreContractTests"/> run it.
/// </summary>
public abstract class ArtifactStoreContract : IDisposable
{
    private static readonly DateOnly Day = new(2026, 3, 7);
    private static readonly string JobA = ArtifactLayout.Job("team", "churn", Day, "job-a");
    private static readonly string JobB = ArtifactLayout.Job("team", "churn", Day, "job-b");

    private readonly Lazy<IArtifactStore> _store;
    private readonly TemporaryFolder _scratch = new();

    protected ArtifactStoreContract() => _store = new Lazy<IArtifactStore>(OpenStore);

    /// <summary>Opens a new, empty store; the test disposes it.</summary>
    protected abstract IArtifactStore OpenStore();

    protected IArtifactStore Store => _store.Value;

    public virtual void Dispose()
    {
        if (_store.IsValueCreated)
            _store.Value.Dispose();
        _scratch.Dispose();
        GC.SuppressFinalize(this);
    }

    public static TheoryData<int> Sizes => new() { 0, 1, 4096, 1_000_003 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Put_ThenGet_ReturnsTheSameBytes(int size)
    {
        var bytes = TestBytes.Random(size, seed: (ulong)size + 1);
        Store.Put("data/blob.bin", new MemoryStream(bytes));

        Assert.Equal(bytes, Read("data/blob.bin"));
    }

    [Fact]
    public void Put_EveryByteValue_RoundTrips()
    {
        var bytes = TestBytes.EveryValue();
        Store.Put("binary/all-bytes.bin", new MemoryStream(bytes));

        var back = Read("binary/all-bytes.bin");

        Assert.Equal(512, back.Length);
        Assert.Equal(bytes, back);
    }

    [Fact]
    public void PutFile_EmptyFile_RoundTripsAsZeroBytes()
    {
        var source = Path.Combine(_scratch.Path, "empty.txt");
        File.WriteAllBytes(source, []);

        Store.PutFile("empty/empty.txt", source);

        Assert.True(Store.Exists("empty/empty.txt"));
        Assert.Empty(Read("empty/empty.txt"));
    }

    [Fact]
    public void PutFile_TwentyMegabytes_RoundTripsThroughGetFile()
    {
        // Above S3ArtifactStore.MultipartThreshold (16 MiB): the S3 store sends it in three parts.
        var bytes = TestBytes.Random(20_000_000, seed: 20);
        var source = Path.Combine(_scratch.Path, "big.bin");
        File.WriteAllBytes(source, bytes);

        Store.PutFile("big/big.bin", source);
        var copy = Path.Combine(_scratch.Path, "copy", "big.bin");
        Store.GetFile("big/big.bin", copy);

        Assert.Equal(20_000_000, new FileInfo(copy).Length);
        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(File.ReadAllBytes(copy)));
    }

    [Fact]
    public void Put_ExistingKey_ReplacesTheContent()
    {
        Store.Put("k/value.txt", Text("first, and longer than the second"));
        Store.Put("k/value.txt", Text("second"));

        Assert.Equal("second", Encoding.UTF8.GetString(Read("k/value.txt")));
        Assert.Equal(["k/value.txt"], Store.List("k/"));
    }

    [Fact]
    public void Put_SourceFailsMidway_KeepsTheOldContent()
    {
        Store.Put("k/value.txt", Text("old"));

        Assert.Throws<IOException>(() => Store.Put("k/value.txt", new FailingStream(failAfter: 10_000)));

        Assert.Equal("old", Encoding.UTF8.GetString(Read("k/value.txt")));
        Assert.Equal(["k/value.txt"], Store.List("k/"));
    }

    [Fact]
    public void Put_SourceFailsMidwayThroughALargeUpload_StoresNothing()
    {
        // 17 MiB read before the failure: past the S3 store's multipart threshold, so its upload is aborted.
        Assert.Throws<IOException>(() => Store.Put("k/large.bin", new FailingStream(failAfter: 17L * 1024 * 1024)));

        Assert.False(Store.Exists("k/large.bin"));
        Assert.Empty(Store.List("k/"));
    }

    [Fact]
    public void Get_MissingKey_ThrowsNotFoundAndLeavesTheDestinationAlone()
    {
        var destination = Path.Combine(_scratch.Path, "kept.txt");
        File.WriteAllText(destination, "kept");

        var error = Assert.Throws<ArtifactNotFoundException>(() => Store.GetFile("missing/nothing.txt", destination));
        Assert.Throws<ArtifactNotFoundException>(() => Store.Get("missing/nothing.txt", new MemoryStream()));

        Assert.Equal("missing/nothing.txt", error.Key);
        Assert.Contains("missing/nothing.txt", error.Message, StringComparison.Ordinal);
        Assert.Equal("kept", File.ReadAllText(destination));
    }

    [Fact]
    public void Exists_TellsStoredFromMissing()
    {
        Store.Put("a/b.txt", Text("b"));

        Assert.True(Store.Exists("a/b.txt"));
        Assert.False(Store.Exists("a/c.txt"));
        Assert.False(Store.Exists("a"));
    }

    [Fact]
    public void List_FolderPrefix_ReturnsEveryKeyUnderItAndNothingElse()
    {
        foreach (var key in new[] { "a/job1/x.txt", "a/job1/sub/y.txt", "a/job10/z.txt", "b/w.txt" })
            Store.Put(key, Text(key));

        Assert.Equal(["a/job1/sub/y.txt", "a/job1/x.txt"], Store.List("a/job1/"));
        Assert.Equal(["a/job1/sub/y.txt", "a/job1/x.txt", "a/job10/z.txt"], Store.List("a/"));
        Assert.Equal(["a/job1/sub/y.txt", "a/job1/x.txt", "a/job10/z.txt", "b/w.txt"], Store.List(""));
        Assert.Empty(Store.List("c/"));
    }

    [Fact]
    public void DeletePrefix_Folder_RemovesItAndNothingElse()
    {
        foreach (var key in new[] { "a/job1/x.txt", "a/job1/sub/y.txt", "a/job10/z.txt", "b/w.txt" })
            Store.Put(key, Text(key));

        var failed = Store.DeletePrefix("a/job1/");

        Assert.Empty(failed);
        Assert.Equal(["a/job10/z.txt", "b/w.txt"], Store.List(""));
        Assert.False(Store.Exists("a/job1/x.txt"));
        Assert.Empty(Store.DeletePrefix("nothing/here/"));
    }

    [Fact]
    public void DeletePrefix_WholeStore_IsRefused()
    {
        Store.Put("a/b.txt", Text("b"));

        var error = Assert.Throws<ArgumentException>(() => Store.DeletePrefix(""));

        Assert.Equal("prefix", error.ParamName);
        Assert.True(Store.Exists("a/b.txt"));
    }

    [Fact]
    public void PublishFolder_WritesEveryFileAndTheMarkerLast()
    {
        Assert.False(Store.IsPublished(JobA));

        Store.PublishFolder(JobA,
        [
            Upload("model.kiln", TestBytes.EveryValue()),
            Upload("metrics.json", Encoding.UTF8.GetBytes("{\"accuracy\": 0.9}")),
            Upload("checkpoints/epoch-1.bin", []),
        ]);

        Assert.True(Store.IsPublished(JobA));
        Assert.Equal(
            [JobA + "_SUCCESS", JobA + "checkpoints/epoch-1.bin", JobA + "metrics.json", JobA + "model.kiln"],
            Store.List(JobA));
        Assert.Equal(TestBytes.EveryValue(), Read(JobA + "model.kiln"));
        Assert.Equal("512\tmodel.kiln\n17\tmetrics.json\n0\tcheckpoints/epoch-1.bin\n", Encoding.UTF8.GetString(Read(JobA + IArtifactStore.CompletionMarker)));
    }

    [Fact]
    public void PublishFolder_FromALocalFolder_KeepsTheRelativePaths()
    {
        var folder = Path.Combine(_scratch.Path, "job");
        Directory.CreateDirectory(Path.Combine(folder, "checkpoints"));
        File.WriteAllText(Path.Combine(folder, "report.html"), "<html></html>");
        File.WriteAllBytes(Path.Combine(folder, "checkpoints", "epoch-2.bin"), [1, 2, 3]);

        Store.PublishFolder(ArtifactLayout.Job("team", "churn", Day, "job-c"), ArtifactUpload.FromFolder(folder));

        var checkpoints = ArtifactLayout.Checkpoints("team", "churn", Day, "job-c");
        Assert.Equal([checkpoints + "epoch-2.bin"], Store.List(checkpoints));
        Assert.Equal(new byte[] { 1, 2, 3 }, Read(checkpoints + "epoch-2.bin"));
    }

    [Fact]
    public void PublishFolder_SourceFailsMidway_LeavesNoMarkerAndTheOldStateIntact()
    {
        Store.PublishFolder(JobA, [Upload("model.kiln", [1, 2, 3])]);
        var before = Store.List("");

        Assert.Throws<IOException>(() => Store.PublishFolder(JobB,
        [
            Upload("a-first.txt", Encoding.UTF8.GetBytes("written before the failure")),
            new ArtifactUpload("b-broken.bin", () => new FailingStream(failAfter: 5000)),
            Upload("c-never.txt", [9]),
        ]));

        Assert.False(Store.IsPublished(JobB));
        Assert.True(Store.IsPublished(JobA));
        Assert.Equal(new byte[] { 1, 2, 3 }, Read(JobA + "model.kiln"));
        Assert.DoesNotContain(JobB + IArtifactStore.CompletionMarker, Store.List(""));
        Assert.Equal(before, Store.List("").Where(key => !key.StartsWith(JobB, StringComparison.Ordinal)));

        // Publishing again replaces whatever the interrupted attempt left.
        Store.PublishFolder(JobB, [Upload("z-only.txt", [7])]);
        Assert.Equal([JobB + "_SUCCESS", JobB + "z-only.txt"], Store.List(JobB));
    }

    [Fact]
    public void PublishFolder_AlreadyPublished_IsRefusedAndKeepsTheFolder()
    {
        Store.PublishFolder(JobA, [Upload("model.kiln", [1])]);

        var error = Assert.Throws<ArtifactExistsException>(() => Store.PublishFolder(JobA, [Upload("model.kiln", [2])]));

        Assert.Equal(JobA, error.Prefix);
        Assert.Equal(new byte[] { 1 }, Read(JobA + "model.kiln"));
    }

    [Fact]
    public void PublishFolder_BadUploads_AreRefusedBeforeAnythingIsWritten()
    {
        Assert.Throws<ArgumentException>(() => Store.PublishFolder(JobA, [Upload("_SUCCESS", [1])]));
        Assert.Throws<ArgumentException>(() => Store.PublishFolder(JobA, [Upload("a.txt", [1]), Upload("a.txt", [2])]));
        Assert.Throws<ArgumentException>(() => Store.PublishFolder(JobA, [Upload("../escape.txt", [1])]));
        Assert.Throws<ArgumentException>(() => Store.PublishFolder("", [Upload("a.txt", [1])]));
        Assert.Throws<ArgumentException>(() => Store.PublishFolder("no-slash", [Upload("a.txt", [1])]));

        Assert.Empty(Store.List(""));
    }

    [Fact]
    public void Put_ConcurrentDifferentKeys_StoresEveryOne()
    {
        const int writers = 8;
        const int keysEach = 6;
        Parallel.For(0, writers, new ParallelOptions { MaxDegreeOfParallelism = writers }, writer =>
        {
            for (var i = 0; i < keysEach; i++)
                Store.Put($"concurrent/w{writer}/k{i}.bin", new MemoryStream(TestBytes.Random(10_000 + i, seed: (ulong)(writer * 100 + i))));
        });

        var keys = Store.List("concurrent/");
        Assert.Equal(writers * keysEach, keys.Count);
        for (var writer = 0; writer < writers; writer++)
        {
            for (var i = 0; i < keysEach; i++)
                Assert.Equal(TestBytes.Random(10_000 + i, seed: (ulong)(writer * 100 + i)), Read($"concurrent/w{writer}/k{i}.bin"));
        }
    }

    public static TheoryData<string> BadKeys => new()
    {
        "",
        "../escape.txt",
        "a/../../escape.txt",
        "..",
        ".",
        "/etc/passwd",
        "a//b.txt",
        "a/b/",
        "C:\\Windows\\win.ini",
        "a\\b.txt",
        "a/\0b.txt",
        "a/b\u0001.txt",
        "a/\u2215b.txt",
        "a/\u2024\u2024/b.txt",
        "\uff4dodel.kiln",
        "a/.hidden",
        "a/with space.txt",
        new string('x', 256),
        new string('x', 10_000),
        string.Join('/', Enumerable.Repeat("segment", 200)),
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public void EveryOperation_BadKey_IsRefusedNamingTheKey(string key)
    {
        var put = Assert.Throws<ArgumentException>(() => Store.Put(key, Text("x")));
        var get = Assert.Throws<ArgumentException>(() => Store.Get(key, new MemoryStream()));
        var exists = Assert.Throws<ArgumentException>(() => Store.Exists(key));

        Assert.Equal("key", put.ParamName);
        Assert.Equal("key", get.ParamName);
        Assert.Equal("key", exists.ParamName);
        Assert.Contains("artifact key", put.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', put.Message);
        Assert.Empty(Store.List(""));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("/a/")]
    [InlineData("../")]
    [InlineData("a//")]
    [InlineData("a/../")]
    public void List_BadPrefix_IsRefusedNamingThePrefix(string prefix)
    {
        var error = Assert.Throws<ArgumentException>(() => Store.List(prefix));
        Assert.Equal("prefix", error.ParamName);
        Assert.Throws<ArgumentException>(() => Store.DeletePrefix(prefix));
    }

    protected byte[] Read(string key)
    {
        using var buffer = new MemoryStream();
        Store.Get(key, buffer);
        return buffer.ToArray();
    }

    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    private static ArtifactUpload Upload(string relativeKey, byte[] bytes) => new(relativeKey, () => new MemoryStream(bytes));
}
