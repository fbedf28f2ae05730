using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Kiln.Core;

namespace Kiln.Tracking.Artifacts;

/// <summary>An artifact store in an S3 bucket (AWS S3, MinIO, s3rver …): a key <c>a/b/c</c> is the object <c>&lt;prefix&gt;a/b/c</c>.</summary>
/// <remarks>
/// <para>
/// Atomicity comes from S3 itself: an object becomes visible only when its upload completes. A stream shorter than
/// <see cref="MultipartThreshold"/> is sent as one PutObject; a longer one as a multipart upload of
/// <see cref="PartSize"/> parts, which S3 assembles into the object only on CompleteMultipartUpload; a failure aborts
/// the upload, so nothing appears and the old object (if any) stays.
/// </para>
/// <para>
/// Every PutObject and UploadPart request sets <c>UseChunkEncoding = false</c>: S3-compatible servers such as s3rver
/// store the aws-chunked framing as part of the object otherwise, and the object comes back corrupted.
/// </para>
/// <para>
/// <see cref="PublishFolder"/> uploads the files one by one and writes <see cref="IArtifactStore.CompletionMarker"/>
/// last; until the marker exists the folder is absent for readers (<see cref="IArtifactStore.IsPublished"/>). S3 has no
/// rename, so a reader that lists the folder before the marker exists sees some of the files: always check the marker.
/// </para>
/// </remarks>
public sealed class S3ArtifactStore : IArtifactStore
{
    /// <summary>Streams shorter than this go as one PutObject; others as a multipart upload.</summary>
    public const int MultipartThreshold = 16 * 1024 * 1024;

    /// <summary>The size of each multipart part but the last (S3's minimum is 5 MiB).</summary>
    public const int PartSize = 8 * 1024 * 1024;

    private const int DeleteBatch = 1000;

    private readonly IAmazonS3 _client;
    private readonly bool _ownsClient;

    /// <summary>Creates a store over <paramref name="bucket"/> and <paramref name="prefix"/> with a client the caller owns (and disposes).</summary>
    /// <param name="bucket">The bucket's name (S3's rules: 3 to 63 lowercase letters, digits, '.' or '-').</param>
    /// <param name="prefix">The folder inside the bucket that is the store's root: empty, or a valid key followed by '/'.</param>
    /// <param name="client">The S3 client; for a custom endpoint set <c>ForcePathStyle = true</c>.</param>
    /// <exception cref="ArgumentException">The bucket name or the prefix is not valid.</exception>
    public S3ArtifactStore(string bucket, string prefix, IAmazonS3 client)
        : this(bucket, prefix, client, ownsClient: false)
    {
    }

    internal S3ArtifactStore(string bucket, string prefix, IAmazonS3 client, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!IsValidBucket(bucket))
            throw new ArgumentException($"The bucket name '{TrackingNames.Display(bucket)}' is not valid: S3 bucket names are 3 to 63 lowercase letters, digits, '.' or '-', starting and ending with a letter or digit.", nameof(bucket));
        ArtifactKeys.ValidatePrefix(prefix, nameof(prefix));
        Bucket = bucket;
        Prefix = prefix;
        _client = client;
        _ownsClient = ownsClient;
    }

    /// <summary>The bucket.</summary>
    public string Bucket { get; }

    /// <summary>The store's root folder inside the bucket: empty, or ending with '/'.</summary>
    public string Prefix { get; }

    /// <inheritdoc />
    public string Location => $"s3://{Bucket}/{Prefix}";

    /// <summary>Whether <paramref name="bucket"/> follows S3's bucket naming rules (the common subset every S3-compatible server accepts).</summary>
    public static bool IsValidBucket(string? bucket)
    {
        if (bucket is null || bucket.Length is < 3 or > 63)
            return false;
        if (!IsLowerOrDigit(bucket[0]) || !IsLowerOrDigit(bucket[^1]) || bucket.Contains("..", StringComparison.Ordinal))
            return false;
        return bucket.All(c => IsLowerOrDigit(c) || c is '.' or '-');

        static bool IsLowerOrDigit(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
    }

    /// <inheritdoc />
    public void Put(string key, Stream content)
    {
        var objectKey = ObjectKey(key, nameof(key));
        ArgumentNullException.ThrowIfNull(content);
        Call("store", key, () => PutAsync(objectKey, content));
    }

    /// <inheritdoc />
    public void PutFile(string key, string sourcePath)
    {
        var objectKey = ObjectKey(key, nameof(key));
        ArgumentNullException.ThrowIfNull(sourcePath);
        FileStream source;
        try
        {
            source = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new KilnException($"Cannot read {sourcePath} to store it: {exception.Message}", exception);
        }
        using (source)
            Call("store", key, () => PutAsync(objectKey, source));
    }

    /// <inheritdoc />
    public void Get(string key, Stream destination)
    {
        var objectKey = ObjectKey(key, nameof(key));
        ArgumentNullException.ThrowIfNull(destination);
        Call("read", key, async () =>
        {
            using var response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = Bucket, Key = objectKey }).ConfigureAwait(false);
            await response.ResponseStream.CopyToAsync(destination).ConfigureAwait(false);
        });
    }

    /// <inheritdoc />
    public void GetFile(string key, string destinationPath)
    {
        var objectKey = ObjectKey(key, nameof(key));
        ArgumentNullException.ThrowIfNull(destinationPath);
        var path = Path.GetFullPath(destinationPath);
        Call("read", key, async () =>
        {
            using var response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = Bucket, Key = objectKey }).ConfigureAwait(false);
            LocalFiles.WriteAtomically(path, response.ResponseStream);
        });
    }

    /// <inheritdoc />
    public bool Exists(string key)
    {
        var objectKey = ObjectKey(key, nameof(key));
        return Call("look for", key, async () =>
        {
            try
            {
                await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Bucket, Key = objectKey }).ConfigureAwait(false);
                return true;
            }
            catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound && exception.ErrorCode != "NoSuchBucket")
            {
                return false;
            }
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<string> List(string prefix)
    {
        ArtifactKeys.ValidatePrefix(prefix, nameof(prefix));
        var keys = Call("list", prefix, () => ListObjectKeysAsync(Prefix + prefix));
        var result = new List<string>(keys.Count);
        foreach (var objectKey in keys)
        {
            var key = objectKey[Prefix.Length..];
            // Objects another tool wrote under the prefix with names no key can have are not the store's.
            if (ArtifactKeys.IsValidKey(key))
                result.Add(key);
        }
        result.Sort(StringComparer.Ordinal);
        return result;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> DeletePrefix(string prefix)
    {
        RefuseRoot(prefix);
        return ArtifactPublishing.DeleteMarkersFirst(List(prefix), Delete);
    }

    private List<string> Delete(List<string> keys)
    {
        var failed = new List<string>();
        for (var start = 0; start < keys.Count; start += DeleteBatch)
        {
            var batch = keys.GetRange(start, Math.Min(DeleteBatch, keys.Count - start));
            var request = new DeleteObjectsRequest
            {
                BucketName = Bucket,
                Objects = batch.Select(key => new KeyVersion { Key = Prefix + key }).ToList(),
                Quiet = true,
            };
            try
            {
                var response = Task.Run(() => _client.DeleteObjectsAsync(request)).GetAwaiter().GetResult();
                foreach (var error in response.DeleteErrors ?? [])
                    failed.Add(error.Key[Prefix.Length..]);
            }
            catch (Exception exception) when (exception is AmazonServiceException or HttpRequestException or IOException)
            {
                failed.AddRange(batch);
            }
        }
        return failed;
    }

    /// <inheritdoc />
    public void PublishFolder(string prefix, IReadOnlyList<ArtifactUpload> files)
    {
        ArtifactPublishing.Validate(prefix, files, Prefix.Length);
        if (IsPublished(prefix))
            throw new ArtifactExistsException(Location, prefix);
        // A folder without its marker is absent: whatever is there was left by an interrupted publish.
        var leftovers = DeletePrefix(prefix);
        if (leftovers.Count > 0)
            throw new KilnException($"Cannot publish '{prefix}' in {Location}: {leftovers.Count} object(s) an interrupted publish left could not be deleted (first: {leftovers[0]}).");
        var published = new List<(string, long)>(files.Count);
        foreach (var file in files)
        {
            using var source = file.Open();
            var counting = new ArtifactPublishing.CountingStream(source);
            var objectKey = Prefix + prefix + file.RelativeKey;
            Call("store", prefix + file.RelativeKey, () => PutAsync(objectKey, counting));
            published.Add((file.RelativeKey, counting.BytesRead));
        }
        using var marker = new MemoryStream(ArtifactPublishing.Marker(published), writable: false);
        var markerKey = prefix + IArtifactStore.CompletionMarker;
        Call("store", markerKey, () => PutAsync(Prefix + markerKey, marker));
    }

    /// <inheritdoc />
    public bool IsPublished(string prefix)
    {
        RefuseRoot(prefix);
        return Exists(prefix + IArtifactStore.CompletionMarker);
    }

    /// <summary>Disposes the client when the store created it (<see cref="ArtifactStores.Open(string)"/>); a client passed in stays the caller's.</summary>
    public void Dispose()
    {
        if (_ownsClient)
            _client.Dispose();
    }

    private async Task PutAsync(string objectKey, Stream content)
    {
        // Read up to the threshold into memory (growing, so a small file costs little): the SDK then sends a body of
        // known length without ever reading the caller's stream, and a failing source fails before anything is sent.
        using var head = new MemoryStream();
        var chunk = new byte[1 << 16];
        while (head.Length < MultipartThreshold)
        {
            var read = await content.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, MultipartThreshold - head.Length))).ConfigureAwait(false);
            if (read == 0)
                break;
            head.Write(chunk, 0, read);
        }
        if (head.Length < MultipartThreshold)
        {
            head.Position = 0;
            await _client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = Bucket,
                Key = objectKey,
                InputStream = head,
                AutoCloseStream = false,
                UseChunkEncoding = false,
            }).ConfigureAwait(false);
            return;
        }
        await PutMultipartAsync(objectKey, head.GetBuffer(), (int)head.Length, content).ConfigureAwait(false);
    }

    private async Task PutMultipartAsync(string objectKey, byte[] first, int firstLength, Stream content)
    {
        var start = await _client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = Bucket, Key = objectKey }).ConfigureAwait(false);
        var parts = new List<PartETag>();
        try
        {
            for (var offset = 0; offset < firstLength; offset += PartSize)
                parts.Add(await UploadPartAsync(objectKey, start.UploadId, parts.Count + 1, first, offset, Math.Min(PartSize, firstLength - offset)).ConfigureAwait(false));
            var buffer = new byte[PartSize];
            int filled;
            while ((filled = await FillAsync(content, buffer).ConfigureAwait(false)) > 0)
                parts.Add(await UploadPartAsync(objectKey, start.UploadId, parts.Count + 1, buffer, 0, filled).ConfigureAwait(false));
            await _client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = Bucket,
                Key = objectKey,
                UploadId = start.UploadId,
                PartETags = parts,
            }).ConfigureAwait(false);
        }
        catch
        {
            await AbortQuietlyAsync(objectKey, start.UploadId).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<PartETag> UploadPartAsync(string objectKey, string uploadId, int partNumber, byte[] buffer, int offset, int count)
    {
        using var body = new MemoryStream(buffer, offset, count, writable: false);
        var response = await _client.UploadPartAsync(new UploadPartRequest
        {
            BucketName = Bucket,
            Key = objectKey,
            UploadId = uploadId,
            PartNumber = partNumber,
            PartSize = count,
            InputStream = body,
            UseChunkEncoding = false,
        }).ConfigureAwait(false);
        return new PartETag(partNumber, response.ETag);
    }

    private async Task AbortQuietlyAsync(string objectKey, string uploadId)
    {
        try
        {
            await _client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = Bucket, Key = objectKey, UploadId = uploadId }).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is AmazonServiceException or HttpRequestException or IOException)
        {
            // The object never appeared either way; an unaborted upload only costs storage until the bucket's lifecycle rule ends it.
        }
    }

    private async Task<List<string>> ListObjectKeysAsync(string objectPrefix)
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = objectPrefix };
        while (true)
        {
            var response = await _client.ListObjectsV2Async(request).ConfigureAwait(false);
            foreach (var item in response.S3Objects ?? [])
                keys.Add(item.Key);
            if (response.IsTruncated != true || string.IsNullOrEmpty(response.NextContinuationToken))
                return keys;
            request.ContinuationToken = response.NextContinuationToken;
        }
    }

    private static async Task<int> FillAsync(Stream content, byte[] buffer)
    {
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await content.ReadAsync(buffer.AsMemory(filled)).ConfigureAwait(false)) > 0)
            filled += read;
        return filled;
    }

    private string ObjectKey(string key, string parameterName)
    {
        ArtifactKeys.ValidateKey(key, parameterName);
        var objectKey = Prefix + key;
        if (objectKey.Length > ArtifactKeys.MaxKeyLength)
            throw new ArgumentException($"The artifact key '{TrackingNames.Display(key)}' under the prefix '{Prefix}' is {objectKey.Length} characters long; the limit is {ArtifactKeys.MaxKeyLength}.", parameterName);
        return objectKey;
    }

    private static void RefuseRoot(string prefix)
    {
        ArtifactKeys.ValidatePrefix(prefix, nameof(prefix));
        if (prefix.Length == 0)
            throw new ArgumentException("The empty prefix is the whole store; name a folder (for example ArtifactLayout.Job(…)).", nameof(prefix));
    }

    private void Call(string action, string key, Func<Task> operation) => Call(action, key, async () =>
    {
        await operation().ConfigureAwait(false);
        return true;
    });

    /// <summary>Runs one S3 operation to completion and turns the SDK's failures into messages that say the store, the key and what to check (never a credential).</summary>
    private T Call<T>(string action, string key, Func<Task<T>> operation)
    {
        try
        {
            // Off the caller's synchronization context, so the blocking wait cannot deadlock a UI or test context.
            return Task.Run(operation).GetAwaiter().GetResult();
        }
        catch (AmazonS3Exception exception) when (exception.ErrorCode is "NoSuchKey" || (exception.StatusCode == HttpStatusCode.NotFound && exception.ErrorCode is not "NoSuchBucket"))
        {
            throw new ArtifactNotFoundException(Location, key);
        }
        catch (AmazonS3Exception exception)
        {
            throw new KilnException($"Cannot {action} '{key}' in {Location}: S3 answered {(int)exception.StatusCode} {exception.ErrorCode}: {exception.Message}{Hint(exception.ErrorCode)}", exception);
        }
        catch (Exception exception) when (exception is AmazonClientException or HttpRequestException)
        {
            throw new KilnException($"Cannot {action} '{key}' in {Location}: {exception.Message}. Check the endpoint ({ArtifactStores.EndpointVariable} or AWS_ENDPOINT_URL) and that the server is running.", exception);
        }
    }

    private static string Hint(string? errorCode) => errorCode switch
    {
        "NoSuchBucket" => ". Create the bucket first; Kiln does not create buckets.",
        "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "AccessDenied" => ". Check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY and the bucket's permissions.",
        _ => ".",
    };
}
