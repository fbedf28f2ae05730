using Kiln.Core.Data;

namespace Kiln.Core.Persistence;

// The JSON shape of manifest.json. Kept apart from the public BundleManifest so the file format changes only on purpose.
internal sealed record ManifestDocument
{
    public required int FormatVersion { get; init; }

    public required string KilnVersion { get; init; }

    public required string Kind { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required IReadOnlyList<InputDocument> Inputs { get; init; }

    public OutputDocument? Output { get; init; }

    public required IReadOnlyDictionary<string, string> Lineage { get; init; }

    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    public required IReadOnlyList<PartDocument> Parts { get; init; }

    public required IReadOnlyList<EntryDocument> Entries { get; init; }
}

internal sealed record InputDocument(string Name, ColumnKind Kind);

internal sealed record OutputDocument(string Task, IReadOnlyList<string>? Classes);

internal sealed record PartDocument(string Path, string Kind);

internal sealed record EntryDocument(string Name, BundleEntryFormat Format, long Length, string Sha256);

// The JSON shape of a schema written by BundleWriter.WriteSchema.
internal sealed record SchemaColumnDocument(string Name, ColumnKind Kind, ColumnRole Role);
