namespace Kiln.Tracking.Registry;

/// <summary>How a <see cref="ModelReference"/> picks a version of a model.</summary>
public enum ModelReferenceKind
{
    /// <summary><c>name</c>: the latest (highest-numbered) version.</summary>
    Latest,

    /// <summary><c>name@alias</c>: the version the alias points at.</summary>
    Alias,

    /// <summary><c>name/3</c>: that version number.</summary>
    Version,
}
