using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace Kiln.Tracking.Artifacts;

/// <summary>Opens the artifact store an artifact root names: a local folder, or <c>s3://bucket/prefix</c>.</summary>
/// <remarks>
/// For <c>s3://</c> roots the settings come from the environment:
/// <list type="bullet">
/// <item><c>KILN_S3_ENDPOINT</c>, else <c>AWS_ENDPOINT_URL_S3</c>, else <c>AWS_ENDPOINT_URL</c>: the endpoint of an
/// S3-compatible server (MinIO, s3rver, …), an absolute http(s) URL; path-style addressing is used with it. Unset: AWS S3.</item>
/// <item><c>AWS_REGION</c> (else <c>AWS_DEFAULT_REGION</c>, else <c>us-east-1</c>).</item>
/// <item><c>AWS_ACCESS_KEY_ID</c> and <c>AWS_SECRET_ACCESS_KEY</c> (both required), and <c>AWS_SESSION_TOKEN</c> for temporary credentials.</item>
/// </list>
/// Messages name the variables and never show the secret.
/// </remarks>
public static class ArtifactStores
{
    /// <summary>Kiln's own endpoint variable; it wins over the AWS ones.</summary>
    public const string EndpointVariable = "KILN_S3_ENDPOINT";

    /// <summary>The region used when neither <c>AWS_REGION</c> nor <c>AWS_DEFAULT_REGION</c> is set.</summary>
    public const string DefaultRegion = "us-east-1";

    private const string Scheme = "s3://";

    /// <summary>Whether <paramref name="root"/> names object storage (<c>s3://…</c>) rather than a folder.</summary>
    public static bool IsRemote(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return root.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Opens the store of <paramref name="root"/> with settings from the process environment.</summary>
    /// <exception cref="ArgumentException">The root is empty, has an unknown scheme, or names a bad bucket or prefix; or an S3 setting is missing or wrong.</exception>
    public static IArtifactStore Open(string root) => Open(root, Environment.GetEnvironmentVariable);

    /// <summary>Opens the store of <paramref name="root"/> with settings read through <paramref name="environment"/>.</summary>
    /// <param name="root">A folder path (relative paths start at the current folder), or <c>s3://bucket</c> or <c>s3://bucket/some/prefix</c>.</param>
    /// <param name="environment">Reads an environment variable (the process environment, or a fake in tests).</param>
    /// <exception cref="ArgumentException">The root is empty, has an unknown scheme, or names a bad bucket or prefix; or an S3 setting is missing or wrong.</exception>
    public static IArtifactStore Open(string root, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (string.IsNullOrWhiteSpace(root))
            throw new ArgumentException("The artifact root is empty; give a folder or s3://bucket/prefix.", nameof(root));
        if (root.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            return OpenS3(root, environment);
        var schemeEnd = root.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0 && root[..schemeEnd].All(char.IsAsciiLetterOrDigit))
            throw new ArgumentException($"The artifact root '{TrackingNames.Display(root)}' has the scheme '{root[..schemeEnd]}://', which Kiln does not know; use a folder path or s3://bucket/prefix.", nameof(root));
        return new LocalArtifactStore(root);
    }

    /// <summary>Splits <c>s3://bucket/some/prefix</c> into the bucket and the store's prefix (<c>some/prefix/</c>, or empty).</summary>
    /// <exception cref="ArgumentException">The bucket or the prefix is not valid.</exception>
    public static (string Bucket, string Prefix) ParseS3Root(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!root.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"'{TrackingNames.Display(root)}' is not an s3:// root.", nameof(root));
        var rest = root[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? string.Empty : rest[(slash + 1)..];
        if (!S3ArtifactStore.IsValidBucket(bucket))
            throw new ArgumentException($"The artifact root '{TrackingNames.Display(root)}' names the bucket '{TrackingNames.Display(bucket)}', which is not a valid S3 bucket name (3 to 63 lowercase letters, digits, '.' or '-').", nameof(root));
        if (prefix.Length > 0 && !prefix.EndsWith('/'))
            prefix += "/";
        if (!ArtifactKeys.IsValidPrefix(prefix))
            throw new ArgumentException($"The artifact root '{TrackingNames.Display(root)}' has the prefix '{TrackingNames.Display(prefix)}', which is not valid: use {ArtifactKeys.KeyRule}.", nameof(root));
        return (bucket, prefix);
    }

    private static S3ArtifactStore OpenS3(string root, Func<string, string?> environment)
    {
        var (bucket, prefix) = ParseS3Root(root);
        var accessKey = Read(environment, "AWS_ACCESS_KEY_ID");
        var secretKey = Read(environment, "AWS_SECRET_ACCESS_KEY");
        if (accessKey is null || secretKey is null)
        {
            var missing = string.Join(" and ", new[] { ("AWS_ACCESS_KEY_ID", accessKey), ("AWS_SECRET_ACCESS_KEY", secretKey) }.Where(pair => pair.Item2 is null).Select(pair => pair.Item1));
            throw new ArgumentException($"The artifact root {root} is on S3, but {missing} {(missing.Contains(" and ", StringComparison.Ordinal) ? "are" : "is")} not set; set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.", nameof(root));
        }
        var sessionToken = Read(environment, "AWS_SESSION_TOKEN");
        AWSCredentials credentials = sessionToken is null
            ? new BasicAWSCredentials(accessKey, secretKey)
            : new SessionAWSCredentials(accessKey, secretKey, sessionToken);

        var regionName = Read(environment, "AWS_REGION") ?? Read(environment, "AWS_DEFAULT_REGION") ?? DefaultRegion;
        var config = new AmazonS3Config
        {
            RegionEndpoint = RegionEndpoint.GetBySystemName(regionName),
            // Kiln's own settings decide; the SDK must not read other endpoint settings behind them.
            IgnoreConfiguredEndpointUrls = true,
        };
        var (endpointVariable, endpoint) = Endpoint(environment);
        if (endpoint is not null)
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new ArgumentException($"{endpointVariable} is '{TrackingNames.Display(endpoint)}', which is not an http:// or https:// URL (for example http://127.0.0.1:9000).", nameof(environment));
            config.ServiceURL = uri.ToString();
            config.AuthenticationRegion = regionName;
            config.ForcePathStyle = true;
            // S3-compatible servers differ in the newer checksum headers; send and check them only where S3 requires them.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }
        return new S3ArtifactStore(bucket, prefix, new AmazonS3Client(credentials, config), ownsClient: true);
    }

    private static (string Variable, string? Value) Endpoint(Func<string, string?> environment)
    {
        foreach (var variable in new[] { EndpointVariable, "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL" })
        {
            if (Read(environment, variable) is { } value)
                return (variable, value);
        }
        return (EndpointVariable, null);
    }

    private static string? Read(Func<string, string?> environment, string variable) =>
        environment(variable) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
