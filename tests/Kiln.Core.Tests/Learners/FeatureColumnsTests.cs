using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.Core.Tests.Learners;

public sealed class FeatureColumnsTests
{
    private static readonly Schema Input = new(
    [
        new ColumnInfo("a", ColumnKind.Numeric),
        new ColumnInfo("b", ColumnKind.Numeric),
        new ColumnInfo("c", ColumnKind.Numeric),
    ]);

    [Fact]
    public void Resolve_AnyOrderWithExtras_ReturnsSchemaOrder()
    {
        var table = new Table(
        [
            new NumericColumn("extra", [9]),
            new NumericColumn("c", [3]),
            new NumericColumn("a", [1]),
            new NumericColumn("b", [2]),
        ]);

        var columns = FeatureColumns.Resolve(Input, table);

        Assert.Equal(["a", "b", "c"], columns.Select(column => column.Name));
        Assert.Same(table["a"], columns[0]);
    }

    [Fact]
    public void Resolve_MissingColumns_ListsThemAll()
    {
        var table = new Table([new NumericColumn("b", [2])]);

        var error = Assert.Throws<SchemaMismatchException>(() => FeatureColumns.Resolve(Input, table));

        Assert.Contains("missing: 'a', 'c'", error.Message, StringComparison.Ordinal);
        Assert.Contains("fitted on 3 numeric columns", error.Message, StringComparison.Ordinal);
        Assert.Contains("order does not matter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_WrongKind_NamesColumnAndKind()
    {
        var table = new Table([new NumericColumn("a", [1]), CategoricalColumn.FromValues("b", ["x"]), new NumericColumn("c", [3])]);

        var error = Assert.Throws<SchemaMismatchException>(() => FeatureColumns.Resolve(Input, table));

        Assert.Contains("not numeric: 'b' is Categorical", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_MissingAndWrongKind_ReportsBoth()
    {
        var table = new Table([new TextColumn("a", ["x"])]);

        var error = Assert.Throws<SchemaMismatchException>(() => FeatureColumns.Resolve(Input, table));

        Assert.Contains("missing: 'b', 'c'; not numeric: 'a' is Text", error.Message, StringComparison.Ordinal);
    }
}
