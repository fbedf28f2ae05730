using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.Core.Persistence;

// The reading side of a bundle: the zip, its manifest, and every check between them. Nothing is read or allocated on a
// size claim until the claim has been checked against the limits and against every other claim, and entries are read
// through a BoundedReadStream that stops at the recorded length whatever the zip header says.
internal sealed class BundleArchive : IDisposable
{
    private const int InitialReadBytes = 1 << 16;
    private const int HashBufferBytes = 1 << 16;

    private readonly ZipArchive _zip;
    private readonly Stream? _ownedStream;
    private readonly long _fileLength;
    private readonly Dictionary<string, ZipArchiveEntry> _zipEntries;
    private readonly Dictionary<string, BundleEntry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BundlePart> _parts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _verified = new(StringComparer.Ordinal);
    private BundleManifest? _manifest;

    private BundleArchive(ZipArchive zip, Stream? ownedStream, string source, BundleLimits limits, long fileLength)
    {
        _zip = zip;
        _ownedStream = ownedStream;
        Source = source;
        Limits = limits;
        _fileLength = fileLength;
        JsonOptions = BundleJson.Options(limits.MaxJsonDepth);
        _zipEntries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
    }

    public string Source { get; }

    public BundleLimits Limits { get; }

    public JsonSerializerOptions JsonOptions { get; }

    public BundleManifest Manifest => _manifest ?? throw new InvalidOperationException("The manifest has not been read.");

    // Opens a seekable stream holding a whole bundle, and checks the zip, the manifest and their agreement.
    // With ownsStream, disposing the archive disposes the stream.
    public static BundleArchive Open(Stream stream, string source, BundleLimits limits, bool ownsStream = false)
    {
        var length = stream.Length;
        if (length == 0)
            throw new BundleFormatException(Message(source, "the file is empty (0 bytes). A bundle is a zip file written by ModelBundle.Save; save the model again."), source);
        if (length > limits.MaxFileBytes)
        {
            throw new BundleFormatException(
                Message(source, $"the file is {length} bytes, above the limit of {limits.MaxFileBytes} bytes (BundleLimits.MaxFileBytes). Raise the limit only if you trust where this file came from."),
                source);
        }
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            throw new BundleFormatException(
                Message(source, $"it is not a zip archive, or it is truncated or corrupted ({exception.Message}). Check that the file was copied completely, or save the model again."),
                exception,
                source);
        }
        var archive = new BundleArchive(zip, ownsStream ? stream : null, source, limits, length);
        try
        {
            archive.IndexZip();
            archive.ReadManifest();
            archive.CrossCheckZip();
            return archive;
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _zip.Dispose();
        _ownedStream?.Dispose();
    }

    public BundleFormatException Error(string problem, string? entry = null, Exception? inner = null)
    {
        var message = Message(Source, problem);
        return inner is null ? new BundleFormatException(message, Source, entry) : new BundleFormatException(message, inner, Source, entry);
    }

    public bool TryGetPart(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BundlePart? part) => _parts.TryGetValue(path, out part);

    public bool TryGetEntry(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BundleEntry? entry) => _entries.TryGetValue(name, out entry);

    // Loads a model part through the fixed table of kinds; a loader's refusal of bad values becomes a BundleFormatException.
    public IModel LoadPart(BundlePart part)
    {
        if (!ModelKinds.TryGetLoader(part.Kind, out var loader))
            throw Error(UnknownKind(part.Kind));
        IModel? model;
        try
        {
            model = loader(new BundleReader(this, part));
        }
        catch (BundleFormatException)
        {
            throw;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or FormatException
            or OverflowException or IndexOutOfRangeException or NotSupportedException or JsonException or KilnException)
        {
            throw Error($"model part '{part.Path}' ({part.Kind}) holds values its loader refuses: {exception.Message}", inner: exception);
        }
        if (model is null)
            throw Error($"model part '{part.Path}' ({part.Kind}) loaded as nothing");
        if (model.Kind != part.Kind)
            throw Error($"model part '{part.Path}' is recorded as kind '{part.Kind}' but its loader made a '{model.Kind}'");
        return model;
    }

    // The entry's elements, checked against its recorded length and SHA-256.
    public T[] ReadEntry<T>(BundleEntry entry)
        where T : unmanaged
    {
        var values = ReadZipEntry<T>(_zipEntries[entry.Name], entry.Length, entry.Name);
        VerifyHash(entry, MemoryMarshal.AsBytes(values.AsSpan()));
        if (!BitConverter.IsLittleEndian)
            ToNativeEndianness(values.AsSpan());
        return values;
    }

    // Hashes every entry that no loader read, so a bundle with a corrupted unused entry is still refused.
    public void VerifyRemainingEntries()
    {
        var buffer = new byte[HashBufferBytes];
        foreach (var entry in Manifest.Entries)
        {
            if (_verified.Contains(entry.Name))
                continue;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long total = 0;
            try
            {
                using var stream = OpenBounded(_zipEntries[entry.Name], entry.Length, entry.Name);
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    total += read;
                }
            }
            catch (Exception exception) when (exception is InvalidDataException or IOException or NotSupportedException)
            {
                throw Error($"entry '{entry.Name}' is corrupted ({exception.Message})", entry.Name, exception);
            }
            if (total != entry.Length)
                throw Truncated(entry.Name, total, entry.Length);
            CompareHash(entry, hash.GetHashAndReset());
        }
    }

    public static string UnknownKind(string kind) =>
        $"its model kind '{BundleNames.Display(kind)}' is not one this Kiln knows (known: {string.Join(", ", ModelKinds.Known)}). " +
        "It may come from a newer Kiln, or need an assembly such as Kiln.LightGbm that registers the kind with ModelKinds.Register: load that assembly first.";

    private static string Message(string source, string problem)
    {
        var text = $"Cannot load model bundle '{source}': {problem}";
        return text.EndsWith('.') ? text : text + ".";
    }

    private void IndexZip()
    {
        System.Collections.ObjectModel.ReadOnlyCollection<ZipArchiveEntry> entries;
        try
        {
            entries = _zip.Entries;
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException)
        {
            throw Error($"its zip directory is corrupted ({exception.Message})", inner: exception);
        }
        if (entries.Count > Limits.MaxEntryCount)
            throw Error($"it holds {entries.Count} entries; at most {Limits.MaxEntryCount} are allowed (BundleLimits.MaxEntryCount)");
        foreach (var zipEntry in entries)
        {
            var name = zipEntry.FullName;
            if (BundleNames.ProblemWithZipName(name) is { } problem)
                throw Error(problem, BundleNames.Display(name));
            if (!_zipEntries.TryAdd(name, zipEntry))
                throw Error($"entry '{name}' appears twice in the zip; a bundle's entry names are unique", name);
            if (zipEntry.CompressedLength < 0 || zipEntry.CompressedLength > _fileLength)
                throw Error($"entry '{name}' claims {zipEntry.CompressedLength} compressed bytes, more than the whole file ({_fileLength} bytes)", name);
            if (zipEntry.Length < 0)
                throw Error($"entry '{name}' claims a negative size ({zipEntry.Length} bytes)", name);
        }
    }

    private void ReadManifest()
    {
        if (!_zipEntries.TryGetValue(BundleNames.Manifest, out var zipEntry))
            throw Error($"it has no {BundleNames.Manifest}, so it is not a Kiln model bundle (or it was not saved completely)");
        if (zipEntry.Length > Limits.MaxJsonBytes)
        {
            throw Error(
                $"{BundleNames.Manifest} claims {zipEntry.Length} bytes, above the limit of {Limits.MaxJsonBytes} bytes for JSON (BundleLimits.MaxJsonBytes)",
                BundleNames.Manifest);
        }
        CheckCompressionRatio(zipEntry, zipEntry.Length, BundleNames.Manifest);
        var bytes = ReadZipEntry<byte>(zipEntry, zipEntry.Length, BundleNames.Manifest);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, BundleJson.DocumentOptions(Limits.MaxJsonDepth));
        }
        catch (JsonException exception)
        {
            throw Error($"{BundleNames.Manifest} is not valid JSON ({exception.Message})", BundleNames.Manifest, exception);
        }
        using (document)
        {
            CheckFormatVersion(document.RootElement);
            ManifestDocument? parsed;
            try
            {
                parsed = document.RootElement.Deserialize<ManifestDocument>(JsonOptions);
            }
            catch (JsonException exception)
            {
                throw Error($"{BundleNames.Manifest} does not have the fields of a bundle manifest ({exception.Message})", BundleNames.Manifest, exception);
            }
            _manifest = Validate(parsed ?? throw Error($"{BundleNames.Manifest} is null", BundleNames.Manifest));
        }
    }

    private void CheckFormatVersion(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw Error($"{BundleNames.Manifest} is a JSON {root.ValueKind}, not an object", BundleNames.Manifest);
        if (!root.TryGetProperty("format_version", out var version))
            throw Error($"{BundleNames.Manifest} has no format_version, so it is not a Kiln bundle manifest", BundleNames.Manifest);
        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number))
            throw Error($"{BundleNames.Manifest} has format_version {BundleNames.Display(version.GetRawText())}; expected a whole number", BundleNames.Manifest);
        if (number > ModelBundle.FormatVersion)
        {
            var writer = root.TryGetProperty("kiln_version", out var kiln) && kiln.ValueKind == JsonValueKind.String
                ? $" (Kiln {BundleNames.Display(kiln.GetString() ?? string.Empty)})"
                : string.Empty;
            throw Error(
                $"it was made by a newer Kiln{writer}: bundle format {number}, while this Kiln ({ModelBundle.KilnVersion}) reads formats up to {ModelBundle.FormatVersion}. Upgrade Kiln to load it.",
                BundleNames.Manifest);
        }
        if (number < 1)
            throw Error($"{BundleNames.Manifest} has format_version {number}; valid versions are 1 to {ModelBundle.FormatVersion}", BundleNames.Manifest);
    }

    private BundleManifest Validate(ManifestDocument document)
    {
        const string Where = BundleNames.Manifest;
        if (!BundleNames.IsKind(document.Kind))
            throw Error($"{Where} has kind '{BundleNames.Display(document.Kind)}', which is not a model kind name (lowercase letters, digits and '_')", Where);
        if (!ModelKinds.IsKnown(document.Kind))
            throw Error(UnknownKind(document.Kind), Where);
        if (document.KilnVersion.Length is 0 or > 200)
            throw Error($"{Where} has kiln_version '{BundleNames.Display(document.KilnVersion)}'; expected a version of 1 to 200 characters", Where);

        Schema inputs;
        try
        {
            foreach (var input in document.Inputs)
            {
                if (input is null || !Enum.IsDefined(input.Kind))
                    throw new ArgumentException("an input is null or has an unknown kind.");
            }
            inputs = new Schema(document.Inputs.Select(input => new ColumnInfo(input.Name, input.Kind)));
        }
        catch (ArgumentException exception)
        {
            throw Error($"{Where} has an invalid input signature ({exception.Message})", Where, exception);
        }

        var output = document.Output is null ? null : ValidateOutput(document.Output);

        foreach (var (key, value) in document.Lineage)
        {
            if (key.Length == 0 || value is null)
                throw Error($"{Where} has a lineage item with an empty key or a null value", Where);
        }
        foreach (var key in document.Metrics.Keys)
        {
            if (key.Length == 0)
                throw Error($"{Where} has a metric with an empty name", Where);
        }

        var parts = new List<BundlePart>(document.Parts.Count);
        foreach (var part in document.Parts)
        {
            if (part is null)
                throw Error($"{Where} lists a null part", Where);
            if (BundleNames.ProblemWithPartPath(part.Path) is { } problem)
                throw Error($"{Where}: {problem}", Where);
            if (!BundleNames.IsKind(part.Kind))
                throw Error($"{Where}: part '{part.Path}' has kind '{BundleNames.Display(part.Kind)}', which is not a model kind name", Where);
            var bundlePart = new BundlePart(part.Path, part.Kind);
            if (!_parts.TryAdd(part.Path, bundlePart))
                throw Error($"{Where} lists part '{part.Path}' twice", Where);
            parts.Add(bundlePart);
        }
        if (!_parts.TryGetValue(BundleNames.RootPart, out var root))
            throw Error($"{Where} has no root part '{BundleNames.RootPart}'", Where);
        if (root.Kind != document.Kind)
            throw Error($"{Where} says the model is a '{document.Kind}' but its root part is a '{root.Kind}'", Where);
        foreach (var part in parts)
        {
            var slash = part.Path.LastIndexOf('/');
            if (slash > 0 && !_parts.ContainsKey(part.Path[..slash]))
                throw Error($"{Where}: part '{part.Path}' has no parent part '{part.Path[..slash]}'", Where);
        }

        var entries = new List<BundleEntry>(document.Entries.Count);
        long total = 0;
        foreach (var item in document.Entries)
        {
            var entry = ValidateEntry(item);
            if (!_entries.TryAdd(entry.Name, entry))
                throw Error($"{Where} lists entry '{entry.Name}' twice", entry.Name);
            total += entry.Length;
            if (total > Limits.MaxTotalBytes)
                throw Error($"its entries add up to more than {Limits.MaxTotalBytes} bytes uncompressed (BundleLimits.MaxTotalBytes)", entry.Name);
            entries.Add(entry);
        }

        return new BundleManifest(
            document.FormatVersion,
            document.KilnVersion,
            document.Kind,
            document.CreatedAt,
            inputs,
            output,
            new Dictionary<string, string>(document.Lineage, StringComparer.Ordinal),
            new Dictionary<string, double>(document.Metrics, StringComparer.Ordinal),
            parts,
            entries);
    }

    private BundleOutput ValidateOutput(OutputDocument output)
    {
        const string Where = BundleNames.Manifest;
        switch (output.Task)
        {
            case BundleOutput.Classification:
                if (output.Classes is not { Count: > 0 } classes)
                    throw Error($"{Where} describes a classifier with no classes", Where);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var name in classes)
                {
                    if (name is null || !seen.Add(name))
                        throw Error($"{Where} lists a null or repeated class name", Where);
                }
                return new BundleOutput(output.Task, [.. classes]);
            case BundleOutput.Regression:
                if (output.Classes is not null)
                    throw Error($"{Where} describes a regression output with classes", Where);
                return new BundleOutput(output.Task, null);
            default:
                throw Error($"{Where} has output task '{BundleNames.Display(output.Task)}'; expected '{BundleOutput.Classification}' or '{BundleOutput.Regression}'", Where);
        }
    }

    private BundleEntry ValidateEntry(EntryDocument? item)
    {
        const string Where = BundleNames.Manifest;
        if (item is null)
            throw Error($"{Where} lists a null entry", Where);
        var name = item.Name;
        if (BundleNames.ProblemWithZipName(name) is { } problem)
            throw Error($"{Where}: {problem}", BundleNames.Display(name));
        if (!Enum.IsDefined(item.Format))
            throw Error($"{Where}: entry '{name}' has an unknown format", name);
        var extension = "." + BundleNames.Extension(item.Format);
        var slash = name.LastIndexOf('/');
        if (slash < 0 || !name.EndsWith(extension, StringComparison.Ordinal))
            throw Error($"{Where}: entry '{name}' is not named <part>/<name>{extension} as its format {item.Format} requires", name);
        var part = name[..slash];
        var file = name[(slash + 1)..^extension.Length];
        if (!_parts.ContainsKey(part))
            throw Error($"{Where}: entry '{name}' is in '{part}', which is not a listed part", name);
        if (!BundleNames.IsSegment(file))
            throw Error($"{Where}: entry '{name}' has an invalid file name", name);
        var limit = item.Format == BundleEntryFormat.Json ? Math.Min(Limits.MaxJsonBytes, Limits.MaxEntryBytes) : Limits.MaxEntryBytes;
        if (item.Length < 0 || item.Length > limit)
        {
            throw Error(
                $"entry '{name}' is recorded as {item.Length} bytes; an entry of format {item.Format} may hold 0 to {limit} bytes " +
                "(BundleLimits.MaxEntryBytes / MaxJsonBytes). Raise the limit only if you trust where this file came from",
                name);
        }
        var elementSize = item.Format switch { BundleEntryFormat.Doubles => sizeof(double), BundleEntryFormat.Integers => sizeof(int), _ => 1 };
        if (item.Length % elementSize != 0)
            throw Error($"entry '{name}' is recorded as {item.Length} bytes, which is not a whole number of {elementSize}-byte values", name);
        if (item.Sha256 is not { Length: 64 } hash || !hash.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
            throw Error($"{Where}: entry '{name}' has sha256 '{BundleNames.Display(item.Sha256 ?? string.Empty)}'; expected 64 lowercase hexadecimal digits", name);
        return new BundleEntry(name, item.Format, item.Length, item.Sha256);
    }

    private void CrossCheckZip()
    {
        foreach (var name in _zipEntries.Keys)
        {
            if (name != BundleNames.Manifest && !_entries.ContainsKey(name))
                throw Error($"entry '{name}' is not listed in {BundleNames.Manifest}; a bundle holds only the entries its manifest lists", name);
        }
        foreach (var entry in Manifest.Entries)
        {
            if (!_zipEntries.TryGetValue(entry.Name, out var zipEntry))
                throw Error($"entry '{entry.Name}' is listed in {BundleNames.Manifest} but missing from the zip", entry.Name);
            if (zipEntry.Length != entry.Length)
            {
                throw Error(
                    $"entry '{entry.Name}' is {zipEntry.Length} bytes by its zip header but {entry.Length} bytes by {BundleNames.Manifest}; the bundle is corrupted or was tampered with",
                    entry.Name);
            }
            CheckCompressionRatio(zipEntry, entry.Length, entry.Name);
        }
    }

    private void CheckCompressionRatio(ZipArchiveEntry zipEntry, long length, string name)
    {
        if (length <= Limits.CompressionRatioFloorBytes)
            return;
        var compressed = Math.Max(zipEntry.CompressedLength, 1);
        var ratio = (double)length / compressed;
        if (ratio > Limits.MaxCompressionRatio)
        {
            throw Error(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"entry '{name}' would expand from {compressed} to {length} bytes, a compression ratio of {ratio:0} where at most {Limits.MaxCompressionRatio} is allowed (BundleLimits.MaxCompressionRatio): it looks like a zip bomb"),
                name);
        }
    }

    // Reads `length` bytes of an entry into a T[] that grows with the bytes actually decompressed, never with a claim alone.
    private T[] ReadZipEntry<T>(ZipArchiveEntry zipEntry, long length, string name)
        where T : unmanaged
    {
        var elementSize = Unsafe.SizeOf<T>();
        var count = (int)(length / elementSize);
        var array = new T[Math.Min(count, InitialReadBytes / elementSize)];
        var filled = 0;
        try
        {
            using var stream = OpenBounded(zipEntry, length, name);
            while (true)
            {
                var bytes = MemoryMarshal.AsBytes(array.AsSpan());
                if (filled == bytes.Length)
                {
                    if (array.Length == count)
                    {
                        Span<byte> probe = stackalloc byte[1];
                        _ = stream.Read(probe);
                        break;
                    }
                    Array.Resize(ref array, (int)Math.Min(count, Math.Max(1L, array.Length * 2L)));
                    continue;
                }
                var read = stream.Read(bytes[filled..]);
                if (read == 0)
                    break;
                filled += read;
            }
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or NotSupportedException)
        {
            throw Error($"entry '{name}' is corrupted ({exception.Message})", name, exception);
        }
        if (filled != length)
            throw Truncated(name, filled, length);
        return array;
    }

    private BoundedReadStream OpenBounded(ZipArchiveEntry zipEntry, long length, string name)
    {
        Stream inner;
        try
        {
            inner = zipEntry.Open();
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or NotSupportedException)
        {
            throw Error($"entry '{name}' cannot be opened ({exception.Message})", name, exception);
        }
        return new BoundedReadStream(
            inner,
            length,
            () => Error($"entry '{name}' holds more than the {length} bytes recorded for it: its zip header lies about its size (a zip bomb?) or the bundle is corrupted", name));
    }

    private BundleFormatException Truncated(string name, long actual, long expected) =>
        Error($"entry '{name}' ends after {actual} bytes but is recorded as {expected} bytes long: the bundle is truncated or corrupted", name);

    private void VerifyHash(BundleEntry entry, ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        CompareHash(entry, hash);
    }

    private void CompareHash(BundleEntry entry, ReadOnlySpan<byte> hash)
    {
        if (!string.Equals(Convert.ToHexStringLower(hash), entry.Sha256, StringComparison.Ordinal))
            throw Error($"entry '{entry.Name}' does not match its SHA-256 in {BundleNames.Manifest}: its bytes were changed or corrupted", entry.Name);
        _verified.Add(entry.Name);
    }

    private static void ToNativeEndianness<T>(Span<T> values)
        where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            var bits = MemoryMarshal.Cast<T, long>(values);
            BinaryPrimitives.ReverseEndianness(bits, bits);
        }
        else if (typeof(T) == typeof(int))
        {
            var ints = MemoryMarshal.Cast<T, int>(values);
            BinaryPrimitives.ReverseEndianness(ints, ints);
        }
    }
}
