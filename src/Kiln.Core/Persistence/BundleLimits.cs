namespace Kiln.Core.Persistence;

/// <summary>Safety limits applied while reading a <c>.kiln</c> bundle, so a hostile or broken file fails fast instead of exhausting memory.</summary>
/// <remarks>
/// Every size a bundle claims (in its manifest or its zip headers) is checked against these limits and against the other claims
/// before anything is allocated, and entries are read through a stream that stops at the recorded length whatever the zip header says.
/// </remarks>
public sealed record BundleLimits
{
    /// <summary>The limits used when none are given.</summary>
    public static BundleLimits Default { get; } = new();

    /// <summary>The largest bundle file accepted, in bytes.</summary>
    /// <value>Default 1 GiB.</value>
    public long MaxFileBytes { get; init; } = 1L << 30;

    /// <summary>The most entries a bundle may hold, the manifest included.</summary>
    /// <value>Default 10,000.</value>
    public int MaxEntryCount { get; init; } = 10_000;

    /// <summary>The largest uncompressed size of one entry, in bytes; at most <see cref="Array.MaxLength"/>.</summary>
    /// <value>Default 1 GiB.</value>
    public long MaxEntryBytes { get; init; } = 1L << 30;

    /// <summary>The largest total uncompressed size of all entries, in bytes.</summary>
    /// <value>Default 2 GiB.</value>
    public long MaxTotalBytes { get; init; } = 2L << 30;

    /// <summary>The largest ratio of uncompressed to compressed size of an entry bigger than <see cref="CompressionRatioFloorBytes"/>.</summary>
    /// <value>Default 100. Deflate reaches about 1000 on runs of zeros, the stuff of zip bombs; model parameters compress far less.</value>
    public double MaxCompressionRatio { get; init; } = 100;

    /// <summary>Entries up to this uncompressed size are exempt from <see cref="MaxCompressionRatio"/>: the worst they can do is small.</summary>
    /// <value>Default 1 MiB.</value>
    public long CompressionRatioFloorBytes { get; init; } = 1L << 20;

    /// <summary>The largest JSON entry (the manifest included), in bytes.</summary>
    /// <value>Default 16 MiB.</value>
    public long MaxJsonBytes { get; init; } = 16L << 20;

    /// <summary>The deepest nesting of JSON objects and arrays accepted.</summary>
    /// <value>Default 64.</value>
    public int MaxJsonDepth { get; init; } = 64;

    /// <summary>Throws when a limit is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is not positive, or an entry limit exceeds what one array can hold.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxFileBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxEntryCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxEntryBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxEntryBytes, Array.MaxLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxTotalBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCompressionRatio, 1.0);
        ArgumentOutOfRangeException.ThrowIfNegative(CompressionRatioFloorBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxJsonBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxJsonBytes, Array.MaxLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxJsonDepth);
    }
}
