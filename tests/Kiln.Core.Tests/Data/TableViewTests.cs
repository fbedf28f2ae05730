using Kiln.Core.Data;

namespace Kiln.Core.Tests.Data;

public sealed class TableViewTests
{
    private static Table Sample() => new(
    [
        new NumericColumn("x", [10, 11, 12, 13, 14, 15]),
        CategoricalColumn.FromValues("c", ["a", "b", "a", "b", "a", "b"]),
    ]);

    [Fact]
    public void Constructor_RowOutsideTable_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TableView(Sample(), new[] { 0, 6 }));

        Assert.Contains("Row 6 is outside the table of 6 rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NegativeRow_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TableView(Sample(), new[] { -1 }));
    }

    [Fact]
    public void Rows_OfAView_MapToSourceRows()
    {
        var view = Sample().Rows(new[] { 5, 3, 1, 0 });

        var inner = view.Rows([2, 0]);

        Assert.Equal([1, 5], inner.RowIndices.ToArray());
        Assert.Same(view.Source, inner.Source);
    }

    [Fact]
    public void Rows_ThreeLevels_Compose()
    {
        var view = Sample().Rows(new[] { 4, 3, 2, 1 }).Rows([3, 2, 1]).Rows([0, 0, 2]);

        Assert.Equal([1, 1, 3], view.RowIndices.ToArray());
    }

    [Fact]
    public void Rows_IndexOutsideView_Throws()
    {
        var view = Sample().Rows(new[] { 0, 1 });

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => view.Rows([2]));

        Assert.Contains("Row 2 is outside the view of 2 rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gather_NumericColumn_CopiesViewedRows()
    {
        var view = Sample().Rows(new[] { 4, 0 });
        var destination = new double[2];

        view.Gather(0, destination);

        Assert.Equal([14.0, 10.0], destination);
    }

    [Fact]
    public void Gather_CategoricalColumn_Throws()
    {
        var error = Assert.Throws<SchemaMismatchException>(() => Sample().Rows(new[] { 0 }).Gather(1, new double[1]));

        Assert.Contains("'c' is Categorical", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Materialize_CopiesRowsInViewOrder()
    {
        var table = Sample().Rows(new[] { 3, 2 }).Materialize();

        Assert.Equal(2, table.RowCount);
        Assert.Equal([13.0, 12.0], table.Numeric("x").Values.ToArray());
        Assert.Equal("b", ((CategoricalColumn)table["c"])[0]);
    }

    [Fact]
    public void Schema_IsSourceSchema()
    {
        var table = Sample();

        Assert.Same(table.Schema, table.Rows(new[] { 1 }).Schema);
        Assert.Equal(1, table.Rows(new[] { 1 }).RowCount);
    }
}
