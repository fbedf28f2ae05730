namespace Kiln.Core.Persistence;

/// <summary>How an entry's bytes are laid out; the entry's name ends in the format's extension.</summary>
public enum BundleEntryFormat
{
    /// <summary>UTF-8 JSON (<c>.json</c>).</summary>
    Json,

    /// <summary>64-bit IEEE 754 floating-point numbers, little-endian, no header (<c>.f64</c>).</summary>
    Doubles,

    /// <summary>32-bit signed integers, little-endian, no header (<c>.i32</c>).</summary>
    Integers,

    /// <summary>UTF-8 text without a byte-order mark (<c>.txt</c>).</summary>
    Text,
}
