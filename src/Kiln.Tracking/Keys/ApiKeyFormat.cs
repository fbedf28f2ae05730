using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Kiln.Tracking.Keys;

/// <summary>
/// The shape of a key, <c>kiln_&lt;id&gt;_&lt;secret&gt;</c>: a recognisable prefix (so secret scanners and people can tell
/// what it is), a 12-character public id (lower-case letters and digits) that finds the record, and a 43-character
/// base64url secret of 256 random bits. Only the secret's SHA-256 is stored.
/// </summary>
internal static class ApiKeyFormat
{
    public const string Prefix = "kiln_";

    public const int IdLength = 12;

    public const int SecretBytes = 32;

    /// <summary>Base64url of 32 bytes without padding.</summary>
    public const int SecretLength = 43;

    public const int KeyLength = 5 + IdLength + 1 + SecretLength;

    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A new id from the operating system's cryptographic generator.</summary>
    public static string NewId() => RandomNumberGenerator.GetString(IdAlphabet, IdLength);

    /// <summary>A new secret: 256 bits from the operating system's cryptographic generator, base64url-encoded.</summary>
    public static string NewSecret()
    {
        Span<byte> bytes = stackalloc byte[SecretBytes];
        RandomNumberGenerator.Fill(bytes);
        var secret = Base64Url.EncodeToString(bytes);
        CryptographicOperations.ZeroMemory(bytes);
        return secret;
    }

    public static string Compose(string id, string secret) => Prefix + id + "_" + secret;

    /// <summary>Splits a presented key into its id and secret; false when it does not have the shape of a Kiln key.</summary>
    public static bool TryParse(string? key, out string id, out string secret)
    {
        id = string.Empty;
        secret = string.Empty;
        if (key is null || key.Length != KeyLength || !key.StartsWith(Prefix, StringComparison.Ordinal) || key[Prefix.Length + IdLength] != '_')
            return false;
        var idPart = key.AsSpan(Prefix.Length, IdLength);
        foreach (var c in idPart)
        {
            if (!IdAlphabet.Contains(c, StringComparison.Ordinal))
                return false;
        }
        var secretPart = key.AsSpan(Prefix.Length + IdLength + 1);
        foreach (var c in secretPart)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
                return false;
        }
        id = idPart.ToString();
        secret = secretPart.ToString();
        return true;
    }

    /// <summary>
    /// The SHA-256 of the secret's text. A fast hash is right here: the secret is 256 uniformly random bits, so there is
    /// no dictionary to try and a slow password hash would only slow every request down.
    /// </summary>
    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.ASCII.GetBytes(secret));
}
