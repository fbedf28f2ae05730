using System.CommandLine;
using System.Security.Cryptography;
using Kiln.Core;
using Microsoft.IdentityModel.Tokens;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln serve</c>'s <c>--jwt-issuer</c>, <c>--jwt-audience</c> and <c>--jwt-key</c>: JWT bearer tokens from an identity provider, accepted beside API keys.</summary>
/// <remarks>
/// The key file is either a PEM public key (RSA or EC: <c>-----BEGIN PUBLIC KEY-----</c>), for tokens signed with RS*/PS*/ES*,
/// or a shared secret for HS256/384/512 written as one line of base64 (<c>openssl rand -base64 32</c>), at least 256 bits.
/// A private key in the file is refused: the server only needs to check signatures.
/// </remarks>
internal sealed class JwtFlags
{
    private const int MinimumSecretBytes = 32;

    private JwtFlags(Option<string?> issuer, Option<string?> audience, Option<string?> key)
    {
        Issuer = issuer;
        Audience = audience;
        Key = key;
    }

    public Option<string?> Issuer { get; }

    public Option<string?> Audience { get; }

    public Option<string?> Key { get; }

    /// <summary>The three options, to add to a command.</summary>
    public static JwtFlags Create() => new(
        new Option<string?>("--jwt-issuer") { Description = "Also accept JWT bearer tokens from this issuer (the 'iss' claim); needs --jwt-audience and --jwt-key. A token's 'scope' claim holds its scopes.", HelpName = "issuer" },
        new Option<string?>("--jwt-audience") { Description = "The audience (the 'aud' claim) JWT bearer tokens must name.", HelpName = "audience" },
        new Option<string?>("--jwt-key") { Description = "The file with the key that JWT bearer tokens are signed with: a PEM public key (RSA or EC), or an HMAC secret as one line of base64 of at least 32 bytes.", HelpName = "file" });

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Issuer);
        command.Options.Add(Audience);
        command.Options.Add(Key);
    }

    /// <summary>The JWT settings the command line gave, or <see langword="null"/> when none of the three options was given.</summary>
    /// <exception cref="KilnException">Only some of the three were given, they were given with <c>--no-auth</c>, or the key file cannot be used.</exception>
    public JwtSettings? Read(ParseResult parsed, bool noAuth, Func<string, string> fullPath)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(fullPath);
        var issuer = parsed.GetValue(Issuer);
        var audience = parsed.GetValue(Audience);
        var key = parsed.GetValue(Key);
        if (issuer is null && audience is null && key is null)
            return null;
        if (noAuth)
            throw new KilnException("--jwt-issuer, --jwt-audience and --jwt-key configure authentication, but --no-auth turns it off; leave out one or the other.");
        var missing = new[] { (Issuer.Name, issuer), (Audience.Name, audience), (Key.Name, key) }
            .Where(flag => string.IsNullOrWhiteSpace(flag.Item2)).Select(flag => flag.Name).ToList();
        if (missing.Count > 0)
            throw new KilnException($"JWT bearer tokens need --jwt-issuer, --jwt-audience and --jwt-key together; {string.Join(" and ", missing)} {(missing.Count == 1 ? "is" : "are")} missing.");
        return new JwtSettings(issuer!, audience!, LoadKey(fullPath(key!)));
    }

    /// <summary>Reads the signing key in <paramref name="path"/>: a PEM public key (RSA or EC) or a base64 HMAC secret of at least 256 bits.</summary>
    /// <exception cref="KilnException">The file is missing, holds a private key, or neither form.</exception>
    internal static SecurityKey LoadKey(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new KilnException($"--jwt-key {path} cannot be read: {exception.Message}", exception);
        }
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            return PemKey(path, text);
        byte[] secret;
        try
        {
            secret = Convert.FromBase64String(text);
        }
        catch (FormatException exception)
        {
            throw new KilnException($"--jwt-key {path} is neither a PEM public key nor one line of base64 (an HMAC secret); write a secret with 'openssl rand -base64 32 > {Path.GetFileName(path)}', or give the identity provider's public key in PEM.", exception);
        }
        if (secret.Length < MinimumSecretBytes)
            throw new KilnException($"--jwt-key {path} holds an HMAC secret of {secret.Length} bytes; HS256 needs at least {MinimumSecretBytes} (256 bits). Make a longer one with 'openssl rand -base64 32'.");
        return new SymmetricSecurityKey(secret);
    }

    private static SecurityKey PemKey(string path, string text)
    {
        if (text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
            throw new KilnException($"--jwt-key {path} holds a private key; the server only checks signatures, so give it the public key (for example 'openssl pkey -in {Path.GetFileName(path)} -pubout') and keep the private key with the token issuer.");
        var problems = new List<string>();
        return Import(text, "RSA", RSA.Create(), rsa => new RsaSecurityKey(rsa), problems)
            ?? Import(text, "EC", ECDsa.Create(), ecdsa => new ECDsaSecurityKey(ecdsa), problems)
            ?? throw new KilnException($"--jwt-key {path} looks like PEM but holds no RSA or EC public key ({string.Join("; ", problems)}).");
    }

    // The key wrapped as a SecurityKey, or null (the algorithm disposed and the reason added to problems) when the PEM is not of this kind.
    private static SecurityKey? Import<T>(string text, string kind, T algorithm, Func<T, SecurityKey> wrap, List<string> problems)
        where T : AsymmetricAlgorithm
    {
        try
        {
            algorithm.ImportFromPem(text);
            return wrap(algorithm);
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            algorithm.Dispose();
            problems.Add($"as {kind}: {exception.Message}");
            return null;
        }
    }
}
