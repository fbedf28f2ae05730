namespace Kiln.Core.Data;

/// <summary>How the reader stores one CSV column while reading, decided from the declared kind or from the leading rows.</summary>
internal enum CsvColumnPlan
{
    /// <summary>Parse every cell as a number.</summary>
    Numeric,

    /// <summary>Parse every cell as true / false.</summary>
    Boolean,

    /// <summary>Parse every cell as an ISO-8601 date or timestamp.</summary>
    DateTime,

    /// <summary>Dictionary-encode; the column is categorical (declared).</summary>
    Categorical,

    /// <summary>Dictionary-encode; the column is text (declared).</summary>
    Text,

    /// <summary>Dictionary-encode; categorical or text by the <see cref="CategoricalRule"/> once all values are seen.</summary>
    CategoricalOrText,

    /// <summary>Dictionary-encode; the kind is inferred from the distinct values once all are seen (the leading rows held no value).</summary>
    AnyKind,
}
