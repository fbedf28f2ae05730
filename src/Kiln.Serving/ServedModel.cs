using Kiln.Core.Data;
using Kiln.Core.Preparation;

namespace Kiln.Serving;

/// <summary>One loaded model version behind the server: its registry name and version, the references it was asked for by, and the fitted pipeline.</summary>
public sealed class ServedModel
{
    /// <summary>Wraps a loaded pipeline.</summary>
    /// <param name="name">The registered model's name (what clients address it by).</param>
    /// <param name="version">The registered version number.</param>
    /// <param name="references">The references it was resolved from, such as <c>penguins@champion</c>.</param>
    /// <param name="model">The fitted pipeline.</param>
    /// <exception cref="ArgumentException">The name is empty or the version is not positive.</exception>
    public ServedModel(string name, int version, IReadOnlyList<string> references, PipelineModel model)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(model);
        Name = name;
        Version = version;
        References = references;
        Model = model;
    }

    /// <summary>The registered model's name.</summary>
    public string Name { get; }

    /// <summary>The registered version number.</summary>
    public int Version { get; }

    /// <summary>The references this version was resolved from (<c>NAME</c>, <c>NAME@ALIAS</c>, <c>NAME/N</c>).</summary>
    public IReadOnlyList<string> References { get; }

    /// <summary>The fitted pipeline that scores raw rows.</summary>
    public PipelineModel Model { get; }

    /// <summary>The raw input columns, with their kinds, that a request supplies.</summary>
    public Schema Inputs => Model.InputSchema;

    /// <summary>The class labels of a classifier, or <see langword="null"/> for a regressor.</summary>
    public IReadOnlyList<string>? Classes => Model.Classes;

    /// <inheritdoc/>
    public override string ToString() => $"{Name}/{Version}";
}
