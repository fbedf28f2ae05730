using System.Text;
using Kiln.Core.Data;

namespace Kiln.Core.Tests.Data;

public sealed class CsvTableWriteTests
{
    [Fact]
    public void Write_MixedTable_WritesInvariantRoundTripTextWithQuoting()
    {
        var table = new Table([
            new NumericColumn("x", [0.1, double.NaN, -1e-300, double.PositiveInfinity]),
            CategoricalColumn.FromValues("s", ["a,b", "say \"hi\"", null, "two\nlines"]),
            new BooleanColumn("b", [true, null, false, true]),
            new DateTimeColumn("t", [new DateTime(2024, 1, 31, 8, 0, 0, DateTimeKind.Utc), null, new DateTime(2024, 1, 31, 8, 0, 0, 500, DateTimeKind.Utc), null]),
        ]);
        var stream = new MemoryStream();

        CsvTable.Write(table, stream);

        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Equal(
            "x,s,b,t\n" +
            "0.1,\"a,b\",true,2024-01-31T08:00:00Z\n" +
            ",\"say \"\"hi\"\"\",,\n" +
            "-1E-300,,false,2024-01-31T08:00:00.5Z\n" +
            "inf,\"two\nlines\",true,\n",
            text);
    }

    [Fact]
    public void Write_SingleColumnWithMissing_WritesQuotedEmptySoRowIsNotBlank()
    {
        var table = new Table([new NumericColumn("x", [1, double.NaN, 3])]);
        var stream = new MemoryStream();

        CsvTable.Write(table, stream);
        stream.Position = 0;
        var back = CsvTable.Read(stream, "single.csv");

        Assert.Equal(3, back.RowCount);
        Assert.True(double.IsNaN(back.Numeric("x")[1]));
    }

    [Fact]
    public void Write_ToPath_ReplacesFileAndLeavesNoPartialFile()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("out.csv");
        File.WriteAllText(path, "old");

        CsvTable.Write(new Table([new NumericColumn("x", [1.5])]), path);

        Assert.Equal("x\n1.5\n", File.ReadAllText(path));
        Assert.Equal("out.csv", Path.GetFileName(Assert.Single(Directory.GetFiles(directory.Path))));
    }

    [Theory]
    [InlineData(11ul)]
    [InlineData(12ul)]
    [InlineData(13ul)]
    [InlineData(14ul)]
    [InlineData(15ul)]
    public void WriteThenRead_RandomTable_GivesEqualTableWithBitExactDoubles(ulong seed)
    {
        var random = new KilnRandom(seed);
        // 150 rows: the 150 distinct notes exceed both CategoricalRule thresholds, so they read back as text.
        var table = RandomTable(random, rows: 150);
        var stream = new MemoryStream();

        CsvTable.Write(table, stream);
        stream.Position = 0;
        var back = CsvTable.Read(stream, "random.csv");

        Assert.Equal(table.Schema, back.Schema);
        Assert.Equal(table.RowCount, back.RowCount);
        for (var index = 0; index < table.ColumnCount; index++)
        {
            var written = table[index];
            var read = back[index];
            for (var row = 0; row < table.RowCount; row++)
            {
                if (written is NumericColumn numeric)
                {
                    var expected = BitConverter.DoubleToInt64Bits(numeric[row]);
                    var actual = BitConverter.DoubleToInt64Bits(((NumericColumn)read)[row]);
                    Assert.True(double.IsNaN(numeric[row]) ? double.IsNaN(((NumericColumn)read)[row]) : expected == actual,
                        $"column {written.Name}, row {row}: wrote {numeric[row]:R}, read {((NumericColumn)read)[row]:R}");
                }
                else
                {
                    Assert.Equal(written.FormatValue(row), read.FormatValue(row));
                }
            }
        }
    }

    private static Table RandomTable(KilnRandom random, int rows)
    {
        var anyBits = new double[rows];
        var scaled = new double[rows];
        var integers = new double[rows];
        var labels = new string?[rows];
        var notes = new string?[rows];
        var flags = new bool?[rows];
        var instants = new DateTime?[rows];
        string[] pool = ["alpha", "beta, gamma", "say \"x\"", "multi\nline", " padded ", "delta"];
        for (var row = 0; row < rows; row++)
        {
            var isMissing = random.NextInt32(8) == 0;
            double bits;
            do
            {
                bits = BitConverter.Int64BitsToDouble((long)random.NextUInt64());
            }
            while (double.IsNaN(bits));
            anyBits[row] = isMissing ? double.NaN : bits;
            scaled[row] = random.NextGaussian() * Math.Pow(10, random.NextInt32(-12, 13));
            integers[row] = random.NextInt32(-1000, 1000);
            labels[row] = random.NextInt32(10) == 0 ? null : pool[random.NextInt32(pool.Length)];
            notes[row] = $"note {row}: {random.NextUInt64()}";
            flags[row] = random.NextInt32(6) == 0 ? null : random.NextInt32(2) == 1;
            instants[row] = random.NextInt32(7) == 0
                ? null
                : new DateTime(random.NextInt32(1, 9999), 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks((long)(random.NextDouble() * TimeSpan.TicksPerDay * 364));
        }
        scaled[0] = -0.0;
        return new Table([
            new NumericColumn("any_bits", anyBits),
            new NumericColumn("scaled", scaled),
            new NumericColumn("integers", integers),
            CategoricalColumn.FromValues("label", labels),
            TextColumn.FromOwned("note", notes),
            new BooleanColumn("flag", flags),
            new DateTimeColumn("when", instants),
        ]);
    }
}
