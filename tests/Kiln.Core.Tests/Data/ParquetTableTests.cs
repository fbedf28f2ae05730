using Kiln.Core.Data;
using Parquet;
using Parquet.Schema;

namespace Kiln.Core.Tests.Data;

public sealed class ParquetTableTests
{
    [Fact]
    public void WriteThenRead_MixedTable_RoundTripsKindsAndValues()
    {
        var manyDistinct = Enumerable.Range(0, 150).Select(i => (string?)$"id-{i}").ToArray();
        manyDistinct[3] = null;
        var table = new Table(
            [
                new NumericColumn("x", Enumerable.Range(0, 150).Select(i => i % 7 == 0 ? double.NaN : (i * 0.1) - 3).ToArray()),
                CategoricalColumn.FromValues("color", Enumerable.Range(0, 150).Select(i => i % 5 == 0 ? null : $"c{i % 3}")),
                TextColumn.FromOwned("id", manyDistinct),
                new BooleanColumn("flag", Enumerable.Range(0, 150).Select(i => i % 4 == 0 ? (bool?)null : i % 2 == 1).ToArray()),
                new DateTimeColumn("when", Enumerable.Range(0, 150).Select(i => i % 6 == 0 ? (DateTime?)null : new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(i * 123_456_789L)).ToArray()),
            ]);
        var stream = new MemoryStream();

        ParquetTable.Write(table, stream);
        stream.Position = 0;
        var back = ParquetTable.Read(stream, "mixed.parquet");

        Assert.Equal(table.Schema, back.Schema);
        for (var index = 0; index < table.ColumnCount; index++)
        {
            for (var row = 0; row < table.RowCount; row++)
                Assert.Equal(table[index].FormatValue(row), back[index].FormatValue(row));
        }
    }

    [Fact]
    public void WriteThenRead_FewDistinctStringsWrittenAsText_StaysText()
    {
        var table = new Table([TextColumn.FromOwned("note", ["a", "b", "a"])]);
        var stream = new MemoryStream();

        ParquetTable.Write(table, stream);
        stream.Position = 0;

        Assert.Equal(ColumnKind.Text, ParquetTable.Read(stream, "notes.parquet")["note"].Kind);
    }

    [Fact]
    public async Task Read_IntegerFloatDecimalAndNullableColumns_BecomeDoublesWithNaN()
    {
        var stream = new MemoryStream();
        var ints = new DataField<int>("ints");
        var longs = new DataField<long?>("longs");
        var floats = new DataField<float>("floats");
        var decimals = new DecimalDataField("decimals", precision: 10, scale: 2);
        var labels = new DataField<string>("labels");
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(ints, longs, floats, decimals, labels), stream))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<int>(ints, new[] { 1, -2, 3 });
            await group.WriteAsync<long>(longs, new long?[] { 10_000_000_000L, null, 7 });
            await group.WriteAsync<float>(floats, new[] { 0.5f, 1.25f, -2f });
            await group.WriteAsync<decimal>(decimals, new[] { 1.25m, -3.50m, 0m });
            await group.WriteAsync(labels, ["a", "b", "a"]);
        }
        stream.Position = 0;

        var table = ParquetTable.Read(stream, "typed.parquet");

        Assert.Equal([1.0, -2.0, 3.0], table.Numeric("ints").Values.ToArray());
        Assert.Equal(10_000_000_000.0, table.Numeric("longs")[0]);
        Assert.True(double.IsNaN(table.Numeric("longs")[1]));
        Assert.Equal([0.5, 1.25, -2.0], table.Numeric("floats").Values.ToArray());
        Assert.Equal([1.25, -3.5, 0.0], table.Numeric("decimals").Values.ToArray());
        var labelsColumn = Assert.IsType<CategoricalColumn>(table["labels"]);
        Assert.Equal(["a", "b"], labelsColumn.Categories);
    }

    [Fact]
    public void Read_TruncatedFile_ThrowsDataFormatExceptionNamingFile()
    {
        var stream = new MemoryStream();
        ParquetTable.Write(new Table([new NumericColumn("x", Enumerable.Range(0, 1000).Select(i => (double)i).ToArray())]), stream);
        var truncated = stream.ToArray()[..(int)(stream.Length * 2 / 3)];

        var error = Assert.Throws<DataFormatException>(() => ParquetTable.Read(new MemoryStream(truncated), "cut.parquet"));

        Assert.StartsWith("cut.parquet is not a readable Parquet file", error.Message, StringComparison.Ordinal);
        Assert.Equal("cut.parquet", error.File);
    }

    [Fact]
    public void Read_CsvBytes_ThrowsDataFormatException()
    {
        var bytes = "a,b\n1,2\n"u8.ToArray();

        var error = Assert.Throws<DataFormatException>(() => ParquetTable.Read(new MemoryStream(bytes), "data.csv"));

        Assert.Contains("data.csv is not a readable Parquet file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteThenRead_Path_RoundTrips()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("t.parquet");

        ParquetTable.Write(new Table([new NumericColumn("x", [1.5, double.NaN])]), path);
        var back = ParquetTable.Read(path);

        Assert.Equal(1.5, back.Numeric("x")[0]);
        Assert.True(double.IsNaN(back.Numeric("x")[1]));
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => ParquetTable.Read("missing.parquet"));
    }

    [Fact]
    public void CsvRead_ParquetFile_SaysUseParquetTable()
    {
        var stream = new MemoryStream();
        ParquetTable.Write(new Table([new NumericColumn("x", [1.0])]), stream);
        stream.Position = 0;

        var error = Assert.Throws<DataFormatException>(() => CsvTable.Read(stream, "t.parquet"));

        Assert.Contains("is a Parquet file", error.Message, StringComparison.Ordinal);
    }
}
