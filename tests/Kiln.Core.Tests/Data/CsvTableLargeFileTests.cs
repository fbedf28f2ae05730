using System.Globalization;
using System.Text;
using Kiln.Core.Data;

namespace Kiln.Core.Tests.Data;

/// <summary>Files of a few MiB, large enough that the reader splits them in two parts read on two threads.</summary>
public sealed class CsvTableLargeFileTests
{
    private const int Rows = 100_000;
    private const long SplitThreshold = 4 << 20;

    [Fact]
    public void Read_LargeFile_MatchesValuesWrittenIncludingLabelsSeenOnlyInSecondHalf()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("large.csv");
        var random = new KilnRandom(5);
        var numbers = new double[Rows];
        var labels = new string?[Rows];
        var text = new StringBuilder("x,label,note\n");
        for (var row = 0; row < Rows; row++)
        {
            numbers[row] = row % 97 == 0 ? double.NaN : random.NextGaussian() * 1000;
            // Labels "late-*" first appear in the second half, so the two parts' dictionaries differ.
            labels[row] = row % 50 == 0 ? null : row < Rows / 2 ? $"early-{row % 7}" : $"late-{row % 5}";
            var note = row == 10 ? "\"quoted, with\nnewline\"" : $"note {row % 3} padding the row";
            text.Append(double.IsNaN(numbers[row]) ? "" : numbers[row].ToString("R", CultureInfo.InvariantCulture))
                .Append(',').Append(labels[row]).Append(',').Append(note).Append('\n');
        }
        File.WriteAllText(path, text.ToString());
        AssertLargeEnough(path);

        var table = CsvTable.Read(path);

        Assert.Equal(Rows, table.RowCount);
        var x = table.Numeric("x");
        for (var row = 0; row < Rows; row++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(numbers[row]), BitConverter.DoubleToInt64Bits(x[row]));
        var label = Assert.IsType<CategoricalColumn>(table["label"]);
        for (var row = 0; row < Rows; row++)
            Assert.Equal(labels[row], label[row]);
        Assert.Equal(12, label.Categories.Count);
        Assert.Equal("quoted, with\nnewline", ((CategoricalColumn)table["note"])[10]);
    }

    [Fact]
    public void Read_LargeFileWithQuotedFieldAcrossMiddle_ReadsItWhole()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("straddle.csv");
        var half = Rows / 2;
        var longValue = string.Concat(Enumerable.Range(0, 300_000).Select(i => $"line {i}\n"));
        var text = new StringBuilder("id,body\n");
        for (var row = 0; row < half; row++)
            text.Append(row).Append(",short\n");
        text.Append(half).Append(",\"").Append(longValue).Append("\"\n");
        for (var row = half + 1; row < Rows; row++)
            text.Append(row).Append(",short\n");
        File.WriteAllText(path, text.ToString());
        var length = new FileInfo(path).Length;
        var quoteStart = Encoding.UTF8.GetByteCount(text.ToString()[..text.ToString().IndexOf('"', StringComparison.Ordinal)]);
        Assert.True(length > SplitThreshold && quoteStart < length / 2 && quoteStart + longValue.Length > length / 2,
            "the quoted field must span the middle of the file");

        var table = CsvTable.Read(path);

        Assert.Equal(Rows, table.RowCount);
        Assert.Equal(longValue, table["body"].FormatValue(half));
        Assert.Equal(Rows - 1.0, table.Numeric("id")[Rows - 1]);
    }

    [Fact]
    public void Read_LargeFileBadCellInSecondHalf_NamesLineOfWholeFile()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("bad.csv");
        var text = new StringBuilder("a,b,c\n");
        for (var row = 0; row < Rows; row++)
        {
            var b = row == 5 ? "\"two\nlines\"" : "text";
            var c = row == Rows - 10 ? "oops" : (row * 0.5).ToString(CultureInfo.InvariantCulture);
            text.Append(row * 1.25).Append(',').Append(b).Append(',').Append(c).Append(',').Append(new string('z', 40)).Append('\n');
        }
        var withExtraColumn = text.ToString().Replace("a,b,c\n", "a,b,c,d\n", StringComparison.Ordinal);
        File.WriteAllText(path, withExtraColumn);
        AssertLargeEnough(path);
        var options = new CsvReadOptions { ColumnKinds = new Dictionary<string, ColumnKind> { ["c"] = ColumnKind.Numeric } };

        var error = Assert.Throws<DataFormatException>(() => CsvTable.Read(path, options));

        // Header is line 1, row r starts on line r + 2, and row 5 spans two lines: row Rows - 10 is on line Rows - 10 + 3.
        Assert.Equal(Rows - 10 + 3, error.Line);
        Assert.Equal("c", error.Column);
        Assert.Equal("oops", error.Value);
    }

    [Fact]
    public void Read_LargeFileGuessBrokenInSecondHalf_ColumnBecomesCategorical()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("demote.csv");
        var text = new StringBuilder("code,value\n");
        for (var row = 0; row < Rows; row++)
            text.Append(row == Rows - 1 ? "X1" : (row % 40).ToString(CultureInfo.InvariantCulture)).Append(',').Append(row).Append(',').Append(new string('y', 50)).Append('\n');
        File.WriteAllText(path, text.ToString().Replace("code,value\n", "code,value,pad\n", StringComparison.Ordinal));
        AssertLargeEnough(path);

        var table = CsvTable.Read(path);

        var code = Assert.IsType<CategoricalColumn>(table["code"]);
        Assert.Equal("X1", code[Rows - 1]);
        Assert.Equal("39", code[39]);
        Assert.Equal(41, code.Categories.Count);
        Assert.Equal(ColumnKind.Numeric, table["value"].Kind);
    }

    private static void AssertLargeEnough(string path) =>
        Assert.True(new FileInfo(path).Length > SplitThreshold, "the file must be large enough to be read in two parts");
}
