using Kiln.Tracking.Artifacts;

namespace Kiln.Tracking.Tests.Artifacts;

public sealed class ArtifactStoresTests
{
    private const string Secret = "secret-that-must-never-be-printed";

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["AWS_ACCESS_KEY_ID"] = "AKIAEXAMPLE",
        ["AWS_SECRET_ACCESS_KEY"] = Secret,
        ["KILN_S3_ENDPOINT"] = "http://127.0.0.1:9000",
    };

    [Fact]
    public void Open_FolderPath_OpensALocalStoreAtTheFullPath()
    {
        using var store = ArtifactStores.Open("some/relative/folder", _ => null);

        var local = Assert.IsType<LocalArtifactStore>(store);
        Assert.Equal(Path.GetFullPath("some/relative/folder"), local.Root);
        Assert.False(Directory.Exists(local.Root));
    }

    [Theory]
    [InlineData("s3://kiln-artifacts", "kiln-artifacts", "")]
    [InlineData("s3://kiln-artifacts/", "kiln-artifacts", "")]
    [InlineData("s3://kiln-artifacts/team/develop", "kiln-artifacts", "team/develop/")]
    [InlineData("S3://my.bucket-1/a/", "my.bucket-1", "a/")]
    public void Open_S3Root_SplitsBucketAndPrefix(string root, string bucket, string prefix)
    {
        using var store = ArtifactStores.Open(root, Read(Settings));

        var s3 = Assert.IsType<S3ArtifactStore>(store);
        Assert.Equal(bucket, s3.Bucket);
        Assert.Equal(prefix, s3.Prefix);
        Assert.Equal($"s3://{bucket}/{prefix}", s3.Location);
    }

    [Theory]
    [InlineData("s3://")]
    [InlineData("s3://ab")]
    [InlineData("s3://Upper-Case")]
    [InlineData("s3://bucket_underscore")]
    [InlineData("s3://-bucket")]
    [InlineData("s3://bucket/../escape")]
    [InlineData("s3://bucket//double")]
    [InlineData("s3://bucket/a\\b")]
    [InlineData("s3://bucket/a\0b")]
    [InlineData("s3://bucket/.hidden")]
    public void Open_BadS3Root_IsRefused(string root)
    {
        var error = Assert.Throws<ArgumentException>(() => ArtifactStores.Open(root, Read(Settings)));

        Assert.Equal("root", error.ParamName);
        Assert.DoesNotContain('\0', error.Message);
    }

    [Theory]
    [InlineData("gs://bucket/x")]
    [InlineData("http://example/x")]
    [InlineData("")]
    [InlineData("   ")]
    public void Open_UnknownSchemeOrEmpty_IsRefused(string root)
    {
        Assert.Equal("root", Assert.Throws<ArgumentException>(() => ArtifactStores.Open(root, Read(Settings))).ParamName);
    }

    [Theory]
    [InlineData("AWS_ACCESS_KEY_ID")]
    [InlineData("AWS_SECRET_ACCESS_KEY")]
    public void Open_MissingCredential_NamesTheVariableAndNeverTheSecret(string missing)
    {
        var settings = new Dictionary<string, string>(Settings);
        settings.Remove(missing);

        var error = Assert.Throws<ArgumentException>(() => ArtifactStores.Open("s3://bucket/x", Read(settings)));

        Assert.Contains(missing + " is not set", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NoCredentialsAtAll_NamesBothVariables()
    {
        var error = Assert.Throws<ArgumentException>(() => ArtifactStores.Open("s3://bucket/x", _ => null));

        Assert.Contains("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("KILN_S3_ENDPOINT")]
    [InlineData("AWS_ENDPOINT_URL")]
    public void Open_BadEndpoint_NamesTheVariableAndNeverTheSecret(string variable)
    {
        var settings = new Dictionary<string, string>(Settings);
        settings.Remove("KILN_S3_ENDPOINT");
        settings[variable] = "ftp://somewhere";

        var error = Assert.Throws<ArgumentException>(() => ArtifactStores.Open("s3://bucket/x", Read(settings)));

        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
        Assert.Contains("ftp://somewhere", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Read(Dictionary<string, string> settings) =>
        variable => settings.GetValueOrDefault(variable);
}
