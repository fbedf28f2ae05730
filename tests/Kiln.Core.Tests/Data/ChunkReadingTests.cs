using Kiln.Core.Data;

namespace Kiln.Core.Tests.Data;

/// <summary>
/// <see cref="CsvChunkReader"/>, <see cref="ParquetChunkReader"/> and <see cref="ParquetChunkWriter"/>: chunks that put
/// together are the table <see cref="CsvTable"/> / <see cref="ParquetTable"/> read whole, kinds fixed across chunks,
/// skipping without parsing, and errors that name the line, row, column and value.
/// </summary>
public sealed class ChunkReadingTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(1_000)]
    public void ReadChunk_Penguins_ChunksHoldTheRowsOfTheWholeTableInOrder(int chunkRows)
    {
        var path = CsvTestFiles.DataPath("penguins.csv");
        var whole = CsvTable.Read(path);
        var kinds = whole.Schema.ToDictionary(column => column.Name, column => column.Kind);
        using var reader = CsvChunkReader.Open(path, new CsvReadOptions { ColumnKinds = kinds }, ["bill_length_mm", "island", "sex"]);

        var rows = 0;
        while (reader.ReadChunk(chunkRows) is { } chunk)
        {
            Assert.Equal(["island", "bill_length_mm", "sex"], chunk.Schema.Names);
            Assert.True(chunk.RowCount == chunkRows || rows + chunk.RowCount == whole.RowCount);
            foreach (var name in chunk.Schema.Names)
            {
                Assert.Equal(whole[name].Kind, chunk[name].Kind);
                for (var row = 0; row < chunk.RowCount; row++)
                    Assert.Equal(whole[name].FormatValue(rows + row), chunk[name].FormatValue(row));
            }
            rows += chunk.RowCount;
        }

        Assert.Equal(whole.RowCount, rows);
        Assert.Equal(whole.RowCount, reader.RowsRead);
        Assert.Null(reader.ReadChunk(chunkRows));
    }

    [Fact]
    public void Skip_ThenReadChunk_StartsAtTheRowAfterTheSkippedOnes()
    {
        var path = CsvTestFiles.DataPath("iris.csv");
        var whole = CsvTable.Read(path);
        using var reader = CsvChunkReader.Open(path);

        Assert.Equal(100, reader.Skip(100));
        var chunk = reader.ReadChunk(1_000)!;

        Assert.Equal(whole.RowCount - 100, chunk.RowCount);
        Assert.Equal(whole[0].FormatValue(100), chunk[0].FormatValue(0));
        Assert.Equal(0, reader.Skip(10));
    }

    [Fact]
    public void ReadChunk_LaterCellBreaksAKindGuessedFromTheLeadingRows_NamesLineRowColumnAndValue()
    {
        var path = _folder.File("codes.csv");
        File.WriteAllText(path, "code,value\n" + string.Concat(Enumerable.Range(0, 20).Select(row => $"{row},{row * 2}\n")) + "x7,40\n");
        using var reader = CsvChunkReader.Open(path, new CsvReadOptions { InferenceSampleRows = 10 });

        var error = Assert.Throws<DataFormatException>(() => reader.ReadChunk(100));

        Assert.StartsWith($"{path}, line 22 (row 20), column 'code': 'x7' is not a number, though every value of the column in the first 10 rows was", error.Message, StringComparison.Ordinal);
        Assert.Equal(22, error.Line);
        Assert.Equal("x7", error.Value);
    }

    [Fact]
    public void ReadChunk_StringColumnNotDeclared_IsTextInEveryChunk()
    {
        var path = _folder.File("names.csv");
        File.WriteAllText(path, "name,size\n" + string.Concat(Enumerable.Range(0, 30).Select(row => $"n{row % 3},{row}\n")));
        using var reader = CsvChunkReader.Open(path);

        Assert.Equal(ColumnKind.Text, reader.ReadChunk(10)!["name"].Kind);
        Assert.Equal(ColumnKind.Numeric, reader.ReadChunk(10)!["size"].Kind);
    }

    [Fact]
    public void ReadChunk_ParquetInRowGroups_ChunksEndAtRowGroupEndsAndHoldTheWholeTable()
    {
        var whole = CsvTable.Read(CsvTestFiles.DataPath("penguins.csv"));
        var path = _folder.File("penguins.parquet");
        using (var stream = File.Create(path))
        using (var writer = ParquetChunkWriter.Create(stream, whole.Schema))
        {
            for (var start = 0; start < whole.RowCount; start += 100)
                writer.Append(whole.Take([.. Enumerable.Range(start, Math.Min(100, whole.RowCount - start))]));
        }
        using var reader = ParquetChunkReader.Open(path, ["species", "body_mass_g"]);

        var sizes = new List<int>();
        var groups = new List<int>();
        var rows = 0;
        while (reader.ReadChunk(64) is { } chunk)
        {
            sizes.Add(chunk.RowCount);
            groups.Add(reader.LastRowGroup);
            for (var row = 0; row < chunk.RowCount; row++)
                Assert.Equal(whole["body_mass_g"].FormatValue(rows + row), chunk["body_mass_g"].FormatValue(row));
            rows += chunk.RowCount;
        }

        Assert.Equal(344, reader.TotalRows);
        Assert.Equal([64, 36, 64, 36, 64, 36, 44], sizes);
        Assert.Equal([0, 0, 1, 1, 2, 2, 3], groups);
        Assert.Equal(ParquetTable.Read(path)["species"].Kind, whole["species"].Kind);
    }

    [Fact]
    public void Append_ChunkOfOtherColumns_IsRefused()
    {
        using var stream = new MemoryStream();
        using var writer = ParquetChunkWriter.Create(stream, new Schema([new ColumnInfo("a", ColumnKind.Numeric)]));

        Assert.Throws<SchemaMismatchException>(() => writer.Append(new Table([NumericColumn.FromOwned("b", [1.0])])));
    }
}
