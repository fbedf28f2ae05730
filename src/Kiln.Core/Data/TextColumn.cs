namespace Kiln.Core.Data;

/// <summary>A column of free text (not dictionary-encoded); <see langword="null"/> is missing.</summary>
public sealed class TextColumn : Column
{
    private readonly string?[] _values;

    private TextColumn(string name, string?[] values)
        : base(name, values.Length)
    {
        _values = values;
    }

    /// <summary>Creates a column holding a copy of <paramref name="values"/>.</summary>
    public TextColumn(string name, ReadOnlySpan<string?> values)
        : this(name, values.ToArray())
    {
    }

    /// <inheritdoc/>
    public override ColumnKind Kind => ColumnKind.Text;

    /// <summary>The values, <see langword="null"/> where missing.</summary>
    public ReadOnlySpan<string?> Values => _values;

    /// <summary>The value at <paramref name="row"/>, or <see langword="null"/> when missing.</summary>
    public string? this[int row] => _values[row];

    /// <summary>Wraps <paramref name="values"/> without copying; the caller must not change the array afterwards.</summary>
    public static TextColumn FromOwned(string name, string?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new TextColumn(name, values);
    }

    /// <inheritdoc/>
    public override bool IsMissing(int row) => _values[row] is null;

    /// <inheritdoc/>
    public override string? FormatValue(int row) => _values[row];

    /// <inheritdoc/>
    public override Column Take(ReadOnlySpan<int> rows) => new TextColumn(Name, Gather(_values, rows));

    /// <inheritdoc/>
    public override Column Rename(string name) => new TextColumn(name, _values);
}
