using Kiln.Core.Data;

namespace Kiln.Core.Tests.Data;

public sealed class CategoricalColumnTests
{
    [Fact]
    public void FromValues_NumbersCategoriesByFirstAppearance()
    {
        var column = CategoricalColumn.FromValues("c", ["b", "a", null, "b", "c"]);

        Assert.Equal(["b", "a", "c"], column.Categories);
        Assert.Equal([0, 1, -1, 0, 2], column.Codes.ToArray());
        Assert.Equal(1, column.MissingCount);
        Assert.Null(column[2]);
        Assert.Equal("c", column.FormatValue(4));
    }

    [Fact]
    public void FromValues_IsCaseSensitive()
    {
        var column = CategoricalColumn.FromValues("c", ["a", "A"]);

        Assert.Equal(2, column.Categories.Count);
    }

    [Fact]
    public void FromCodes_CopiesInputs()
    {
        int[] codes = [0, 1];
        string[] categories = ["x", "y"];

        var column = CategoricalColumn.FromCodes("c", codes, categories);
        codes[0] = 1;
        categories[0] = "changed";

        Assert.Equal("x", column[0]);
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(2)]
    public void FromCodes_CodeOutOfRange_ThrowsNamingCode(int code)
    {
        var error = Assert.Throws<ArgumentException>(() => CategoricalColumn.FromCodes("c", [0, code], ["x", "y"]));

        Assert.Contains($"code {code} is outside -1..1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromOwned_DuplicateCategory_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => CategoricalColumn.FromOwned("c", [0], ["x", "x"]));

        Assert.Contains("category 'x' appears twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromOwned_NullCategory_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => CategoricalColumn.FromOwned("c", [0], [null!]));

        Assert.Contains("cannot be null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CodeOf_KnownAndUnknown()
    {
        var column = CategoricalColumn.FromValues("c", ["p", "q"]);

        Assert.Equal(1, column.CodeOf("q"));
        Assert.Equal(-1, column.CodeOf("r"));
    }

    [Fact]
    public void Take_KeepsCategories()
    {
        var column = (CategoricalColumn)CategoricalColumn.FromValues("c", ["p", "q", null]).Take([2, 1]);

        Assert.Equal(["p", "q"], column.Categories);
        Assert.Equal([-1, 1], column.Codes.ToArray());
    }

    [Fact]
    public void Rename_KeepsCodes()
    {
        var renamed = (CategoricalColumn)CategoricalColumn.FromValues("c", ["p", "q"]).Rename("d");

        Assert.Equal("d", renamed.Name);
        Assert.Equal("q", renamed[1]);
    }
}
