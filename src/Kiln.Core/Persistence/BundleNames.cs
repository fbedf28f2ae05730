using System.Globalization;
using System.Text;

namespace Kiln.Core.Persistence;

// Entry and part names: what a caller may pass to BundleWriter / BundleReader, and what a zip read from disk may hold.
internal static class BundleNames
{
    public const string Manifest = "manifest.json";
    public const string RootPart = "model";
    public const int MaxSegmentLength = 100;
    public const int MaxPartDepth = 16;
    public const int MaxEntryNameLength = 2048;
    public const int MaxKindLength = 64;

    public static string Extension(BundleEntryFormat format) => format switch
    {
        BundleEntryFormat.Json => "json",
        BundleEntryFormat.Doubles => "f64",
        BundleEntryFormat.Integers => "i32",
        BundleEntryFormat.Text => "txt",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown entry format."),
    };

    public static string Describe(BundleEntryFormat format) => format switch
    {
        BundleEntryFormat.Json => "a JSON entry",
        BundleEntryFormat.Doubles => "an array of float64",
        BundleEntryFormat.Integers => "an array of int32",
        BundleEntryFormat.Text => "a text entry",
        _ => format.ToString(),
    };

    public static string EntryName(string partPath, string name, BundleEntryFormat format) => $"{partPath}/{name}.{Extension(format)}";

    // A name a model's Save or loader passes: one path segment of letters, digits, '_' and '-'.
    public static void ValidateSegmentArgument(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (!IsSegment(name))
        {
            throw new ArgumentException(
                $"'{Display(name)}' is not a valid bundle entry name: use 1 to {MaxSegmentLength} letters, digits, '_' or '-' (no dots, slashes or spaces).",
                parameterName);
        }
    }

    public static bool IsSegment(string name)
    {
        if (name.Length is 0 or > MaxSegmentLength)
            return false;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '-')
                return false;
        }
        return true;
    }

    public static bool IsKind(string kind)
    {
        if (kind.Length is 0 or > MaxKindLength || !char.IsAsciiLetterLower(kind[0]))
            return false;
        foreach (var c in kind)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '_')
                return false;
        }
        return true;
    }

    // Why an entry name found in a zip is unsafe or malformed, or null when it is fine.
    public static string? ProblemWithZipName(string name)
    {
        if (name.Length == 0)
            return "an entry has an empty name";
        if (name.Length > MaxEntryNameLength)
            return $"entry name '{Display(name)}' is {name.Length} characters long; at most {MaxEntryNameLength} are allowed";
        if (name.Contains('\0', StringComparison.Ordinal))
            return $"entry name '{Display(name)}' contains a NUL character";
        if (name.Contains('\\', StringComparison.Ordinal))
            return $"entry name '{Display(name)}' contains a backslash; bundle entry names use '/' only";
        if (name[0] == '/')
            return $"entry name '{Display(name)}' is an absolute path";
        if (name.Contains(':', StringComparison.Ordinal))
            return $"entry name '{Display(name)}' contains ':' (a drive letter or stream name)";
        foreach (var segment in name.Split('/'))
        {
            if (segment == "..")
                return $"entry name '{Display(name)}' climbs out of the bundle with '..'";
            if (segment.Length == 0 || segment == ".")
                return $"entry name '{Display(name)}' has an empty or '.' path segment (a folder entry or a doubled '/')";
        }
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '-' && c != '.' && c != '/')
                return $"entry name '{Display(name)}' contains the character U+{(int)c:X4}; only ASCII letters, digits, '_', '-', '.' and '/' are allowed";
        }
        return null;
    }

    // Why a part path from a manifest is malformed, or null when it is fine.
    public static string? ProblemWithPartPath(string path)
    {
        var segments = path.Split('/');
        if (segments[0] != RootPart)
            return $"part path '{Display(path)}' does not start with '{RootPart}'";
        if (segments.Length > MaxPartDepth)
            return $"part path '{Display(path)}' is nested {segments.Length} deep; at most {MaxPartDepth} levels are allowed";
        foreach (var segment in segments)
        {
            if (!IsSegment(segment))
                return $"part path '{Display(path)}' has the invalid segment '{Display(segment)}'";
        }
        return null;
    }

    // Text from a file, made safe to print: control characters escaped, long text cut.
    public static string Display(string text, int maxLength = 120)
    {
        var builder = new StringBuilder(Math.Min(text.Length, maxLength) + 8);
        foreach (var c in text)
        {
            if (builder.Length >= maxLength)
            {
                builder.Append('…');
                break;
            }
            if (char.IsControl(c) || char.IsSurrogate(c))
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else
                builder.Append(c);
        }
        return builder.ToString();
    }
}
