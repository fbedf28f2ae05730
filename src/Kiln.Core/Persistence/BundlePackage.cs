using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Kiln.Core.Persistence;

// The writing side of a bundle, shared by the BundleWriter of every part: the zip, the entry and part lists for the
// manifest, and the default read limits, so that Save never writes a bundle that Load would refuse.
internal sealed class BundlePackage
{
    private static readonly DateTimeOffset EarliestZipTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LatestZipTime = new(2107, 12, 31, 0, 0, 0, TimeSpan.Zero);

    private readonly ZipArchive _zip;
    private readonly DateTimeOffset _timestamp;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly List<EntryDocument> _entries = [];
    private readonly List<PartDocument> _parts = [];
    private long _totalBytes;

    public BundlePackage(ZipArchive zip, DateTimeOffset createdAt)
    {
        _zip = zip;
        // Entry timestamps come from the saver's clock too, so the same model saved at the same time gives the same bytes.
        var utc = createdAt.ToUniversalTime();
        _timestamp = utc < EarliestZipTime ? EarliestZipTime : utc > LatestZipTime ? LatestZipTime : utc;
    }

    public IReadOnlyList<EntryDocument> Entries => _entries;

    public IReadOnlyList<PartDocument> Parts => _parts;

    public void AddPart(string path, string kind)
    {
        if (path.Count(c => c == '/') + 1 > BundleNames.MaxPartDepth)
            throw new InvalidOperationException($"Model part '{path}' is nested deeper than the {BundleNames.MaxPartDepth} levels a bundle allows.");
        if (_parts.Exists(part => part.Path == path))
            throw new ArgumentException($"Model part '{path}' has already been written; give each nested model its own name.", nameof(path));
        _parts.Add(new PartDocument(path, kind));
    }

    public void AddEntry(string fullName, BundleEntryFormat format, ReadOnlySpan<byte> bytes)
    {
        var limits = BundleLimits.Default;
        var limit = format == BundleEntryFormat.Json ? limits.MaxJsonBytes : limits.MaxEntryBytes;
        if (bytes.Length > limit)
            throw TooLarge($"entry '{fullName}' would be {bytes.Length} bytes, above the {limit} bytes a bundle reader accepts by default");
        if (_entries.Count + 2 > limits.MaxEntryCount)
            throw TooLarge($"it would hold more than the {limits.MaxEntryCount} entries a bundle reader accepts by default");
        _totalBytes += bytes.Length;
        if (_totalBytes > limits.MaxTotalBytes)
            throw TooLarge($"its entries would add up to more than the {limits.MaxTotalBytes} bytes a bundle reader accepts by default");
        if (!_names.Add(fullName))
            throw new ArgumentException($"Entry '{fullName}' has already been written; each entry of a part needs its own name.", nameof(fullName));
        // Parameters are mostly incompressible doubles: compress them quickly; JSON and text compress well.
        var level = format is BundleEntryFormat.Json or BundleEntryFormat.Text ? CompressionLevel.Optimal : CompressionLevel.Fastest;
        Write(fullName, bytes, level);
        _entries.Add(new EntryDocument(fullName, format, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))));
    }

    public void AddManifest(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > BundleLimits.Default.MaxJsonBytes)
            throw TooLarge($"its manifest would be {bytes.Length} bytes, above the {BundleLimits.Default.MaxJsonBytes} bytes a bundle reader accepts by default");
        Write(BundleNames.Manifest, bytes, CompressionLevel.Optimal);
    }

    public static ReadOnlySpan<byte> LittleEndianBytes(ReadOnlySpan<double> values)
    {
        if (BitConverter.IsLittleEndian)
            return System.Runtime.InteropServices.MemoryMarshal.AsBytes(values);
        var copy = new long[values.Length];
        BinaryPrimitives.ReverseEndianness(System.Runtime.InteropServices.MemoryMarshal.Cast<double, long>(values), copy);
        return System.Runtime.InteropServices.MemoryMarshal.AsBytes(copy.AsSpan());
    }

    public static ReadOnlySpan<byte> LittleEndianBytes(ReadOnlySpan<int> values)
    {
        if (BitConverter.IsLittleEndian)
            return System.Runtime.InteropServices.MemoryMarshal.AsBytes(values);
        var copy = new int[values.Length];
        BinaryPrimitives.ReverseEndianness(values, copy);
        return System.Runtime.InteropServices.MemoryMarshal.AsBytes(copy.AsSpan());
    }

    private void Write(string fullName, ReadOnlySpan<byte> bytes, CompressionLevel level)
    {
        var zipEntry = _zip.CreateEntry(fullName, level);
        zipEntry.LastWriteTime = _timestamp;
        using var stream = zipEntry.Open();
        stream.Write(bytes);
    }

    private static BundleFormatException TooLarge(string problem) =>
        new($"Cannot save the model bundle: {problem}. Split the model or reduce its size.");
}
