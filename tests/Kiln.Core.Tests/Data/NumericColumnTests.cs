using Kiln.Core.Data;

namespace Kiln.Core.Tests.Data;

public sealed class NumericColumnTests
{
    [Fact]
    public void Constructor_CopiesValues()
    {
        double[] values = [1, 2];

        var column = new NumericColumn("x", values);
        values[0] = 99;

        Assert.Equal(1.0, column[0]);
    }

    [Fact]
    public void FromOwned_SharesArray()
    {
        double[] values = [1, 2];

        var column = NumericColumn.FromOwned("x", values);

        Assert.True(column.Memory.Span.Overlaps(values));
    }

    [Fact]
    public void MissingCount_CountsNaN()
    {
        var column = new NumericColumn("x", [1, double.NaN, 3, double.NaN, double.PositiveInfinity]);

        Assert.Equal(2, column.MissingCount);
        Assert.True(column.IsMissing(1));
        Assert.False(column.IsMissing(4));
    }

    [Fact]
    public void FormatValue_UsesRoundTripInvariantText()
    {
        var column = new NumericColumn("x", [0.1, -2.5e-10, double.NaN, 3]);

        Assert.Equal("0.1", column.FormatValue(0));
        Assert.Equal("-2.5E-10", column.FormatValue(1));
        Assert.Null(column.FormatValue(2));
        Assert.Equal("3", column.FormatValue(3));
    }

    [Fact]
    public void Take_RepeatsRows()
    {
        var column = (NumericColumn)new NumericColumn("x", [1, 2, 3]).Take([2, 2, 0]);

        Assert.Equal([3.0, 3.0, 1.0], column.Values.ToArray());
        Assert.Equal("x", column.Name);
    }

    [Fact]
    public void Take_NegativeRow_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NumericColumn("x", [1, 2]).Take([-1]));
    }

    [Fact]
    public void Rename_KeepsValues()
    {
        var renamed = new NumericColumn("x", [1, 2]).Rename("y");

        Assert.Equal("y", renamed.Name);
        Assert.Equal([1.0, 2.0], ((NumericColumn)renamed).Values.ToArray());
    }

    [Fact]
    public void Gather_ShortDestination_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new NumericColumn("x", [1, 2, 3]).Gather([0, 1], new double[1]));

        Assert.Contains("holds 1 values but 2 rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_NamesKindAndLength()
    {
        Assert.Equal("x (Numeric, 3 rows)", new NumericColumn("x", [1, 2, 3]).ToString());
    }
}
