namespace Kiln.Core.Data;

/// <summary>Collects one column's cells while a file is read, straight from the parser's character spans.</summary>
internal abstract class ColumnBuilder
{
    /// <summary>The values a cell must hold, as an error message says it: "a number".</summary>
    public abstract string Expectation { get; }

    /// <summary>Adds <paramref name="cell"/>; returns <see langword="false"/> (adding nothing) when it is neither missing nor of this column's kind.</summary>
    public abstract bool TryAppend(ReadOnlySpan<char> cell);

    /// <summary>Makes the column; the builder must not be used afterwards.</summary>
    public abstract Column Build(string name);

    /// <summary>Makes the builder for <paramref name="plan"/>; <paramref name="expectedRows"/>, when known, lets it allocate the final array at once.</summary>
    public static ColumnBuilder Create(CsvColumnPlan plan, MissingTokens missingTokens, CategoricalRule rule, int? expectedRows) => plan switch
    {
        CsvColumnPlan.Numeric => new NumericColumnBuilder(missingTokens, expectedRows),
        CsvColumnPlan.Boolean => new BooleanColumnBuilder(missingTokens, expectedRows),
        CsvColumnPlan.DateTime => new DateTimeColumnBuilder(missingTokens, expectedRows),
        _ => new StringColumnBuilder(plan, missingTokens, rule, expectedRows),
    };
}
