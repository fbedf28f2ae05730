using System.Collections;

namespace Kiln.Core.Data;

/// <summary>An immutable, ordered list of column names, kinds and roles, with unique names.</summary>
public sealed class Schema : IReadOnlyList<ColumnInfo>, IEquatable<Schema>
{
    private readonly ColumnInfo[] _columns;
    private readonly Dictionary<string, int> _indexByName;

    /// <summary>Creates a schema from <paramref name="columns"/>.</summary>
    /// <exception cref="ArgumentException">Two columns share a name, or a name is empty.</exception>
    public Schema(IEnumerable<ColumnInfo> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = [.. columns];
        _indexByName = new Dictionary<string, int>(_columns.Length, StringComparer.Ordinal);
        for (var i = 0; i < _columns.Length; i++)
        {
            var column = _columns[i] ?? throw new ArgumentException($"Schema column {i} is null.", nameof(columns));
            ColumnNames.Validate(column.Name);
            if (!_indexByName.TryAdd(column.Name, i))
                throw new ArgumentException($"Column '{column.Name}' appears twice; column names must be unique.", nameof(columns));
        }
    }

    /// <summary>A schema with no columns.</summary>
    public static Schema Empty { get; } = new([]);

    /// <inheritdoc/>
    public int Count => _columns.Length;

    /// <inheritdoc/>
    public ColumnInfo this[int index] => _columns[index];

    /// <summary>The column named <paramref name="name"/>.</summary>
    /// <exception cref="SchemaMismatchException">No column has that name; the message lists the ones that exist.</exception>
    public ColumnInfo this[string name] => _columns[IndexOf(name)];

    /// <summary>The columns whose role is <see cref="ColumnRole.Feature"/>, in order.</summary>
    public IEnumerable<ColumnInfo> Features => _columns.Where(column => column.Role == ColumnRole.Feature);

    /// <summary>The names of all columns, in order.</summary>
    public IEnumerable<string> Names => _columns.Select(column => column.Name);

    /// <summary>The position of column <paramref name="name"/>.</summary>
    /// <exception cref="SchemaMismatchException">No column has that name; the message lists the ones that exist.</exception>
    public int IndexOf(string name)
    {
        if (_indexByName.TryGetValue(name, out var index))
            return index;
        throw new SchemaMismatchException($"There is no column '{name}'. The columns are: {Describe(Names)}.");
    }

    /// <summary>Whether a column named <paramref name="name"/> exists.</summary>
    public bool Contains(string name) => _indexByName.ContainsKey(name);

    /// <summary>Looks a column up by name.</summary>
    public bool TryGetIndex(string name, out int index) => _indexByName.TryGetValue(name, out index);

    /// <summary>The single column with <paramref name="role"/>, or <see langword="null"/> when none has it.</summary>
    /// <exception cref="SchemaMismatchException">More than one column has that role.</exception>
    public ColumnInfo? FindByRole(ColumnRole role)
    {
        ColumnInfo? found = null;
        foreach (var column in _columns)
        {
            if (column.Role != role)
                continue;
            if (found is not null)
                throw new SchemaMismatchException($"Columns '{found.Name}' and '{column.Name}' both have role {role}; at most one may.");
            found = column;
        }
        return found;
    }

    /// <summary>A copy with column <paramref name="name"/> given <paramref name="role"/>.</summary>
    public Schema WithRole(string name, ColumnRole role)
    {
        var columns = (ColumnInfo[])_columns.Clone();
        var index = IndexOf(name);
        columns[index] = columns[index] with { Role = role };
        return new Schema(columns);
    }

    /// <inheritdoc/>
    public IEnumerator<ColumnInfo> GetEnumerator() => ((IEnumerable<ColumnInfo>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(Schema? other) => other is not null && _columns.AsSpan().SequenceEqual(other._columns);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Schema);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var column in _columns)
            hash.Add(column);
        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", _columns.Select(column => $"{column.Name}: {column.Kind}"));

    internal static string Describe(IEnumerable<string> names, int limit = 20)
    {
        var list = names.ToList();
        var shown = string.Join(", ", list.Take(limit).Select(name => $"'{name}'"));
        return list.Count > limit ? $"{shown} and {list.Count - limit} more" : list.Count == 0 ? "(none)" : shown;
    }
}
