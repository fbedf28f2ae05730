namespace Kiln.Core.Data;

/// <summary>An immutable set of named, typed columns of equal length, with a <see cref="Schema"/> that gives each a role.</summary>
public sealed class Table
{
    private readonly Column[] _columns;

    /// <summary>Creates a table whose columns all have the role <see cref="ColumnRole.Feature"/>.</summary>
    /// <exception cref="ArgumentException">Columns differ in length or two share a name.</exception>
    public Table(IEnumerable<Column> columns)
        : this(columns, roles: null)
    {
    }

    /// <summary>Creates a table; <paramref name="roles"/> names the columns whose role is not <see cref="ColumnRole.Feature"/>.</summary>
    /// <exception cref="ArgumentException">Columns differ in length, two share a name, or a role names an unknown column.</exception>
    public Table(IEnumerable<Column> columns, IReadOnlyDictionary<string, ColumnRole>? roles)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = [.. columns];
        foreach (var column in _columns)
            ArgumentNullException.ThrowIfNull(column, nameof(columns));
        RowCount = _columns.Length == 0 ? 0 : _columns[0].Length;
        foreach (var column in _columns)
        {
            if (column.Length != RowCount)
                throw new ArgumentException($"Column '{column.Name}' has {column.Length} rows but '{_columns[0].Name}' has {RowCount}; all columns of a table have the same length.", nameof(columns));
        }
        if (roles is not null)
        {
            foreach (var name in roles.Keys)
            {
                if (!Array.Exists(_columns, column => column.Name == name))
                    throw new ArgumentException($"A role is given for column '{name}', which the table does not have.", nameof(roles));
            }
        }
        Schema = new Schema(_columns.Select(column =>
            new ColumnInfo(column.Name, column.Kind, roles is not null && roles.TryGetValue(column.Name, out var role) ? role : ColumnRole.Feature)));
    }

    private Table(Column[] columns, Schema schema, int rowCount)
    {
        _columns = columns;
        Schema = schema;
        RowCount = rowCount;
    }

    // A table of `columns` (taken over, not copied) that reuses `schema` when the columns are exactly its feature columns:
    // same count, names, kinds and lengths, every role Feature. Then nothing is validated or indexed again, which is most of
    // the cost of a table of a few rows (a served request's, and each preparation step's). Otherwise as new Table(columns).
    internal static Table WithKnownSchema(Column[] columns, Schema schema)
    {
        if (columns.Length != schema.Count || columns.Length == 0)
            return new Table(columns);
        var rows = columns[0]?.Length ?? 0;
        for (var j = 0; j < columns.Length; j++)
        {
            var column = columns[j];
            var expected = schema[j];
            if (column is null || column.Length != rows || column.Kind != expected.Kind || expected.Role != ColumnRole.Feature
                || !string.Equals(column.Name, expected.Name, StringComparison.Ordinal))
            {
                return new Table(columns);
            }
        }
        return new Table(columns, schema, rows);
    }

    /// <summary>Names, kinds and roles of the columns.</summary>
    public Schema Schema { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The number of columns.</summary>
    public int ColumnCount => _columns.Length;

    /// <summary>The columns, in order.</summary>
    public IReadOnlyList<Column> Columns => _columns;

    /// <summary>The column at <paramref name="index"/>.</summary>
    public Column this[int index] => _columns[index];

    /// <summary>The column named <paramref name="name"/>.</summary>
    /// <exception cref="SchemaMismatchException">No column has that name; the message lists the ones that exist.</exception>
    public Column this[string name] => _columns[Schema.IndexOf(name)];

    /// <summary>The numeric column named <paramref name="name"/>.</summary>
    /// <exception cref="SchemaMismatchException">The column does not exist or is not numeric.</exception>
    public NumericColumn Numeric(string name) => this[name] as NumericColumn
        ?? throw new SchemaMismatchException($"Column '{name}' is {this[name].Kind}, not Numeric.");

    /// <summary>The numeric values of column <paramref name="index"/>.</summary>
    /// <exception cref="SchemaMismatchException">The column is not numeric.</exception>
    public ReadOnlySpan<double> Column(int index) => (_columns[index] as NumericColumn
        ?? throw new SchemaMismatchException($"Column '{_columns[index].Name}' is {_columns[index].Kind}, not Numeric.")).Values;

    /// <summary>Looks a column up by name.</summary>
    public bool TryGetColumn(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Column? column)
    {
        column = Schema.TryGetIndex(name, out var index) ? _columns[index] : null;
        return column is not null;
    }

    /// <summary>A table of just the columns named, in the order given (columns are shared, not copied).</summary>
    public Table Select(IEnumerable<string> names)
    {
        var indices = names.Select(Schema.IndexOf).ToArray();
        return new Table(indices.Select(i => _columns[i]).ToArray(), new Schema(indices.Select(i => Schema[i])), RowCount);
    }

    /// <summary>A table without the columns named (columns are shared, not copied).</summary>
    /// <exception cref="SchemaMismatchException">A name is not a column of this table.</exception>
    public Table Drop(IEnumerable<string> names)
    {
        var dropped = names.ToHashSet(StringComparer.Ordinal);
        foreach (var name in dropped)
            _ = Schema.IndexOf(name);
        return Select(Schema.Names.Where(name => !dropped.Contains(name)));
    }

    /// <summary>A table with <paramref name="column"/> added at the end, or replacing the column of the same name (keeping its role).</summary>
    /// <exception cref="ArgumentException">The column's length differs from the table's.</exception>
    public Table With(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (_columns.Length > 0 && column.Length != RowCount)
            throw new ArgumentException($"Column '{column.Name}' has {column.Length} rows; the table has {RowCount}.", nameof(column));
        var columns = _columns.ToList();
        var infos = Schema.ToList();
        if (Schema.TryGetIndex(column.Name, out var index))
        {
            columns[index] = column;
            infos[index] = new ColumnInfo(column.Name, column.Kind, infos[index].Role);
        }
        else
        {
            columns.Add(column);
            infos.Add(new ColumnInfo(column.Name, column.Kind));
        }
        return new Table([.. columns], new Schema(infos), column.Length);
    }

    /// <summary>A table whose column <paramref name="name"/> has <paramref name="role"/>.</summary>
    public Table WithRole(string name, ColumnRole role) => new(_columns, Schema.WithRole(name, role), RowCount);

    /// <summary>The columns whose role is <see cref="ColumnRole.Feature"/>.</summary>
    public Table Features() => Select(Schema.Features.Select(column => column.Name));

    /// <summary>A new table holding the rows at <paramref name="rows"/>, in that order (a copy).</summary>
    public Table Take(ReadOnlySpan<int> rows)
    {
        var columns = new Column[_columns.Length];
        for (var i = 0; i < columns.Length; i++)
            columns[i] = _columns[i].Take(rows);
        return new Table(columns, Schema, rows.Length);
    }

    /// <summary>A view of the rows at <paramref name="rows"/> that copies nothing.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A row index is outside the table.</exception>
    public TableView Rows(ReadOnlyMemory<int> rows) => new(this, rows);

    /// <inheritdoc/>
    public override string ToString() => $"Table ({RowCount} rows × {ColumnCount} columns: {Schema})";
}
