using Kiln.Core.Data;

namespace Kiln.Core.Tests.Data;

// Table.WithKnownSchema reuses a schema only for columns that are exactly its feature columns; anything else is built as
// new Table(columns) would build it, errors included.
public sealed class TableKnownSchemaTests
{
    private static readonly Schema Known = new([new ColumnInfo("x", ColumnKind.Numeric), new ColumnInfo("colour", ColumnKind.Categorical)]);

    private static Column[] Columns(string firstName = "x", int rows = 2) =>
        [new NumericColumn(firstName, new double[rows]), CategoricalColumn.FromValues("colour", Enumerable.Repeat<string?>("red", rows))];

    [Fact]
    public void WithKnownSchema_MatchingColumns_ReusesTheSchema()
    {
        var table = Table.WithKnownSchema(Columns(), Known);

        Assert.Same(Known, table.Schema);
        Assert.Equal(2, table.RowCount);
        Assert.Equal(1, Known.IndexOf("colour"));
        Assert.Equal(2, ((CategoricalColumn)table["colour"]).Length);
    }

    [Fact]
    public void WithKnownSchema_OtherName_BuildsItsOwnSchema()
    {
        var table = Table.WithKnownSchema(Columns(firstName: "y"), Known);

        Assert.NotSame(Known, table.Schema);
        Assert.Equal(["y", "colour"], table.Schema.Names);
    }

    [Fact]
    public void WithKnownSchema_OtherKindOrRole_BuildsItsOwnSchema()
    {
        var numbers = new Schema([new ColumnInfo("x", ColumnKind.Numeric), new ColumnInfo("colour", ColumnKind.Numeric)]);
        var target = new Schema([new ColumnInfo("x", ColumnKind.Numeric, ColumnRole.Target), new ColumnInfo("colour", ColumnKind.Categorical)]);

        var byKind = Table.WithKnownSchema(Columns(), numbers);
        var byRole = Table.WithKnownSchema(Columns(), target);

        Assert.Equal(ColumnKind.Categorical, byKind.Schema[1].Kind);
        Assert.Equal(ColumnRole.Feature, byRole.Schema[0].Role);
    }

    [Fact]
    public void WithKnownSchema_ColumnsOfDifferentLengths_ThrowsAsTheConstructor()
    {
        Column[] ragged = [new NumericColumn("x", new double[2]), CategoricalColumn.FromValues("colour", ["red"])];

        var exception = Assert.Throws<ArgumentException>(() => Table.WithKnownSchema(ragged, Known));

        Assert.Contains("Column 'colour' has 1 rows but 'x' has 2", exception.Message, StringComparison.Ordinal);
    }
}
