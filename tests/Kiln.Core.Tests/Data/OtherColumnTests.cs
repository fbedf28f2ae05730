using Kiln.Core.Data;

namespace Kiln.Core.Tests.Data;

public sealed class OtherColumnTests
{
    [Fact]
    public void Boolean_ValuesMissingAndFormat()
    {
        var column = new BooleanColumn("b", [true, null, false]);

        Assert.Equal(ColumnKind.Boolean, column.Kind);
        Assert.True(column[0]);
        Assert.Null(column[1]);
        Assert.False(column[2]);
        Assert.Equal(1, column.MissingCount);
        Assert.Equal("true", column.FormatValue(0));
        Assert.Null(column.FormatValue(1));
        Assert.Equal("false", column.FormatValue(2));
    }

    [Fact]
    public void Boolean_TakeAndRename()
    {
        var column = (BooleanColumn)new BooleanColumn("b", [true, null, false]).Take([2, 1]).Rename("c");

        Assert.Equal("c", column.Name);
        Assert.False(column[0]);
        Assert.Null(column[1]);
    }

    [Fact]
    public void DateTime_StoresUtcTicksAndFormatsRoundTrip()
    {
        var instant = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);

        var column = new DateTimeColumn("t", [instant, null]);

        Assert.Equal(instant.Ticks, column.Ticks[0]);
        Assert.Equal(DateTimeKind.Utc, column[0]!.Value.Kind);
        Assert.Null(column[1]);
        Assert.Equal(1, column.MissingCount);
        Assert.Equal("2024-05-06T07:08:09.0000000Z", column.FormatValue(0));
    }

    [Fact]
    public void DateTime_FromOwnedTicks_InvalidTicks_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => DateTimeColumn.FromOwnedTicks("t", [-5]));

        Assert.Contains("-5 is not a valid tick count", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DateTime_FromOwnedTicks_MissingMarkerIsAllowed()
    {
        var column = DateTimeColumn.FromOwnedTicks("t", [DateTimeColumn.MissingTicks, 0]);

        Assert.True(column.IsMissing(0));
        Assert.Equal(DateTime.MinValue.Ticks, column[1]!.Value.Ticks);
    }

    [Fact]
    public void DateTime_TakeOutsideColumn_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DateTimeColumn("t", [null]).Take([1]));
    }

    [Fact]
    public void Text_CopiesAndCountsMissing()
    {
        string?[] values = ["a", null, "c"];

        var column = new TextColumn("s", values);
        values[0] = "changed";

        Assert.Equal("a", column[0]);
        Assert.Equal(1, column.MissingCount);
        Assert.Equal(ColumnKind.Text, column.Kind);
        Assert.Equal("c", ((TextColumn)column.Take([2])).FormatValue(0));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\0b")]
    public void Name_Invalid_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => new NumericColumn(name, [1]));
    }

    [Fact]
    public void Name_TooLong_ThrowsWithLength()
    {
        var error = Assert.Throws<ArgumentException>(() => new TextColumn(new string('n', 1025), ["x"]));

        Assert.Contains("1025 characters long; at most 1024", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new BooleanColumn(null!, [true]));
    }
}
