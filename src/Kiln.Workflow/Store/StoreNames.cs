using System.Text;
using Kiln.Tracking;

namespace Kiln.Workflow.Store;

/// <summary>The names that become folders of the store: model names, namespaces, job names, data set names and data versions.</summary>
/// <remarks>
/// The rule is <see cref="TrackingNames"/>' (one copy, shared with the run store and the artifact layout): 1 to 64 ASCII
/// letters, digits, '-' or '_', starting with a letter or a digit, and not a Windows device name (<c>CON</c>, <c>NUL</c>,
/// <c>COM1</c> …). That excludes every path separator, '.', '..', drive letters, NUL and other control characters,
/// spaces, and names a shell or a command line would read as options. A valid name is always exactly one safe path
/// segment on every operating system. This class adds the data version rule and the data set name made from a file.
/// </remarks>
public static class StoreNames
{
    /// <summary>The longest name.</summary>
    public const int MaxLength = TrackingNames.MaxNameLength;

    /// <summary>The length of a data version id: the first 16 hexadecimal digits of the content's SHA-256.</summary>
    public const int VersionLength = 16;

    /// <summary>The rule, as a phrase for messages.</summary>
    public const string Rule = TrackingNames.Rule;

    /// <summary>Whether <paramref name="name"/> follows the rule (and is not a Windows device name such as <c>CON</c> or <c>NUL</c>).</summary>
    public static bool IsValid(string? name) => TrackingNames.IsValidName(name);

    /// <summary>Whether <paramref name="version"/> is a data version id: 16 lowercase hexadecimal digits.</summary>
    public static bool IsVersion(string? version) =>
        version is { Length: VersionLength } && version.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>Checks a name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="what">What the name names, for the message ("model name", "namespace").</param>
    /// <param name="parameterName">The caller's parameter.</param>
    /// <exception cref="ArgumentException">The name does not follow the rule; the message shows it (escaped) and the rule.</exception>
    public static void Validate(string name, string what, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        TrackingNames.ValidateName(name, what, parameterName);
    }

    /// <summary>Checks a data version id.</summary>
    /// <exception cref="ArgumentException">The id is not 16 lowercase hexadecimal digits.</exception>
    public static void ValidateVersion(string version, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(version, parameterName);
        if (!IsVersion(version))
            throw new ArgumentException($"The data version '{Display(version)}' is not valid: a version is {VersionLength} lowercase hexadecimal digits.", parameterName);
    }

    /// <summary>A data set name made from a file's name: the name without its extensions, other characters replaced by '_', at most 64 characters.</summary>
    /// <remarks><c>data/Penguins (2).csv.gz</c> gives <c>Penguins__2_</c>; a name with nothing usable gives <c>data</c>.</remarks>
    public static string FromFileName(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fileName = Path.GetFileName(path).TrimStart('.');
        var dot = fileName.IndexOf('.', StringComparison.Ordinal);
        var stem = dot > 0 ? fileName[..dot] : fileName;
        var builder = new StringBuilder(stem.Length);
        foreach (var c in stem)
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        var name = builder.ToString().TrimStart('-', '_');
        if (name.Length > MaxLength)
            name = name[..MaxLength];
        return IsValid(name) ? name : "data";
    }

    /// <summary>A name as it can be shown in a one-line message: control characters escaped, at most 80 characters.</summary>
    public static string Display(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(Math.Min(name.Length, 80) + 8);
        foreach (var c in name)
        {
            if (builder.Length >= 80)
                return builder.Append('…').ToString();
            if (char.IsControl(c))
                builder.Append($"\\u{(int)c:x4}");
            else
                builder.Append(c);
        }
        return builder.ToString();
    }
}
