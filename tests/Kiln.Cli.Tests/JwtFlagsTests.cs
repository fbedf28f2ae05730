using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Kiln.Cli.Commands;
using Kiln.Core;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Kiln.Cli.Tests;

public sealed class JwtFlagsTests(PenguinBundles bundles) : IClassFixture<PenguinBundles>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string text)
    {
        var path = Path.Combine(_folder.Path, $"key{Directory.GetFiles(_folder.Path).Length}.pem");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void LoadKey_RsaPublicKeyPem_VerifiesWhatThePrivateKeySigned()
    {
        using var rsa = RSA.Create(2048);
        var path = Write(rsa.ExportSubjectPublicKeyInfoPem());
        var data = "header.payload"u8.ToArray();
        var signature = rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        var key = Assert.IsType<RsaSecurityKey>(JwtFlags.LoadKey(path));

        Assert.True(key.Rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        signature[0] ^= 1;
        Assert.False(key.Rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void LoadKey_EcPublicKeyPem_VerifiesWhatThePrivateKeySigned()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var path = Write(ecdsa.ExportSubjectPublicKeyInfoPem());
        var data = "header.payload"u8.ToArray();
        var signature = ecdsa.SignData(data, HashAlgorithmName.SHA256);

        var key = Assert.IsType<ECDsaSecurityKey>(JwtFlags.LoadKey(path));

        Assert.True(key.ECDsa.VerifyData(data, signature, HashAlgorithmName.SHA256));
    }

    [Fact]
    public void LoadKey_Base64SecretOf32Bytes_IsThoseBytes()
    {
        var secret = Enumerable.Range(1, 32).Select(value => (byte)value).ToArray();
        var path = Write(Convert.ToBase64String(secret) + "\n");

        var key = Assert.IsType<SymmetricSecurityKey>(JwtFlags.LoadKey(path));

        Assert.Equal(secret, key.Key);
    }

    [Fact]
    public void LoadKey_ShortSecret_FailsSayingHowManyBytesAndTheMinimum()
    {
        var path = Write(Convert.ToBase64String(new byte[16]));

        var error = Assert.Throws<KilnException>(() => JwtFlags.LoadKey(path));

        Assert.Contains("16 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("at least 32", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadKey_PrivateKeyPem_IsRefusedAskingForThePublicKey()
    {
        using var rsa = RSA.Create(2048);
        var path = Write(rsa.ExportPkcs8PrivateKeyPem());

        var error = Assert.Throws<KilnException>(() => JwtFlags.LoadKey(path));

        Assert.Contains("private key", error.Message, StringComparison.Ordinal);
        Assert.Contains("-pubout", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")]
    public void LoadKey_NeitherForm_FailsNamingTheFile(string text)
    {
        var path = Write(text);

        var error = Assert.Throws<KilnException>(() => JwtFlags.LoadKey(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadKey_MissingFile_FailsNamingTheFlagAndFile()
    {
        var path = Path.Combine(_folder.Path, "absent.pem");

        var error = Assert.Throws<KilnException>(() => JwtFlags.LoadKey(path));

        Assert.Contains($"--jwt-key {path}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--jwt-issuer", "https://id.example", null, null, "--jwt-audience and --jwt-key are missing")]
    [InlineData("--jwt-audience", "kiln", "--jwt-key", "k.pem", "--jwt-issuer is missing")]
    public void Serve_SomeJwtFlags_FailsNamingTheMissingOnes(string flag1, string value1, string? flag2, string? value2, string expected)
    {
        var arguments = new List<string> { "serve", "penguins", "--port", "0", "--store", Path.Combine(_folder.Path, "store"), flag1, value1 };
        if (flag2 is not null)
            arguments.AddRange([flag2, value2!]);

        var result = CliRun.Invoke([.. arguments]);

        Assert.Equal(KilnCli.UserError, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_JwtFlagsWithNoAuth_FailsSayingTheyContradict()
    {
        var result = CliRun.Invoke("serve", "penguins", "--no-auth", "--port", "0", "--store", Path.Combine(_folder.Path, "store"),
            "--jwt-issuer", "https://id.example", "--jwt-audience", "kiln", "--jwt-key", "k.pem");

        Assert.Equal(KilnCli.UserError, result.ExitCode);
        Assert.Contains("--no-auth", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_WithJwtSettings_AcceptsATokenSignedWithTheKeyFileAndRefusesOthers()
    {
        var store = Path.Combine(_folder.Path, "store");
        Assert.Equal(0, CliRun.Invoke("models", "register", "penguins", "--bundle", bundles.Logistic, "--store", store).ExitCode);
        var secret = RandomNumberGenerator.GetBytes(32);
        var keyFile = Write(Convert.ToBase64String(secret));
        var jwt = new JwtSettings("https://id.example", "kiln-serving", JwtFlags.LoadKey(keyFile));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var command = new ServeCommand(new CliContext(output, error, _ => null, _folder.Path));
        using var stop = new CancellationTokenSource();
        var address = new TaskCompletionSource<Uri>();

        var serving = command.ExecuteAsync(["penguins"], "127.0.0.1", 0, noAuth: false, new ServeVersions([], [], 0, null), new StoreFlags(store, null), address.SetResult, stop.Token, jwt);
        var uri = await address.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using var client = new HttpClient { BaseAddress = uri };
        async Task<HttpStatusCode> Invoke(string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/invocations")
            {
                Content = new StringContent("""{"dataframe_records": [{"island": "Biscoe", "bill_length_mm": 46.1, "bill_depth_mm": 13.2, "flipper_length_mm": 211, "body_mass_g": 4500, "sex": "female", "year": 2007}]}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }
        var signed = await Invoke(Token(secret, "predict"));
        var otherKey = await Invoke(Token(RandomNumberGenerator.GetBytes(32), "predict"));
        var wrongScope = await Invoke(Token(secret, "feedback"));
        await stop.CancelAsync();
        await serving;

        Assert.Equal(HttpStatusCode.OK, signed);
        Assert.Equal(HttpStatusCode.Unauthorized, otherKey);
        Assert.Equal(HttpStatusCode.Forbidden, wrongScope);
        Assert.Contains("JWT bearer tokens from https://id.example for kiln-serving", output.ToString(), StringComparison.Ordinal);
    }

    private static string Token(byte[] secret, string scope)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://id.example",
            Audience = "kiln-serving",
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = "billing", ["scope"] = scope },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(secret), SecurityAlgorithms.HmacSha256),
        });
    }
}
