using Kiln.Core;
using Kiln.Tracking.Artifacts;

namespace Kiln.Tracking.Tests.Artifacts;

/// <summary><see cref="BundleFiles"/>: local locations as they are, <c>s3://</c> bundles downloaded once into the cache, against s3rver.</summary>
[Collection(S3rverCollection.Name)]
public sealed class BundleFilesTests(S3rverFixture server)
{
    private const string JobKey = "ns=team/output/churn/year=2026/month=11/day=23/churn-1/";

    [Fact]
    public void CachedPath_IsTheSha256OfTheUriUnderTheCache()
    {
        using var cache = new TemporaryFolder();
        var files = new BundleFiles(cache.Path, _ => throw new InvalidOperationException("no store is opened for a path"));

        var path = files.CachedPath("s3://kiln/production/" + JobKey + "model.kiln");

        // printf %s 's3://kiln/production/ns=team/output/churn/year=2026/month=11/day=23/churn-1/model.kiln' | sha256sum
        Assert.Equal(Path.Combine(cache.Path, "91845f473f8927d73bdcc02fffbc44b253336ed64f6d3e22b0985fd7aee73d4c", "model.kiln"), path);
    }

    [Fact]
    public void CacheFolder_IsUnderTheStoreCache()
    {
        Assert.Equal(Path.Combine("/srv/kiln", ".cache", "bundles"), BundleFiles.CacheFolder("/srv/kiln"));
    }

    [Fact]
    public void Uri_JoinsTheRootsBucketPrefixAndKey()
    {
        Assert.Equal("s3://kiln/production/" + JobKey + "model.kiln", BundleFiles.Uri("s3://kiln/production", JobKey + "model.kiln"));
        Assert.Equal("s3://kiln/" + JobKey + "model.kiln", BundleFiles.Uri("s3://kiln", JobKey + "model.kiln"));
        Assert.Throws<ArgumentException>(() => BundleFiles.Uri("s3://kiln/production", "../model.kiln"));
    }

    [Fact]
    public void LocalPath_LocalLocation_ReturnedAsItIsWithoutOpeningAStore()
    {
        using var cache = new TemporaryFolder();
        var files = new BundleFiles(cache.Path, _ => throw new InvalidOperationException("no store is opened for a path"));

        Assert.Equal("/data/jobs/model.kiln", files.LocalPath("/data/jobs/model.kiln"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(cache.Path));
    }

    [Fact]
    public void LocalPath_S3Bundle_DownloadsOnceAndReusesTheCopyWithoutASecondGet()
    {
        using var cache = new TemporaryFolder();
        var (uri, bytes) = PublishBundle("reuse");
        using var inner = server.NewClient();
        var (client, recorder) = RecordingS3Client.Wrap(inner);
        var opened = new List<string>();
        IArtifactStore Open(string root)
        {
            opened.Add(root);
            return new S3ArtifactStore(S3rverFixture.Bucket, string.Empty, client);
        }

        var first = new BundleFiles(cache.Path, Open).LocalPath(uri);
        var second = new BundleFiles(cache.Path, Open).LocalPath(uri);
        var third = new BundleFiles(cache.Path, Open).LocalPath(uri);

        Assert.Equal(bytes, File.ReadAllBytes(first));
        Assert.Equal(first, second);
        Assert.Equal(first, third);
        Assert.StartsWith(cache.Path + Path.DirectorySeparatorChar, first, StringComparison.Ordinal);
        Assert.Equal(1, recorder.Count(nameof(inner.GetObjectAsync)));
        Assert.Equal(["s3://" + S3rverFixture.Bucket], opened);
        // Only the bundle in its folder: no temporary file left behind.
        Assert.Equal([first], Directory.GetFiles(cache.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void LocalPath_LeftoversOfACrashedDownload_AreIgnoredAndTheBundleDownloaded()
    {
        using var cache = new TemporaryFolder();
        var (uri, bytes) = PublishBundle("crashed");
        var files = BundleFiles.ForStore(cache.Path, server.Environment);
        var cached = files.CachedPath(uri);
        // What a download killed mid-way leaves: a hidden temporary file beside the final name, which never counts.
        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
        var leftover = Path.Combine(Path.GetDirectoryName(cached)!, ".model.kiln.q1w2e3r4.tmp");
        File.WriteAllBytes(leftover, bytes.AsSpan(0, bytes.Length / 2).ToArray());

        var path = files.LocalPath(uri);

        Assert.Equal(cached, path);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void LocalPath_MissingObject_NamesTheUriAndLeavesNothingCached()
    {
        using var cache = new TemporaryFolder();
        var uri = server.NewRoot("missing") + "/" + JobKey + "model.kiln";
        var files = BundleFiles.ForStore(cache.Path, server.Environment);

        var error = Assert.Throws<KilnException>(() => files.LocalPath(uri));

        Assert.StartsWith($"Cannot download the bundle {uri}: there is no such object in s3://{S3rverFixture.Bucket}/", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(files.CachedPath(uri)));
    }

    [Fact]
    public void LocalPath_MissingCredentials_NamesTheVariablesAndNeverTheSecret()
    {
        using var cache = new TemporaryFolder();
        var uri = server.NewRoot("credentials") + "/" + JobKey + "model.kiln";
        string? Environment(string name) => name switch
        {
            "AWS_ACCESS_KEY_ID" => null,
            "AWS_SECRET_ACCESS_KEY" => "very-secret-value",
            _ => server.Environment(name),
        };

        var error = Assert.Throws<KilnException>(() => BundleFiles.ForStore(cache.Path, Environment).LocalPath(uri));

        Assert.StartsWith($"Cannot download the bundle {uri}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_ACCESS_KEY_ID is not set", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalPath_UnknownAccessKey_SaysWhatToCheckWithoutTheSecretAndCachesNothing()
    {
        using var cache = new TemporaryFolder();
        var (uri, _) = PublishBundle("unknown-key");
        // s3rver checks the access key id (not version 4 signatures), so an unknown id is how it refuses credentials.
        string? Environment(string name) => name switch
        {
            "AWS_ACCESS_KEY_ID" => "UNKNOWNKEY",
            "AWS_SECRET_ACCESS_KEY" => "not-the-secret-42",
            _ => server.Environment(name),
        };
        var files = BundleFiles.ForStore(cache.Path, Environment);

        var error = Assert.Throws<KilnException>(() => files.LocalPath(uri));

        Assert.StartsWith($"Cannot download the bundle {uri}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("InvalidAccessKeyId", error.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_SECRET_ACCESS_KEY", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret-42", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(files.CachedPath(uri)));
    }

    [Theory]
    [InlineData("s3://Not_A_Bucket/model.kiln", "bucket")]
    [InlineData("s3://kiln", "key")]
    [InlineData("s3://kiln/a/../model.kiln", "key")]
    public void LocalPath_MalformedUri_IsRefusedNamingIt(string uri, string what)
    {
        using var cache = new TemporaryFolder();
        var files = new BundleFiles(cache.Path, _ => throw new InvalidOperationException("a malformed URI opens no store"));

        var error = Assert.Throws<KilnException>(() => files.LocalPath(uri));

        Assert.StartsWith($"Cannot download the bundle {uri}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Publishes a job folder holding a model.kiln of random bytes under a new root; returns the bundle's URI and bytes.</summary>
    private (string Uri, byte[] Bytes) PublishBundle(string name)
    {
        var root = server.NewRoot(name);
        var bytes = TestBytes.Random(70_000, seed: 11);
        using (var store = ArtifactStores.Open(root, server.Environment))
            store.PublishFolder(JobKey, [new ArtifactUpload(BundleFiles.FileName, () => new MemoryStream(bytes))]);
        return (BundleFiles.Uri(root, JobKey + BundleFiles.FileName), bytes);
    }
}
