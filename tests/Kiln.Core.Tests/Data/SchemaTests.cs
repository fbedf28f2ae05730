using Kiln.Core.Data;

namespace Kiln.Core.Tests.Data;

public sealed class SchemaTests
{
    private static Schema Sample() => new(
    [
        new ColumnInfo("id", ColumnKind.Text, ColumnRole.Id),
        new ColumnInfo("x", ColumnKind.Numeric),
        new ColumnInfo("y", ColumnKind.Categorical, ColumnRole.Target),
        new ColumnInfo("z", ColumnKind.Numeric),
    ]);

    [Fact]
    public void Constructor_DuplicateName_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new Schema([new ColumnInfo("a", ColumnKind.Numeric), new ColumnInfo("a", ColumnKind.Text)]));

        Assert.Contains("'a' appears twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_EmptyName_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Schema([new ColumnInfo("", ColumnKind.Numeric)]));
    }

    [Fact]
    public void Constructor_NullEntry_ThrowsNamingPosition()
    {
        var error = Assert.Throws<ArgumentException>(() => new Schema([new ColumnInfo("a", ColumnKind.Numeric), null!]));

        Assert.Contains("column 1 is null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_AreNamesCaseSensitive()
    {
        var schema = Sample();

        Assert.True(schema.Contains("x"));
        Assert.False(schema.Contains("X"));
        Assert.Equal(2, schema.IndexOf("y"));
        Assert.Equal(["id", "x", "y", "z"], schema.Names);
    }

    [Fact]
    public void IndexOf_Unknown_ThrowsListingColumns()
    {
        var error = Assert.Throws<SchemaMismatchException>(() => Sample().IndexOf("w"));

        Assert.Contains("'id', 'x', 'y', 'z'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Features_AreOnlyFeatureRole()
    {
        Assert.Equal(["x", "z"], Sample().Features.Select(column => column.Name));
    }

    [Fact]
    public void FindByRole_OneNoneOrTwo()
    {
        var schema = Sample();

        Assert.Equal("y", schema.FindByRole(ColumnRole.Target)!.Name);
        Assert.Null(schema.FindByRole(ColumnRole.Weight));
        var twoTargets = schema.WithRole("x", ColumnRole.Target);
        var error = Assert.Throws<SchemaMismatchException>(() => twoTargets.FindByRole(ColumnRole.Target));
        Assert.Contains("'x' and 'y' both have role Target", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithRole_ReturnsChangedCopy()
    {
        var schema = Sample();

        var changed = schema.WithRole("z", ColumnRole.Weight);

        Assert.Equal(ColumnRole.Weight, changed["z"].Role);
        Assert.Equal(ColumnRole.Feature, schema["z"].Role);
    }

    [Fact]
    public void Equals_SameColumnsInSameOrder()
    {
        Assert.Equal(Sample(), Sample());
        Assert.Equal(Sample().GetHashCode(), Sample().GetHashCode());
        Assert.NotEqual(Sample(), Sample().WithRole("x", ColumnRole.Ignored));
        Assert.NotEqual(Sample(), new Schema(Sample().Reverse()));
    }

    [Fact]
    public void Describe_ManyNames_ShortensList()
    {
        var names = Enumerable.Range(0, 25).Select(i => $"c{i}");

        var described = Schema.Describe(names);

        Assert.EndsWith("'c19' and 5 more", described, StringComparison.Ordinal);
        Assert.Equal("(none)", Schema.Describe([]));
    }

    [Fact]
    public void Empty_HasNoColumns()
    {
        Assert.Empty(Schema.Empty);
    }
}
