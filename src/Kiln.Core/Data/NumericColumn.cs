namespace Kiln.Core.Data;

/// <summary>A column of 64-bit floating-point values; NaN marks a missing value.</summary>
public sealed class NumericColumn : Column
{
    private readonly double[] _values;

    /// <summary>Creates a column holding a copy of <paramref name="values"/>.</summary>
    public NumericColumn(string name, ReadOnlySpan<double> values)
        : this(name, values.ToArray())
    {
    }

    private NumericColumn(string name, double[] values)
        : base(name, values.Length)
    {
        _values = values;
    }

    /// <inheritdoc/>
    public override ColumnKind Kind => ColumnKind.Numeric;

    /// <summary>The values, NaN where missing.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>The values as read-only memory, for APIs that keep a reference.</summary>
    public ReadOnlyMemory<double> Memory => _values;

    /// <summary>The value at <paramref name="row"/> (NaN when missing).</summary>
    public double this[int row] => _values[row];

    /// <summary>Wraps <paramref name="values"/> without copying; the caller gives up the array and must not change it afterwards.</summary>
    /// <remarks>For readers and transformers that build a fresh array per column; everyone else uses the copying constructor.</remarks>
    public static NumericColumn FromOwned(string name, double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new NumericColumn(name, values);
    }

    /// <inheritdoc/>
    public override bool IsMissing(int row) => double.IsNaN(_values[row]);

    /// <inheritdoc/>
    public override string? FormatValue(int row)
    {
        var value = _values[row];
        return double.IsNaN(value) ? null : value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public override Column Take(ReadOnlySpan<int> rows) => new NumericColumn(Name, Gather(_values, rows));

    /// <inheritdoc/>
    public override Column Rename(string name) => new NumericColumn(name, _values);

    /// <summary>Copies the values at <paramref name="rows"/> into <paramref name="destination"/>.</summary>
    public void Gather(ReadOnlySpan<int> rows, Span<double> destination)
    {
        if (destination.Length < rows.Length)
            throw new ArgumentException($"The destination holds {destination.Length} values but {rows.Length} rows were asked for.", nameof(destination));
        var values = _values;
        for (var i = 0; i < rows.Length; i++)
            destination[i] = values[rows[i]];
    }
}
