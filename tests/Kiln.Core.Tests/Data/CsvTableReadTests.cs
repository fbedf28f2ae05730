using System.IO.Compression;
using System.Text;
using Kiln.Core.Data;
using static Kiln.Core.Tests.Data.CsvTestFiles;

namespace Kiln.Core.Tests.Data;

public sealed class CsvTableReadTests
{
    [Fact]
    public void Read_QuotedFieldWithDelimiterQuoteAndNewline_KeepsValueWhole()
    {
        var table = ReadText("id,note\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n");

        var note = Assert.IsType<CategoricalColumn>(table["note"]);
        Assert.Equal(3, table.RowCount);
        Assert.Equal("a, b", note[0]);
        Assert.Equal("say \"hi\"", note[1]);
        Assert.Equal("two\nlines", note[2]);
    }

    [Fact]
    public void Read_CrLfLineEndings_ReadsRowsAndQuotedCrLf()
    {
        var table = ReadText("a,b\r\n1,\"x\r\ny\"\r\n2,z\r\n");

        Assert.Equal(2, table.RowCount);
        Assert.Equal("x\r\ny", ((CategoricalColumn)table["b"])[0]);
        Assert.Equal([1.0, 2.0], table.Numeric("a").Values.ToArray());
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public void Read_GivenDelimiter_SplitsOnIt(char delimiter)
    {
        var table = ReadText($"a{delimiter}b\n1{delimiter}x,y\n", new CsvReadOptions { Delimiter = delimiter });

        Assert.Equal(1.0, table.Numeric("a")[0]);
        Assert.Equal("x,y", ((CategoricalColumn)table["b"])[0]);
    }

    [Theory]
    [InlineData("a;b;c\n1;2,5;3\n", ';')]
    [InlineData("a\tb\n1\t2\n", '\t')]
    [InlineData("a|b\n1|2\n", '|')]
    [InlineData("a,b\n1,2\n", ',')]
    [InlineData("\"x;y\",b\n1,2\n", ',')]
    public void Read_DelimiterNull_DetectsItFromHeader(string text, char expected)
    {
        var table = ReadText(text, new CsvReadOptions { Delimiter = null });

        var expectedColumns = text[..text.IndexOf('\n', StringComparison.Ordinal)].Count(c => c == expected) + 1;
        Assert.Equal(expectedColumns, table.ColumnCount);
    }

    [Fact]
    public void Read_CustomQuote_UnquotesWithIt()
    {
        var table = ReadText("a,b\n'x, y',1\n", new CsvReadOptions { Quote = '\'' });

        Assert.Equal("x, y", ((CategoricalColumn)table["a"])[0]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("NA")]
    [InlineData("NaN")]
    [InlineData("null")]
    [InlineData("?")]
    public void Read_DefaultMissingToken_IsMissingInNumericAndCategoricalColumns(string token)
    {
        var table = ReadText($"x,s\n1,a\n{token},{token}\n3,b\n");

        var x = table.Numeric("x");
        var s = Assert.IsType<CategoricalColumn>(table["s"]);
        Assert.True(double.IsNaN(x[1]));
        Assert.Null(s[1]);
        Assert.Equal(1, x.MissingCount);
        Assert.Equal(1, s.MissingCount);
        Assert.Equal(["a", "b"], s.Categories);
    }

    [Fact]
    public void Read_MissingTokenMatch_IsExactAndCaseSensitive()
    {
        var table = ReadText("s\nNA\nna\n NA\nNULL\n");

        var s = (CategoricalColumn)table["s"];
        Assert.Equal([true, false, false, false], Enumerable.Range(0, 4).Select(s.IsMissing).ToArray());
    }

    [Fact]
    public void Read_TrimWhitespace_MatchesTokensAndValuesAfterTrimming()
    {
        var table = ReadText("s,x\n NA ,1\n a,2\na ,3\n", new CsvReadOptions { TrimWhitespace = true });

        var s = (CategoricalColumn)table["s"];
        Assert.Null(s[0]);
        Assert.Equal(["a"], s.Categories);
    }

    [Fact]
    public void Read_CustomNumericMissingToken_IsMissing()
    {
        var table = ReadText("x\n1\n-999\n2\n", new CsvReadOptions { MissingTokens = ["", "-999"] });

        Assert.Equal(ColumnKind.Numeric, table["x"].Kind);
        Assert.True(double.IsNaN(table.Numeric("x")[1]));
    }

    [Fact]
    public void Read_Numbers_ParsesInvariantFormsAndInfinities()
    {
        var table = ReadText("x\n1e-5\n-3\n2.5\n+.5\n1E3\ninf\n-Infinity\n 7 \n-0\n");

        var x = table.Numeric("x").Values.ToArray();
        Assert.Equal([1e-5, -3, 2.5, 0.5, 1000, double.PositiveInfinity, double.NegativeInfinity, 7, 0], x);
        Assert.True(double.IsNegative(x[8]));
    }

    [Fact]
    public void Read_InfersEachKind()
    {
        var table = ReadText(
            "n,b,d,c,z\n" +
            "1,true,2024-01-31,red,\n" +
            "2.5,FALSE,2024-02-01T08:30:00Z,blue,\n" +
            ",True,2024-02-01 09:00:00+01:00,red,\n");

        Assert.Equal(ColumnKind.Numeric, table["n"].Kind);
        Assert.Equal(ColumnKind.Boolean, table["b"].Kind);
        Assert.Equal(ColumnKind.DateTime, table["d"].Kind);
        Assert.Equal(ColumnKind.Categorical, table["c"].Kind);
        Assert.Equal(ColumnKind.Numeric, table["z"].Kind);
        var b = (BooleanColumn)table["b"];
        Assert.Equal([true, false, true], new[] { b[0], b[1], b[2] });
        var d = (DateTimeColumn)table["d"];
        Assert.Equal(new DateTime(2024, 1, 31, 0, 0, 0, DateTimeKind.Utc), d[0]);
        Assert.Equal(new DateTime(2024, 2, 1, 8, 30, 0, DateTimeKind.Utc), d[1]);
        Assert.Equal(new DateTime(2024, 2, 1, 8, 0, 0, DateTimeKind.Utc), d[2]);
        Assert.Equal(3, table["z"].MissingCount);
    }

    [Fact]
    public void Read_ZeroAndOne_AreNumericNotBoolean()
    {
        var table = ReadText("flag\n0\n1\n1\n");

        Assert.Equal(ColumnKind.Numeric, table["flag"].Kind);
    }

    [Fact]
    public void Read_ManyDistinctStrings_IsText()
    {
        // 150 distinct values in 150 rows: more than 100 distinct and more than half the values.
        var text = "id\n" + string.Concat(Enumerable.Range(0, 150).Select(i => $"user{i}\n"));

        var table = ReadText(text);

        var id = Assert.IsType<TextColumn>(table["id"]);
        Assert.Equal("user149", id[149]);
    }

    [Fact]
    public void Read_ManyRowsFewDistinctStrings_IsCategorical()
    {
        // 150 distinct values in 400 rows: at most half the values are distinct.
        var text = "city\n" + string.Concat(Enumerable.Range(0, 400).Select(i => $"c{i % 150}\n"));

        Assert.Equal(ColumnKind.Categorical, ReadText(text)["city"].Kind);
    }

    [Fact]
    public void Read_CategoricalRuleChanged_AppliesIt()
    {
        var options = new CsvReadOptions { CategoricalRule = new CategoricalRule { MaxDistinctCount = 1, MaxDistinctFraction = 0.1 } };

        Assert.Equal(ColumnKind.Text, ReadText("s\na\nb\nc\n", options)["s"].Kind);
    }

    [Fact]
    public void Read_NumberAfterInferenceSample_BreaksGuessAndColumnBecomesCategorical()
    {
        var text = "x,y\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"{i},{i}\n")) + "abc,30\n";

        var table = ReadText(text, new CsvReadOptions { InferenceSampleRows = 10 });

        var x = Assert.IsType<CategoricalColumn>(table["x"]);
        Assert.Equal("abc", x[30]);
        Assert.Equal("0", x[0]);
        Assert.Equal(ColumnKind.Numeric, table["y"].Kind);
    }

    [Fact]
    public void Read_ValuesOnlyAfterInferenceSample_InfersKindFromWholeColumn()
    {
        var text = "x,y\n" + string.Concat(Enumerable.Range(0, 20).Select(i => i < 15 ? $"{i},\n" : $"{i},{i}.5\n"));

        var table = ReadText(text, new CsvReadOptions { InferenceSampleRows = 5 });

        var y = table.Numeric("y");
        Assert.Equal(15, y.MissingCount);
        Assert.Equal(19.5, y[19]);
    }

    [Fact]
    public void Read_DeclaredKinds_OverrideInference()
    {
        var options = new CsvReadOptions
        {
            ColumnKinds = new Dictionary<string, ColumnKind> { ["zip"] = ColumnKind.Categorical, ["note"] = ColumnKind.Text },
            ColumnRoles = new Dictionary<string, ColumnRole> { ["y"] = ColumnRole.Target },
        };

        var table = ReadText("zip,note,y\n02134,a,1\n02134,a,0\n", options);

        var zip = Assert.IsType<CategoricalColumn>(table["zip"]);
        Assert.Equal("02134", zip[0]);
        Assert.IsType<TextColumn>(table["note"]);
        Assert.Equal(ColumnRole.Target, table.Schema["y"].Role);
        Assert.Equal(ColumnRole.Feature, table.Schema["zip"].Role);
    }

    [Fact]
    public void Read_DeclaredUnknownColumn_ThrowsNamingItAndTheColumns()
    {
        var options = new CsvReadOptions { ColumnKinds = new Dictionary<string, ColumnKind> { ["agee"] = ColumnKind.Numeric } };

        var error = Assert.Throws<SchemaMismatchException>(() => ReadText("age,name\n1,a\n", options));

        Assert.Contains("'agee'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'age', 'name'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadCellInDeclaredNumericColumn_NamesFileLineColumnAndValue()
    {
        var options = new CsvReadOptions { ColumnKinds = new Dictionary<string, ColumnKind> { ["age"] = ColumnKind.Numeric } };
        // The record on line 3 spans two lines, so the bad cell is on physical line 5 (record 4).
        var text = "name,age\nann,30\n\"bob\nsmith\",41\ncat,abc\n";

        var error = ReadFails(text, options);

        Assert.Equal("data.csv", error.File);
        Assert.Equal(5, error.Line);
        Assert.Equal("age", error.Column);
        Assert.Equal("abc", error.Value);
        Assert.StartsWith("data.csv, line 5, column 'age': 'abc' is not a number.", error.Message, StringComparison.Ordinal);
        Assert.Contains("mark it missing (empty, NA, NaN, null, ?)", error.Message, StringComparison.Ordinal);
        Assert.Contains("declare the column categorical", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadCellAfterBlankLineAndQuotedNewlineInSameRecord_CountsPhysicalLines()
    {
        var options = new CsvReadOptions { ColumnKinds = new Dictionary<string, ColumnKind> { ["when"] = ColumnKind.DateTime } };
        var text = "note,when\n\nok,2024-01-01\n\"multi\nline\",31/12/2024\n";

        var error = ReadFails(text, options);

        // The record starts on line 4; its second field sits on line 5.
        Assert.Equal(5, error.Line);
        Assert.Contains("'31/12/2024' is not an ISO-8601 date", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadCellInDeclaredBooleanColumn_Throws()
    {
        var options = new CsvReadOptions { ColumnKinds = new Dictionary<string, ColumnKind> { ["flag"] = ColumnKind.Boolean } };

        var error = ReadFails("flag\ntrue\nyes\n", options);

        Assert.Equal(3, error.Line);
        Assert.Contains("'yes' is not a boolean (true or false)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RowWithMoreFields_NamesLineAndCounts()
    {
        var error = ReadFails("a,b\n1,2\n3,4,5\n");

        Assert.Equal(3, error.Line);
        Assert.Equal("data.csv, line 3: the row has 3 fields but the header (line 1) has 2. Quote values that contain the delimiter ',', remove the extra fields, or check the delimiter.", error.Message);
    }

    [Fact]
    public void Read_RowWithFewerFields_NamesLineAndCounts()
    {
        var error = ReadFails("a,b,c\n1,2,3\n4,5\n");

        Assert.Equal(3, error.Line);
        Assert.Contains("the row has 2 fields but the header (line 1) has 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RaggedRowFarBeyondSample_IsStillFound()
    {
        var text = "a,b\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"{i},{i}\n")) + "1\n";

        var error = ReadFails(text, new CsvReadOptions { InferenceSampleRows = 3 });

        Assert.Equal(52, error.Line);
    }

    [Fact]
    public void Read_BlankLines_AreSkippedButCounted()
    {
        var table = ReadText("\na,b\n\n1,2\n\n3,4\n\n");

        Assert.Equal(2, table.RowCount);
    }

    [Fact]
    public void Read_EmptyFile_ThrowsSayingItIsEmpty()
    {
        var error = ReadFails("");

        Assert.Contains("data.csv is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderOnly_GivesNoRows()
    {
        var table = ReadText("a,b\n");

        Assert.Equal(0, table.RowCount);
        Assert.Equal(2, table.ColumnCount);
    }

    [Fact]
    public void Read_DuplicateHeader_ThrowsNamingColumnAndPositions()
    {
        var error = ReadFails("x,y,x\n1,2,3\n");

        Assert.Equal("data.csv, line 1: column name 'x' appears twice in the header (columns 1 and 3). Rename one of them so that every column name is unique.", error.Message);
    }

    [Fact]
    public void Read_EmptyHeaderName_ThrowsNamingPosition()
    {
        var error = ReadFails("a,,c\n1,2,3\n");

        Assert.Contains("column 2 of the header has no name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoHeader_NamesColumnsByPosition()
    {
        var table = ReadText("1,x\n2,y\n", new CsvReadOptions { HasHeader = false });

        Assert.Equal(["column_1", "column_2"], table.Schema.Names.ToArray());
        Assert.Equal(2, table.RowCount);
    }

    [Fact]
    public void Read_UnterminatedQuote_NamesLineWhereItStarts()
    {
        var error = ReadFails("a,b\n1,2\n3,\"open\n4,5\n");

        Assert.Equal(3, error.Line);
        Assert.StartsWith("data.csv, line 3: malformed CSV:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TextAfterClosingQuote_IsMalformed()
    {
        var error = ReadFails("a,b\n\"x\"y,2\n");

        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Read_BinaryFile_SaysItIsNotText()
    {
        var bytes = new byte[] { 0x00, 0x01, 0x02, 0x41, 0x00, 0x0A };

        var error = Assert.Throws<DataFormatException>(() => CsvTable.Read(new MemoryStream(bytes), "blob.bin"));

        Assert.Contains("blob.bin looks like a binary file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Latin1File_SaysItIsNotUtf8AndNamesLine()
    {
        var bytes = Encoding.Latin1.GetBytes("city,n\nParis,1\nK\u00f6ln,2\n");

        var error = Assert.Throws<DataFormatException>(() => CsvTable.Read(new MemoryStream(bytes), "cities.csv"));

        Assert.StartsWith("cities.csv, line 3: the file is not UTF-8 text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Utf8ByteOrderMark_IsNotPartOfFirstName()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("a,b\n1,2\n")).ToArray();

        var table = CsvTable.Read(new MemoryStream(bytes), "bom.csv");

        Assert.Equal("a", table[0].Name);
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFoundNamingPath()
    {
        var error = Assert.Throws<FileNotFoundException>(() => CsvTable.Read("no/such/file.csv"));

        Assert.Contains("'no/such/file.csv' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GzipFileWithoutGzExtension_IsDetectedByMagicBytes()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("data.csv");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            gzip.Write(Encoding.UTF8.GetBytes("a,s\n1.5,x\n2.5,y\n"));

        var table = CsvTable.Read(path);

        Assert.Equal([1.5, 2.5], table.Numeric("a").Values.ToArray());
        Assert.Equal("y", ((CategoricalColumn)table["s"])[1]);
    }

    [Fact]
    public void Read_TruncatedGzip_ThrowsNamingFile()
    {
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes("a,b\n" + string.Concat(Enumerable.Range(0, 2000).Select(i => $"{i},{i * 7}\n"))));
        var truncated = buffer.ToArray()[..(int)(buffer.Length / 2)];

        var error = Assert.Throws<DataFormatException>(() => CsvTable.Read(new MemoryStream(truncated), "cut.csv.gz"));

        Assert.Contains("cut.csv.gz", error.Message, StringComparison.Ordinal);
        Assert.Contains("gzip", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NonSeekableStream_ReadsAndCanReReadAfterDemotion()
    {
        var text = "x\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"{i}\n")) + "oops\n";
        using var stream = new ForwardOnlyStream(Encoding.UTF8.GetBytes(text));

        var table = CsvTable.Read(stream, "pipe", new CsvReadOptions { InferenceSampleRows = 5 });

        Assert.Equal(ColumnKind.Categorical, table["x"].Kind);
        Assert.Equal(21, table.RowCount);
    }

    [Fact]
    public void Read_Penguins_MatchesIndependentCounts()
    {
        // Expected values from tests/reference/penguins_csv_counts.py (Python's csv module, same missing tokens);
        // datasets.json agrees: 344 rows, 19 missing cells, island and sex categorical (species is the categorical target).
        var table = CsvTable.Read(DataPath("penguins.csv"));

        Assert.Equal(344, table.RowCount);
        Assert.Equal(
            ["species", "island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex", "year"],
            table.Schema.Names.ToArray());
        Assert.Equal(
            [ColumnKind.Categorical, ColumnKind.Categorical, ColumnKind.Numeric, ColumnKind.Numeric, ColumnKind.Numeric,
             ColumnKind.Numeric, ColumnKind.Categorical, ColumnKind.Numeric],
            table.Columns.Select(column => column.Kind).ToArray());
        Assert.Equal([0, 0, 2, 2, 2, 2, 11, 0], table.Columns.Select(column => column.MissingCount).ToArray());
        Assert.Equal(19, table.Columns.Sum(column => column.MissingCount));
        Assert.Equal("Adelie", ((CategoricalColumn)table["species"])[0]);
        Assert.Equal("Torgersen", ((CategoricalColumn)table["island"])[0]);
        Assert.Equal("female", ((CategoricalColumn)table["sex"])[2]);
        Assert.Equal(3, ((CategoricalColumn)table["species"]).Categories.Count);
        Assert.Equal(2, ((CategoricalColumn)table["sex"]).Categories.Count);
        Assert.Equal(15021.300000000007, SumPresent(table.Numeric("bill_length_mm").Values));
        Assert.Equal(5865.700000000003, SumPresent(table.Numeric("bill_depth_mm").Values));
        Assert.Equal(1437000.0, SumPresent(table.Numeric("body_mass_g").Values));
    }

    [Theory]
    [InlineData(21ul)]
    [InlineData(22ul)]
    [InlineData(23ul)]
    public void Read_RandomCsvLikeText_SucceedsOrThrowsDataFormatException(ulong seed)
    {
        // Robustness property: whatever the text, the reader returns a table or explains the problem; never a raw exception.
        const string alphabet = "a1,,\"\"\n\r .e-;?N";
        var random = new KilnRandom(seed);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var length = random.NextInt32(0, 120);
            var text = new string([.. Enumerable.Range(0, length).Select(_ => alphabet[random.NextInt32(alphabet.Length)])]);
            var options = new CsvReadOptions { HasHeader = random.NextInt32(2) == 0, InferenceSampleRows = random.NextInt32(0, 4) };
            try
            {
                var table = ReadText(text, options);
                Assert.All(table.Columns, column => Assert.Equal(table.RowCount, column.Length));
            }
            catch (DataFormatException exception)
            {
                Assert.StartsWith("data.csv", exception.Message, StringComparison.Ordinal);
            }
        }
    }

    private static double SumPresent(ReadOnlySpan<double> values)
    {
        var total = 0.0;
        foreach (var value in values)
        {
            if (!double.IsNaN(value))
                total += value;
        }
        return total;
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Position
        {
            get => base.Position;
            set => throw new NotSupportedException();
        }

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
