namespace Kiln.Core.Data;

/// <summary>An immutable, named column of values of one <see cref="ColumnKind"/>.</summary>
/// <remarks>
/// Columns never change after construction, so tables, views and models can share them across threads.
/// Gathering rows (<see cref="Take"/>) makes a new column; row views that copy nothing are
/// <see cref="TableView"/> and <see cref="Learners.TrainingSet"/>.
/// </remarks>
public abstract class Column
{
    private int _missingCount = -1;

    private protected Column(string name, int length)
    {
        ColumnNames.Validate(name);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Name = name;
        Length = length;
    }

    /// <summary>The column's name, unique within a table.</summary>
    public string Name { get; }

    /// <summary>The number of rows.</summary>
    public int Length { get; }

    /// <summary>The kind of values held.</summary>
    public abstract ColumnKind Kind { get; }

    /// <summary>The number of missing values, counted once and remembered.</summary>
    public int MissingCount
    {
        get
        {
            if (_missingCount < 0)
            {
                var count = 0;
                for (var row = 0; row < Length; row++)
                {
                    if (IsMissing(row))
                        count++;
                }
                _missingCount = count;
            }
            return _missingCount;
        }
    }

    /// <summary>Whether the value at <paramref name="row"/> is missing.</summary>
    public abstract bool IsMissing(int row);

    /// <summary>The value at <paramref name="row"/> as invariant-culture text, or <see langword="null"/> when missing.</summary>
    public abstract string? FormatValue(int row);

    /// <summary>A new column holding the rows at <paramref name="rows"/>, in that order (rows may repeat).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A row index is outside the column.</exception>
    public abstract Column Take(ReadOnlySpan<int> rows);

    /// <summary>The same values under another name (the values are shared, not copied).</summary>
    public abstract Column Rename(string name);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Kind}, {Length} rows)";

    private protected T[] Gather<T>(T[] source, ReadOnlySpan<int> rows)
    {
        var result = new T[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            if ((uint)row >= (uint)source.Length)
                throw new ArgumentOutOfRangeException(nameof(rows), $"Row {row} is outside column '{Name}' of {source.Length} rows.");
            result[i] = source[row];
        }
        return result;
    }
}
