namespace Kiln.Core.Data;

/// <summary>Collects one column's cells while a file is read, straight from the parser's character spans.</summary>
/// <remarks>
/// When the file is read in parts on several threads, the first part's builder owns the column's storage and each later
/// part gets a <see cref="Follow"/> builder that fills its own row range of the same storage; <see cref="Absorb"/> then
/// merges what cannot be shared (a string dictionary) before <see cref="Build"/>.
/// </remarks>
internal abstract class ColumnBuilder
{
    /// <summary>The values a cell must hold, as an error message says it: "a number".</summary>
    public abstract string Expectation { get; }

    /// <summary>Adds <paramref name="cell"/>; returns <see langword="false"/> (adding nothing) when it is neither missing nor of this column's kind.</summary>
    public abstract bool TryAppend(ReadOnlySpan<char> cell);

    /// <summary>A builder that fills rows [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) of this builder's storage.</summary>
    public abstract ColumnBuilder Follow(int start, int count);

    /// <summary>Takes in a <see cref="Follow"/> builder whose rows are all read.</summary>
    public virtual void Absorb(ColumnBuilder follower)
    {
    }

    /// <summary>Makes the column; the builder must not be used afterwards.</summary>
    public abstract Column Build(string name);

    /// <summary>Makes the builder for <paramref name="plan"/>: for rows [0, <paramref name="firstPartRows"/>) of <paramref name="totalRows"/> when the count is known, else growing.</summary>
    public static ColumnBuilder Create(CsvColumnPlan plan, MissingTokens missingTokens, CategoricalRule rule, int? totalRows, int? firstPartRows = null)
    {
        return plan switch
        {
            CsvColumnPlan.Numeric => new NumericColumnBuilder(missingTokens, Buffer<double>(totalRows, firstPartRows)),
            CsvColumnPlan.Boolean => new BooleanColumnBuilder(missingTokens, Buffer<bool?>(totalRows, firstPartRows)),
            CsvColumnPlan.DateTime => new DateTimeColumnBuilder(missingTokens, Buffer<long>(totalRows, firstPartRows)),
            _ => new StringColumnBuilder(plan, missingTokens, rule, Buffer<int>(totalRows, firstPartRows)),
        };
    }

    private static ChunkedBuffer<T> Buffer<T>(int? totalRows, int? firstPartRows) => totalRows is { } total
        ? ChunkedBuffer<T>.ForRange(new T[total], 0, firstPartRows ?? total)
        : new ChunkedBuffer<T>();
}
