using System.Text;
using System.Text.Json;
using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.Core.Persistence;

/// <summary>Reads one model part's named entries from a <c>.kiln</c> bundle; <see cref="ModelKinds"/> hands one to a kind's loader.</summary>
/// <remarks>
/// Every entry is checked before it is used: its length against the limits and its zip header, its bytes against the
/// SHA-256 in the manifest. A loader validates the values it reads (finite numbers, consistent lengths) and reports bad
/// ones with <see cref="Invalid"/>.
/// </remarks>
public sealed class BundleReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly BundleArchive _archive;
    private readonly BundlePart _part;

    internal BundleReader(BundleArchive archive, BundlePart part)
    {
        _archive = archive;
        _part = part;
    }

    /// <summary>This part's model kind.</summary>
    public string Kind => _part.Kind;

    /// <summary>This part's folder inside the bundle, such as <c>model</c> or <c>model/steps_0</c>.</summary>
    public string PartPath => _part.Path;

    /// <summary>Reads a JSON entry written with <see cref="BundleWriter.WriteJson"/>.</summary>
    /// <exception cref="BundleFormatException">The entry is missing, corrupted, too deep or too large, null, or not a <typeparamref name="T"/>.</exception>
    public T ReadJson<T>(string name)
    {
        var entry = Find(name, BundleEntryFormat.Json);
        var bytes = _archive.ReadEntry<byte>(entry);
        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(bytes, _archive.JsonOptions);
        }
        catch (JsonException exception)
        {
            throw _archive.Error($"entry '{entry.Name}' is not the JSON the '{Kind}' model expects ({exception.Message})", entry.Name, exception);
        }
        return value ?? throw _archive.Error($"entry '{entry.Name}' holds null", entry.Name);
    }

    /// <summary>Reads an array of doubles written with <see cref="BundleWriter.WriteDoubles"/>, bit for bit; NaN and infinities are kept.</summary>
    /// <param name="name">The entry's name in this part.</param>
    /// <param name="expectedLength">The number of values the loader expects, or <see langword="null"/> to accept any.</param>
    /// <exception cref="BundleFormatException">The entry is missing, corrupted, or does not hold <paramref name="expectedLength"/> values.</exception>
    public double[] ReadDoubles(string name, int? expectedLength = null)
    {
        var entry = Find(name, BundleEntryFormat.Doubles);
        CheckLength(entry, sizeof(double), expectedLength);
        return _archive.ReadEntry<double>(entry);
    }

    /// <summary>Reads an array of doubles like <see cref="ReadDoubles"/>, and refuses NaN and infinities.</summary>
    /// <exception cref="BundleFormatException">As <see cref="ReadDoubles"/>, or a value is not finite.</exception>
    public double[] ReadFiniteDoubles(string name, int? expectedLength = null)
    {
        var values = ReadDoubles(name, expectedLength);
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw Invalid($"entry '{name}' holds {values[i]} at position {i}, where only finite numbers are allowed");
        }
        return values;
    }

    /// <summary>Reads an array of 32-bit integers written with <see cref="BundleWriter.WriteInt32s"/>.</summary>
    /// <param name="name">The entry's name in this part.</param>
    /// <param name="expectedLength">The number of values the loader expects, or <see langword="null"/> to accept any.</param>
    /// <exception cref="BundleFormatException">The entry is missing, corrupted, or does not hold <paramref name="expectedLength"/> values.</exception>
    public int[] ReadInt32s(string name, int? expectedLength = null)
    {
        var entry = Find(name, BundleEntryFormat.Integers);
        CheckLength(entry, sizeof(int), expectedLength);
        return _archive.ReadEntry<int>(entry);
    }

    /// <summary>Reads UTF-8 text written with <see cref="BundleWriter.WriteText"/>.</summary>
    /// <exception cref="BundleFormatException">The entry is missing, corrupted, or not valid UTF-8.</exception>
    public string ReadText(string name)
    {
        var entry = Find(name, BundleEntryFormat.Text);
        var bytes = _archive.ReadEntry<byte>(entry);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException exception)
        {
            throw _archive.Error($"entry '{entry.Name}' is not valid UTF-8 text ({exception.Message})", entry.Name, exception);
        }
    }

    /// <summary>Reads a schema written with <see cref="BundleWriter.WriteSchema"/>.</summary>
    /// <exception cref="BundleFormatException">The entry is missing or corrupted, or a column name repeats or is not valid.</exception>
    public Schema ReadSchema(string name)
    {
        var columns = ReadJson<List<SchemaColumnDocument>>(name);
        try
        {
            foreach (var column in columns)
            {
                if (column is null || !Enum.IsDefined(column.Kind) || !Enum.IsDefined(column.Role))
                    throw new ArgumentException("a column is null or has an unknown kind or role.");
            }
            return new Schema(columns.Select(column => new ColumnInfo(column.Name, column.Kind, column.Role)));
        }
        catch (ArgumentException exception)
        {
            throw Invalid($"schema '{name}' is not valid ({exception.Message})");
        }
    }

    /// <summary>Reads a nested model written with <see cref="BundleWriter.WriteModel"/>, through the fixed table of known kinds.</summary>
    /// <exception cref="BundleFormatException">The part is missing, its kind is unknown, it is invalid, or it is not a <typeparamref name="T"/>.</exception>
    public T ReadModel<T>(string name)
        where T : IModel
    {
        BundleNames.ValidateSegmentArgument(name, nameof(name));
        var path = $"{_part.Path}/{name}";
        if (!_archive.TryGetPart(path, out var part))
            throw _archive.Error($"it has no model part '{path}', which the '{Kind}' model at '{_part.Path}' needs; the bundle is incomplete or was written by another version of Kiln");
        var model = _archive.LoadPart(part);
        if (model is not T typed)
            throw _archive.Error($"model part '{path}' is a '{part.Kind}' ({model.GetType().Name}), where the '{Kind}' model needs a {typeof(T).Name}");
        return typed;
    }

    /// <summary>An exception to throw when a value read from this part is not acceptable; it names the bundle, the part and the problem.</summary>
    /// <param name="problem">What is wrong, e.g. <c>"priors sum to 0.5; expected 1"</c>.</param>
    public BundleFormatException Invalid(string problem) =>
        _archive.Error($"model part '{_part.Path}' ({Kind}) is invalid: {problem}");

    private BundleEntry Find(string name, BundleEntryFormat format)
    {
        BundleNames.ValidateSegmentArgument(name, nameof(name));
        var fullName = BundleNames.EntryName(_part.Path, name, format);
        if (!_archive.TryGetEntry(fullName, out var entry))
        {
            throw _archive.Error(
                $"it has no entry '{fullName}' ({BundleNames.Describe(format)}), which the '{Kind}' model needs; the bundle is incomplete or was written by another version of Kiln",
                fullName);
        }
        return entry;
    }

    private void CheckLength(BundleEntry entry, int elementSize, int? expectedLength)
    {
        if (expectedLength is { } expected && entry.Length != (long)expected * elementSize)
            throw _archive.Error($"entry '{entry.Name}' holds {entry.Length / elementSize} values; the '{Kind}' model expects {expected}", entry.Name);
    }
}
