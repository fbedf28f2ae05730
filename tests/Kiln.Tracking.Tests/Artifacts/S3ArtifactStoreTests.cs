using Amazon.S3.Model;
using Kiln.Core;
using Kiln.Tracking.Artifacts;

namespace Kiln.Tracking.Tests.Artifacts;

/// <summary>What only the S3 store has: multipart uploads, prefixes inside the bucket, S3's own errors.</summary>
[Collection(S3rverCollection.Name)]
public sealed class S3ArtifactStoreTests(S3rverFixture server)
{
    [Fact]
    public void Put_AboveTheThreshold_GoesAsAMultipartUploadOfThreeParts()
    {
        using var inner = server.NewClient();
        var (client, recorder) = RecordingS3Client.Wrap(inner);
        using var store = new S3ArtifactStore(S3rverFixture.Bucket, "multipart-recorded/", client);
        var bytes = TestBytes.Random(20_000_000, seed: 7);

        store.Put("big.bin", new MemoryStream(bytes));

        // 8 MiB + 8 MiB + the rest, then one completion; never a single PutObject.
        Assert.Equal(1, recorder.Count(nameof(inner.InitiateMultipartUploadAsync)));
        Assert.Equal(3, recorder.Count(nameof(inner.UploadPartAsync)));
        Assert.Equal(1, recorder.Count(nameof(inner.CompleteMultipartUploadAsync)));
        Assert.Equal(0, recorder.Count(nameof(inner.PutObjectAsync)));
        using var back = new MemoryStream();
        store.Get("big.bin", back);
        Assert.Equal(bytes, back.ToArray());
    }

    [Fact]
    public void Put_SourceFailsDuringAMultipartUpload_AbortsIt()
    {
        using var inner = server.NewClient();
        var (client, recorder) = RecordingS3Client.Wrap(inner);
        using var store = new S3ArtifactStore(S3rverFixture.Bucket, "multipart-aborted/", client);

        Assert.Throws<IOException>(() => store.Put("big.bin", new FailingStream(failAfter: 20L * 1024 * 1024)));

        Assert.Equal(2, recorder.Count(nameof(inner.UploadPartAsync)));
        Assert.Equal(1, recorder.Count(nameof(inner.AbortMultipartUploadAsync)));
        Assert.Equal(0, recorder.Count(nameof(inner.CompleteMultipartUploadAsync)));
        Assert.False(store.Exists("big.bin"));
    }

    [Fact]
    public void Put_BelowTheThreshold_IsOnePutObject()
    {
        using var inner = server.NewClient();
        var (client, recorder) = RecordingS3Client.Wrap(inner);
        using var store = new S3ArtifactStore(S3rverFixture.Bucket, "single-recorded/", client);

        store.Put("small.bin", new MemoryStream(TestBytes.EveryValue()));

        Assert.Equal([nameof(inner.PutObjectAsync)], recorder.Calls);
    }

    [Fact]
    public void DeletePrefix_DeletesTheMarkersBeforeTheFiles()
    {
        using var inner = server.NewClient();
        var (client, recorder) = RecordingS3Client.Wrap(inner);
        using var store = new S3ArtifactStore(S3rverFixture.Bucket, server.NewRoot("delete-order")["s3://kiln-tests/".Length..] + "/", client);
        var day = new DateOnly(2026, 3, 7);
        foreach (var job in new[] { "job-1", "job-2" })
            store.PublishFolder(ArtifactLayout.Job("team", "churn", day, job), [new ArtifactUpload("a.bin", () => new MemoryStream([1])), new ArtifactUpload("z.bin", () => new MemoryStream([2]))]);

        Assert.Empty(store.DeletePrefix(ArtifactLayout.Model("team", "churn")));

        var deletes = recorder.Requests.OfType<DeleteObjectsRequest>().ToList();
        Assert.Equal(2, deletes.Count);
        Assert.All(deletes[0].Objects, item => Assert.EndsWith("/_SUCCESS", item.Key, StringComparison.Ordinal));
        Assert.Equal(2, deletes[0].Objects.Count);
        Assert.DoesNotContain(deletes[1].Objects, item => item.Key.EndsWith("_SUCCESS", StringComparison.Ordinal));
        Assert.Equal(4, deletes[1].Objects.Count);
        Assert.Empty(store.List(""));
    }

    [Fact]
    public async Task Keys_LiveUnderTheRootsPrefix_AndTwoRootsDoNotSeeEachOther()
    {
        var rootA = server.NewRoot("isolated");
        var rootB = server.NewRoot("isolated");
        using var storeA = ArtifactStores.Open(rootA + "/inner", server.Environment);
        using var storeB = ArtifactStores.Open(rootB, server.Environment);
        var key = ArtifactLayout.File(ArtifactLayout.Job("team", "churn", new DateOnly(2026, 3, 7), "job-1"), "model.kiln");

        storeA.Put(key, new MemoryStream([1, 2]));

        var s3 = Assert.IsType<S3ArtifactStore>(storeA);
        Assert.Equal(rootA["s3://kiln-tests/".Length..] + "/inner/", s3.Prefix);
        using var client = server.NewClient();
        var listed = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3rverFixture.Bucket, Prefix = s3.Prefix });
        Assert.Equal(
            [s3.Prefix + "ns=team/output/churn/year=2026/month=03/day=07/job-1/model.kiln"],
            (listed.S3Objects ?? []).Select(item => item.Key));
        Assert.Empty(storeB.List(""));
        Assert.False(storeB.Exists(key));
    }

    [Fact]
    public void Put_UnknownAccessKey_FailsWithAMessageThatNeverShowsTheSecret()
    {
        // s3rver checks the access key id (not version 4 signatures), so an unknown id is how it refuses credentials.
        const string secret = "secret-value-do-not-print";
        using var store = ArtifactStores.Open(server.NewRoot("denied"), variable => variable switch
        {
            "AWS_ACCESS_KEY_ID" => "UNKNOWNKEY",
            "AWS_SECRET_ACCESS_KEY" => secret,
            _ => server.Environment(variable),
        });

        var error = Assert.Throws<KilnException>(() => store.Put("a.txt", new MemoryStream([1])));

        Assert.Contains("InvalidAccessKeyId", error.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_SECRET_ACCESS_KEY", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Put_MissingBucket_SaysToCreateIt()
    {
        using var store = ArtifactStores.Open("s3://no-such-bucket/x", server.Environment);

        var error = Assert.Throws<KilnException>(() => store.Put("a.txt", new MemoryStream([1])));

        Assert.Contains("NoSuchBucket", error.Message, StringComparison.Ordinal);
        Assert.Contains("s3://no-such-bucket/x/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Put_NoServerAtTheEndpoint_SaysWhichSettingToCheck()
    {
        // Port 1 on loopback: nothing listens there.
        using var store = ArtifactStores.Open("s3://kiln-tests/x", variable => variable == "KILN_S3_ENDPOINT" ? "http://127.0.0.1:1" : server.Environment(variable));

        var error = Assert.Throws<KilnException>(() => store.Exists("a.txt"));

        Assert.Contains("KILN_S3_ENDPOINT", error.Message, StringComparison.Ordinal);
    }
}
