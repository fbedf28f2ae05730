using System.Text;
using System.Text.Json;
using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.Core.Persistence;

/// <summary>Writes one model part's named entries into a <c>.kiln</c> bundle; <see cref="ModelBundle.Save(IModel, string, BundleSaveOptions?)"/> hands one to <see cref="IModel.Save"/>.</summary>
/// <remarks>
/// Names are relative to the part and are 1 to 100 letters, digits, '_' or '-'; the entry's file name adds the format's
/// extension (<c>model/priors.f64</c>). A part may hold nested parts (a pipeline's steps) through <see cref="WriteModel"/>.
/// </remarks>
public sealed class BundleWriter
{
    private readonly BundlePackage _package;

    internal BundleWriter(BundlePackage package, string partPath)
    {
        _package = package;
        PartPath = partPath;
    }

    /// <summary>This part's folder inside the bundle, such as <c>model</c> or <c>model/steps_0</c>.</summary>
    public string PartPath { get; }

    /// <summary>Writes <paramref name="value"/> as a JSON entry (snake_case names, enums as strings, NaN as a named literal).</summary>
    /// <remarks>JSON numbers round-trip doubles exactly, but large parameter arrays belong in <see cref="WriteDoubles"/>.</remarks>
    /// <exception cref="ArgumentException">The name is not valid or was already used for a JSON entry of this part.</exception>
    /// <exception cref="BundleFormatException">The JSON is larger than a reader accepts.</exception>
    public void WriteJson<T>(string name, T value)
    {
        BundleNames.ValidateSegmentArgument(name, nameof(name));
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, BundleJson.Options(BundleLimits.Default.MaxJsonDepth));
        _package.AddEntry(BundleNames.EntryName(PartPath, name, BundleEntryFormat.Json), BundleEntryFormat.Json, bytes);
    }

    /// <summary>Writes an array of doubles as raw little-endian bytes, so they load back bit for bit.</summary>
    /// <exception cref="ArgumentException">The name is not valid or was already used for a float64 entry of this part.</exception>
    /// <exception cref="BundleFormatException">The array is larger than a reader accepts.</exception>
    public void WriteDoubles(string name, ReadOnlySpan<double> values)
    {
        BundleNames.ValidateSegmentArgument(name, nameof(name));
        CheckArraySize(name, values.Length, sizeof(double));
        _package.AddEntry(BundleNames.EntryName(PartPath, name, BundleEntryFormat.Doubles), BundleEntryFormat.Doubles, BundlePackage.LittleEndianBytes(values));
    }

    /// <summary>Writes an array of 32-bit integers as raw little-endian bytes.</summary>
    /// <exception cref="ArgumentException">The name is not valid or was already used for an int32 entry of this part.</exception>
    /// <exception cref="BundleFormatException">The array is larger than a reader accepts.</exception>
    public void WriteInt32s(string name, ReadOnlySpan<int> values)
    {
        BundleNames.ValidateSegmentArgument(name, nameof(name));
        CheckArraySize(name, values.Length, sizeof(int));
        _package.AddEntry(BundleNames.EntryName(PartPath, name, BundleEntryFormat.Integers), BundleEntryFormat.Integers, BundlePackage.LittleEndianBytes(values));
    }

    /// <summary>Writes UTF-8 text without a byte-order mark (LightGBM's model text, for one).</summary>
    /// <exception cref="ArgumentException">The name is not valid or was already used for a text entry of this part.</exception>
    /// <exception cref="BundleFormatException">The text is larger than a reader accepts.</exception>
    public void WriteText(string name, string text)
    {
        BundleNames.ValidateSegmentArgument(name, nameof(name));
        ArgumentNullException.ThrowIfNull(text);
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetBytes(text);
        _package.AddEntry(BundleNames.EntryName(PartPath, name, BundleEntryFormat.Text), BundleEntryFormat.Text, bytes);
    }

    /// <summary>Writes a schema's column names, kinds and roles as a JSON entry; <see cref="BundleReader.ReadSchema"/> reads it back.</summary>
    public void WriteSchema(string name, Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        WriteJson(name, schema.Select(column => new SchemaColumnDocument(column.Name, column.Kind, column.Role)).ToList());
    }

    /// <summary>Writes a nested model as a part of its own (folder <c>PartPath/name</c>), with its kind recorded in the manifest.</summary>
    /// <exception cref="ArgumentException">The name is not valid or already used for a part, or the model's kind is not registered in <see cref="ModelKinds"/>.</exception>
    public void WriteModel(string name, IModel model)
    {
        BundleNames.ValidateSegmentArgument(name, nameof(name));
        ArgumentNullException.ThrowIfNull(model);
        ModelKinds.EnsureKnown(model.Kind, nameof(model));
        var path = $"{PartPath}/{name}";
        _package.AddPart(path, model.Kind);
        model.Save(new BundleWriter(_package, path));
    }

    private static void CheckArraySize(string name, int length, int elementSize)
    {
        if ((long)length * elementSize > BundleLimits.Default.MaxEntryBytes)
        {
            throw new BundleFormatException(
                $"Cannot save the model bundle: array '{name}' holds {length} values, above the {BundleLimits.Default.MaxEntryBytes} bytes a bundle reader accepts by default. Split the model or reduce its size.");
        }
    }
}
