namespace Kiln.Core.Data;

/// <summary>The kind of values a column holds.</summary>
public enum ColumnKind
{
    /// <summary>64-bit floating point; NaN is missing.</summary>
    Numeric,

    /// <summary>Dictionary-encoded strings; code -1 is missing.</summary>
    Categorical,

    /// <summary>True or false, or missing.</summary>
    Boolean,

    /// <summary>Instants stored as UTC ticks, or missing.</summary>
    DateTime,

    /// <summary>Free text (not encoded), or missing.</summary>
    Text,
}
