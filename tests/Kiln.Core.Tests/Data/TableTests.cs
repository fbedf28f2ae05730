using Kiln.Core.Data;

namespace Kiln.Core.Tests.Data;

public sealed class TableTests
{
    private static Table Sample() => new(
        [
            new NumericColumn("age", [30, 41, double.NaN, 25]),
            CategoricalColumn.FromValues("city", ["Oslo", "Lima", "Oslo", null]),
            new BooleanColumn("churned", [true, false, null, false]),
        ],
        new Dictionary<string, ColumnRole> { ["churned"] = ColumnRole.Target });

    [Fact]
    public void Constructor_Columns_SetsCountsAndRoles()
    {
        var table = Sample();

        Assert.Equal(4, table.RowCount);
        Assert.Equal(3, table.ColumnCount);
        Assert.Equal(ColumnRole.Feature, table.Schema["age"].Role);
        Assert.Equal(ColumnRole.Target, table.Schema["churned"].Role);
        Assert.Equal(ColumnKind.Categorical, table.Schema["city"].Kind);
    }

    [Fact]
    public void Constructor_UnequalLengths_ThrowsNamingBothColumns()
    {
        var error = Assert.Throws<ArgumentException>(() => new Table([new NumericColumn("a", [1, 2, 3]), new NumericColumn("b", [1, 2])]));

        Assert.Contains("'b' has 2 rows but 'a' has 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DuplicateNames_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new Table([new NumericColumn("a", [1]), new TextColumn("a", ["x"])]));

        Assert.Contains("'a' appears twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RoleForUnknownColumn_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new Table([new NumericColumn("a", [1])], new Dictionary<string, ColumnRole> { ["y"] = ColumnRole.Target }));

        Assert.Contains("column 'y'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NullColumn_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => new Table([null!]));
    }

    [Fact]
    public void Constructor_NoColumns_HasNoRows()
    {
        var table = new Table([]);

        Assert.Equal(0, table.RowCount);
        Assert.Equal(0, table.ColumnCount);
    }

    [Fact]
    public void Indexer_UnknownName_ThrowsListingColumns()
    {
        var error = Assert.Throws<SchemaMismatchException>(() => Sample()["income"]);

        Assert.Contains("no column 'income'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'age', 'city', 'churned'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Numeric_CategoricalColumn_ThrowsNamingKind()
    {
        var error = Assert.Throws<SchemaMismatchException>(() => Sample().Numeric("city"));

        Assert.Contains("'city' is Categorical, not Numeric", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Column_ByIndex_ReturnsNumericValues()
    {
        var table = Sample();

        Assert.Equal(41.0, table.Column(0)[1]);
        Assert.Throws<SchemaMismatchException>(() => table.Column(1).Length);
    }

    [Fact]
    public void TryGetColumn_KnownAndUnknown()
    {
        var table = Sample();

        Assert.True(table.TryGetColumn("city", out var city));
        Assert.Equal("city", city!.Name);
        Assert.False(table.TryGetColumn("nope", out var missing));
        Assert.Null(missing);
    }

    [Fact]
    public void Select_Names_KeepsGivenOrderRolesAndSharesColumns()
    {
        var table = Sample();

        var selected = table.Select(["churned", "age"]);

        Assert.Equal(["churned", "age"], selected.Schema.Names);
        Assert.Equal(ColumnRole.Target, selected.Schema["churned"].Role);
        Assert.Same(table["age"], selected["age"]);
        Assert.Equal(4, selected.RowCount);
    }

    [Fact]
    public void Select_UnknownName_Throws()
    {
        Assert.Throws<SchemaMismatchException>(() => Sample().Select(["age", "nope"]));
    }

    [Fact]
    public void Drop_Names_RemovesThem()
    {
        var dropped = Sample().Drop(["city"]);

        Assert.Equal(["age", "churned"], dropped.Schema.Names);
    }

    [Fact]
    public void Drop_UnknownName_Throws()
    {
        var error = Assert.Throws<SchemaMismatchException>(() => Sample().Drop(["nope"]));

        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_NewColumn_AppendsAsFeature()
    {
        var table = Sample().With(new NumericColumn("income", [1, 2, 3, 4]));

        Assert.Equal(4, table.ColumnCount);
        Assert.Equal("income", table[3].Name);
        Assert.Equal(ColumnRole.Feature, table.Schema["income"].Role);
    }

    [Fact]
    public void With_SameName_ReplacesKeepingRoleAndTakingNewKind()
    {
        var table = Sample().With(new NumericColumn("churned", [1, 0, 0, 0]));

        Assert.Equal(3, table.ColumnCount);
        Assert.Equal(2, table.Schema.IndexOf("churned"));
        Assert.Equal(ColumnRole.Target, table.Schema["churned"].Role);
        Assert.Equal(ColumnKind.Numeric, table.Schema["churned"].Kind);
    }

    [Fact]
    public void With_WrongLength_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Sample().With(new NumericColumn("x", [1])));

        Assert.Contains("'x' has 1 rows; the table has 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_OnEmptyTable_TakesColumnLength()
    {
        var table = new Table([]).With(new NumericColumn("x", [1, 2]));

        Assert.Equal(2, table.RowCount);
    }

    [Fact]
    public void WithRole_ChangesOnlyThatColumnAndLeavesOriginal()
    {
        var original = Sample();

        var changed = original.WithRole("city", ColumnRole.Group);

        Assert.Equal(ColumnRole.Group, changed.Schema["city"].Role);
        Assert.Equal(ColumnRole.Feature, original.Schema["city"].Role);
        Assert.Same(original["city"], changed["city"]);
    }

    [Fact]
    public void WithRole_UnknownColumn_Throws()
    {
        Assert.Throws<SchemaMismatchException>(() => Sample().WithRole("nope", ColumnRole.Id));
    }

    [Fact]
    public void Features_ReturnsOnlyFeatureColumns()
    {
        var features = Sample().Features();

        Assert.Equal(["age", "city"], features.Schema.Names);
    }

    [Fact]
    public void Take_Rows_CopiesInOrderWithRepeats()
    {
        var taken = Sample().Take([3, 0, 0]);

        Assert.Equal(3, taken.RowCount);
        Assert.Equal([25.0, 30.0, 30.0], taken.Numeric("age").Values.ToArray());
        Assert.Null(((CategoricalColumn)taken["city"])[0]);
        Assert.Equal("Oslo", ((CategoricalColumn)taken["city"])[2]);
        Assert.Equal(ColumnRole.Target, taken.Schema["churned"].Role);
    }

    [Fact]
    public void Take_RowOutsideTable_ThrowsArgumentOutOfRange()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Sample().Take([1, 4]));

        Assert.Contains("Row 4 is outside column 'age' of 4 rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_Indices_IsAViewOfTheSource()
    {
        var table = Sample();

        var view = table.Rows(new[] { 2, 1 });

        Assert.Same(table, view.Source);
        Assert.Equal([2, 1], view.RowIndices.ToArray());
    }
}
