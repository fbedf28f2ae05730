namespace Kiln.Core.Data;

/// <summary>A column of true / false values, any of which may be missing.</summary>
public sealed class BooleanColumn : Column
{
    private const byte False = 0;
    private const byte True = 1;
    private const byte Missing = 2;

    private readonly byte[] _values;

    private BooleanColumn(string name, byte[] values)
        : base(name, values.Length)
    {
        _values = values;
    }

    /// <summary>Creates a column from <paramref name="values"/>; <see langword="null"/> is missing.</summary>
    public BooleanColumn(string name, ReadOnlySpan<bool?> values)
        : this(name, Encode(values))
    {
    }

    /// <inheritdoc/>
    public override ColumnKind Kind => ColumnKind.Boolean;

    /// <summary>The value at <paramref name="row"/>, or <see langword="null"/> when missing.</summary>
    public bool? this[int row] => _values[row] switch
    {
        True => true,
        False => false,
        _ => null,
    };

    /// <inheritdoc/>
    public override bool IsMissing(int row) => _values[row] == Missing;

    /// <inheritdoc/>
    public override string? FormatValue(int row) => this[row] switch
    {
        true => "true",
        false => "false",
        null => null,
    };

    /// <inheritdoc/>
    public override Column Take(ReadOnlySpan<int> rows) => new BooleanColumn(Name, Gather(_values, rows));

    /// <inheritdoc/>
    public override Column Rename(string name) => new BooleanColumn(name, _values);

    private static byte[] Encode(ReadOnlySpan<bool?> values)
    {
        var encoded = new byte[values.Length];
        for (var i = 0; i < values.Length; i++)
            encoded[i] = values[i] switch { true => True, false => False, null => Missing };
        return encoded;
    }
}
