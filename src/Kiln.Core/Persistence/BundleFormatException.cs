namespace Kiln.Core.Persistence;

/// <summary>A <c>.kiln</c> model bundle cannot be read: it is empty, truncated, corrupted, not a zip, over a safety limit, or not a bundle this Kiln knows.</summary>
/// <remarks>The message names the file, the entry when there is one, what is wrong and what to do.</remarks>
public sealed class BundleFormatException : KilnException
{
    /// <summary>Creates the exception; <paramref name="message"/> already names the file and the problem.</summary>
    public BundleFormatException(string message, string? file = null, string? entry = null)
        : base(message)
    {
        File = file;
        Entry = entry;
    }

    /// <summary>Creates the exception with the lower-level failure that caused it.</summary>
    public BundleFormatException(string message, Exception innerException, string? file = null, string? entry = null)
        : base(message, innerException)
    {
        File = file;
        Entry = entry;
    }

    /// <summary>The bundle file (or the name given for a stream), when known.</summary>
    public string? File { get; }

    /// <summary>The entry inside the bundle that is wrong, when the problem is in one entry.</summary>
    public string? Entry { get; }
}
