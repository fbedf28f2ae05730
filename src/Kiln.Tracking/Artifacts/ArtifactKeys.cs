namespace Kiln.Tracking.Artifacts;

/// <summary>The rules for the keys and prefixes an <see cref="IArtifactStore"/> accepts.</summary>
/// <remarks>
/// <para>
/// A key is one or more segments joined by '/', at most <see cref="MaxKeyLength"/> characters in all (S3's limit, in
/// bytes: every character allowed is ASCII). A segment is 1 to 255 ASCII letters, digits, '.', '_', '-' or '=', and does
/// not start with '.': so no segment is '.' or '..', no key is absolute, has a backslash, a drive letter, an empty segment
/// (<c>a//b</c>), a control character or a non-ASCII look-alike, and a key maps to exactly one path under a local root
/// and to one object name under an S3 prefix. Names starting with '.' are left to the stores' own temporary files
/// (<c>.name.tmp</c>, <c>.staging/</c>), which therefore never collide with a key and never show in a listing.
/// </para>
/// <para>
/// A prefix names a folder: it is empty (the whole store) or a key followed by '/'. Listing and deleting work on whole
/// folders, so the prefix <c>job1/</c> never matches <c>job10/…</c>. Build keys with <see cref="ArtifactLayout"/>; these
/// rules are the second line of defence every store applies again.
/// </para>
/// </remarks>
public static class ArtifactKeys
{
    /// <summary>The longest key, prefix included (S3 allows 1024 bytes).</summary>
    public const int MaxKeyLength = 1024;

    /// <summary>The longest segment (most file systems allow 255 bytes per name).</summary>
    public const int MaxSegmentLength = 255;

    /// <summary>The rule for a key, as a phrase for messages.</summary>
    public const string KeyRule = "segments of 1 to 255 ASCII letters, digits, '.', '_', '-' or '=' (not starting with '.') joined by single '/', at most 1024 characters";

    /// <summary>Whether <paramref name="segment"/> is one valid key segment.</summary>
    public static bool IsValidSegment(string? segment) => segment is not null && IsValidSegment(segment.AsSpan());

    /// <summary>Whether <paramref name="key"/> is a valid key: valid segments joined by single '/', no '/' at either end.</summary>
    public static bool IsValidKey(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength)
            return false;
        var rest = key.AsSpan();
        while (true)
        {
            var slash = rest.IndexOf('/');
            if (slash < 0)
                return IsValidSegment(rest);
            if (!IsValidSegment(rest[..slash]))
                return false;
            rest = rest[(slash + 1)..];
        }
    }

    /// <summary>Whether <paramref name="prefix"/> is a valid folder prefix: empty, or a valid key followed by '/'.</summary>
    public static bool IsValidPrefix(string? prefix) =>
        prefix is not null && (prefix.Length == 0 || (prefix.Length <= MaxKeyLength && prefix[^1] == '/' && IsValidKey(prefix[..^1])));

    /// <summary>Checks a key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="parameterName">The caller's parameter, named in the exception.</param>
    /// <exception cref="ArgumentException">The key does not follow <see cref="KeyRule"/>; the message shows it, escaped.</exception>
    public static void ValidateKey(string? key, string parameterName)
    {
        if (!IsValidKey(key))
            throw new ArgumentException($"The artifact key '{TrackingNames.Display(key)}' is not valid: use {KeyRule}.", parameterName);
    }

    /// <summary>Checks a folder prefix.</summary>
    /// <param name="prefix">The prefix.</param>
    /// <param name="parameterName">The caller's parameter, named in the exception.</param>
    /// <exception cref="ArgumentException">The prefix is neither empty nor a valid key followed by '/'.</exception>
    public static void ValidatePrefix(string? prefix, string parameterName)
    {
        if (!IsValidPrefix(prefix))
            throw new ArgumentException($"The artifact prefix '{TrackingNames.Display(prefix)}' is not valid: a prefix is empty or a key ({KeyRule}) followed by '/'.", parameterName);
    }

    private static bool IsValidSegment(ReadOnlySpan<char> segment)
    {
        if (segment.IsEmpty || segment.Length > MaxSegmentLength || segment[0] == '.')
            return false;
        foreach (var c in segment)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-' or '='))
                return false;
        }
        return true;
    }
}
