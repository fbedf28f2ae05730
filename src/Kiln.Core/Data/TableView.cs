namespace Kiln.Core.Data;

/// <summary>A subset of a table's rows, by index, that copies nothing: the form splits and cross-validation folds take.</summary>
public sealed class TableView
{
    private readonly ReadOnlyMemory<int> _rows;

    /// <summary>Creates a view of <paramref name="rows"/> of <paramref name="source"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A row index is outside the table.</exception>
    public TableView(Table source, ReadOnlyMemory<int> rows)
    {
        ArgumentNullException.ThrowIfNull(source);
        foreach (var row in rows.Span)
        {
            if ((uint)row >= (uint)source.RowCount)
                throw new ArgumentOutOfRangeException(nameof(rows), $"Row {row} is outside the table of {source.RowCount} rows.");
        }
        Source = source;
        _rows = rows;
    }

    /// <summary>The table viewed.</summary>
    public Table Source { get; }

    /// <summary>The indices into <see cref="Source"/> of the rows in this view, in order.</summary>
    public ReadOnlySpan<int> RowIndices => _rows.Span;

    /// <summary>The number of rows in the view.</summary>
    public int RowCount => _rows.Length;

    /// <summary>The schema of <see cref="Source"/>.</summary>
    public Schema Schema => Source.Schema;

    /// <summary>A view of some rows of this view; <paramref name="rows"/> index into this view, not the source.</summary>
    public TableView Rows(ReadOnlySpan<int> rows)
    {
        var own = _rows.Span;
        var composed = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            if ((uint)rows[i] >= (uint)own.Length)
                throw new ArgumentOutOfRangeException(nameof(rows), $"Row {rows[i]} is outside the view of {own.Length} rows.");
            composed[i] = own[rows[i]];
        }
        return new TableView(Source, composed);
    }

    /// <summary>Copies numeric column <paramref name="columnIndex"/> of the viewed rows into <paramref name="destination"/>.</summary>
    /// <exception cref="SchemaMismatchException">The column is not numeric.</exception>
    public void Gather(int columnIndex, Span<double> destination)
    {
        var column = Source[columnIndex] as NumericColumn
            ?? throw new SchemaMismatchException($"Column '{Source[columnIndex].Name}' is {Source[columnIndex].Kind}, not Numeric.");
        column.Gather(_rows.Span, destination);
    }

    /// <summary>A new table holding the viewed rows (a copy).</summary>
    public Table Materialize() => Source.Take(_rows.Span);
}
