using System.Globalization;
using System.Text;

namespace Kiln.Tracking;

/// <summary>The rules for the names a run store keeps: run ids, job names and namespaces, and parameter, metric and tag keys.</summary>
/// <remarks>
/// Ids, job names, namespaces, model names and data set names become folders (or key segments) of the artifact store,
/// so they all follow one rule: 1 to 64 ASCII letters, digits, '-' or '_', starting with a letter or a digit, and not a
/// Windows device name (<c>CON</c>, <c>NUL</c>, <c>COM1</c> …). That excludes every path separator, '.', '..', drive
/// letters, NUL and other control characters, spaces, non-ASCII look-alikes, and names a command line would read as
/// options, so a valid name is always exactly one safe path segment on every operating system. This is the only
/// copy of the rule: <c>Kiln.Workflow.Store.StoreNames</c> delegates to it. Keys are freer (any printable text up to
/// 250 characters) because they never become paths.
/// </remarks>
public static class TrackingNames
{
    /// <summary>The longest id, job name or namespace.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The longest parameter, metric or tag key.</summary>
    public const int MaxKeyLength = 250;

    /// <summary>The rule for ids, job names and namespaces, as a phrase for messages.</summary>
    public const string Rule = "1 to 64 letters, digits, '-' or '_', starting with a letter or digit";

    /// <summary>The rule for keys, as a phrase for messages.</summary>
    public const string KeyRule = "1 to 250 characters, no control characters";

    private static readonly string[] DeviceNames =
    [
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];

    /// <summary>Whether <paramref name="name"/> is a valid id, job name, namespace, model name or data set name.</summary>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || !char.IsAsciiLetterOrDigit(name[0]))
            return false;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
                return false;
        }
        return !DeviceNames.Contains(name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Whether <paramref name="key"/> is a valid parameter, metric or tag key.</summary>
    public static bool IsValidKey(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= MaxKeyLength && !key.Any(char.IsControl);

    /// <summary>Checks an id, job name or namespace.</summary>
    /// <param name="name">The name.</param>
    /// <param name="what">What the name names, for the message ("job name", "namespace").</param>
    /// <param name="parameterName">The caller's parameter.</param>
    /// <exception cref="ArgumentException">The name does not follow <see cref="Rule"/>; the message shows it, escaped.</exception>
    public static void ValidateName(string? name, string what, string parameterName)
    {
        if (!IsValidName(name))
            throw new ArgumentException($"The {what} '{Display(name)}' is not valid: use {Rule}.", parameterName);
    }

    /// <summary>Checks a parameter, metric or tag key.</summary>
    /// <exception cref="ArgumentException">The key does not follow <see cref="KeyRule"/>; the message shows it, escaped.</exception>
    public static void ValidateKey(string? key, string what, string parameterName)
    {
        if (!IsValidKey(key))
            throw new ArgumentException($"The {what} '{Display(key)}' is not valid: use {KeyRule}.", parameterName);
    }

    /// <summary>A name as it can be shown in a message: control characters escaped, at most 80 characters, "(null)" for null.</summary>
    public static string Display(string? name)
    {
        if (name is null)
            return "(null)";
        var builder = new StringBuilder();
        foreach (var c in name.Length > 80 ? name[..80] : name)
        {
            if (char.IsControl(c))
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else
                builder.Append(c);
        }
        if (name.Length > 80)
            builder.Append(CultureInfo.InvariantCulture, $"… ({name.Length} characters)");
        return builder.ToString();
    }
}
