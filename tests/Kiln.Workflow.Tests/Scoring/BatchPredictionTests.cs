using Kiln.Core;
using Kiln.Core.Data;
using Kiln.Core.Preparation;
using Kiln.Workflow.Scoring;

namespace Kiln.Workflow.Tests.Scoring;

/// <summary>
/// Batch scoring in chunks equals scoring each row alone through <see cref="PipelineModel.Predict(Table)"/> /
/// <see cref="PipelineModel.PredictProbabilities(Table)"/>, for any chunk size, thread count, input and output format;
/// an interrupted job resumes to the same bytes; a changed input or other arguments are refused.
/// </summary>
public sealed class BatchPredictionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("csv", "csv", 1, 2)]
    [InlineData("csv", "parquet", 50, 2)]
    [InlineData("parquet", "csv", 50, 1)]
    [InlineData("parquet", "parquet", 1, 2)]
    [InlineData("csv", "parquet", 65_536, 2)]
    [InlineData("parquet", "csv", 65_536, 2)]
    [InlineData("csv", "csv", 33, 3)]
    [InlineData("parquet", "parquet", 33, 1)]
    public void Run_Classifier_EqualsEachRowScoredAlone(string inputFormat, string outputFormat, int chunkRows, int threads)
    {
        var (path, model, rows) = BatchModels.Classifier(_folder.Path);
        var input = WriteInput(rows, inputFormat);
        var output = Path.Combine(_folder.Path, "scored." + outputFormat);

        var result = BatchPrediction.Run(new BatchPredictionOptions { ModelPath = path, InputPath = input, OutputPath = output, ChunkRows = chunkRows, Threads = threads });

        Assert.Equal(rows.RowCount, result.Rows);
        Assert.Equal((rows.RowCount + chunkRows - 1) / chunkRows + (inputFormat == "parquet" ? ExtraParquetChunks(rows.RowCount, chunkRows) : 0), result.Chunks);
        var scored = Read(output);
        var classes = model.Classes!;
        Assert.Equal(["row", "prediction", .. classes.Select(name => $"proba_{name}")], scored.Schema.Names);
        for (var row = 0; row < rows.RowCount; row++)
        {
            var alone = rows.Take([row]);
            Assert.Equal(row, scored.Numeric("row")[row]);
            Assert.Equal(classes[(int)model.Predict(alone)[0]], scored["prediction"].FormatValue(row));
            var probabilities = model.PredictProbabilities(alone);
            for (var c = 0; c < classes.Count; c++)
                Assert.Equal(probabilities[c], scored.Numeric($"proba_{classes[c]}")[row]);
        }
        Assert.False(Directory.Exists(output + ".partial"));
    }

    [Theory]
    [InlineData("csv", "parquet", 1)]
    [InlineData("parquet", "csv", 7)]
    [InlineData("csv", "csv", 65_536)]
    [InlineData("parquet", "parquet", 100)]
    public void Run_Regressor_EqualsEachRowScoredAlone(string inputFormat, string outputFormat, int chunkRows)
    {
        var (path, model, rows) = BatchModels.Regressor(_folder.Path);
        var input = WriteInput(rows, inputFormat);
        var output = Path.Combine(_folder.Path, "scored." + outputFormat);

        var result = BatchPrediction.Run(new BatchPredictionOptions { ModelPath = path, InputPath = input, OutputPath = output, ChunkRows = chunkRows, Threads = 2 });

        Assert.Equal(rows.RowCount, result.Rows);
        Assert.Null(result.Classes);
        var scored = Read(output);
        Assert.Equal(["row", "prediction"], scored.Schema.Names);
        for (var row = 0; row < rows.RowCount; row++)
            Assert.Equal(model.Predict(rows.Take([row]))[0], scored.Numeric("prediction")[row]);
    }

    [Fact]
    public void Run_IdColumn_CopiesItsValuesInInputOrder()
    {
        var (path, _, rows) = BatchModels.Classifier(_folder.Path);
        var input = WriteInput(rows, "csv");
        var output = Path.Combine(_folder.Path, "scored.parquet");

        BatchPrediction.Run(new BatchPredictionOptions { ModelPath = path, InputPath = input, OutputPath = output, IdColumn = "island", ChunkRows = 10 });

        var scored = ParquetTable.Read(output);
        Assert.Equal("island", scored.Schema.Names.First());
        Assert.Equal(Enumerable.Range(0, rows.RowCount).Select(rows["island"].FormatValue), Enumerable.Range(0, rows.RowCount).Select(scored["island"].FormatValue));
        Assert.Equal(rows.RowCount / 10 + 1, ParquetRowGroups(output));
    }

    [Theory]
    [InlineData("csv", "csv")]
    [InlineData("parquet", "parquet")]
    [InlineData("csv", "parquet")]
    public void Run_CancelledMidJobThenRunAgain_ResumesAndWritesTheBytesOfAnUninterruptedRun(string inputFormat, string outputFormat)
    {
        var (path, _, rows) = BatchModels.Classifier(_folder.Path);
        var input = WriteInput(rows, inputFormat);
        var reference = Path.Combine(_folder.Path, "reference." + outputFormat);
        BatchPrediction.Run(new BatchPredictionOptions { ModelPath = path, InputPath = input, OutputPath = reference, ChunkRows = 20, Threads = 1 });
        var output = Path.Combine(_folder.Path, "scored." + outputFormat);
        var options = new BatchPredictionOptions { ModelPath = path, InputPath = input, OutputPath = output, ChunkRows = 20, Threads = 2 };

        using (var stop = new CancellationTokenSource())
        {
            var reports = 0;
            var progress = new Reporter(_ => { if (++reports == 5) stop.Cancel(); });
            Assert.ThrowsAny<OperationCanceledException>(() => BatchPrediction.Run(options, progress, stop.Token));
        }
        Assert.False(File.Exists(output));
        var kept = Directory.GetFiles(output + ".partial", "chunk-*." + outputFormat).Length;
        Assert.InRange(kept, 5, 17);

        var result = BatchPrediction.Run(options);

        Assert.Equal(kept, result.ResumedChunks);
        Assert.Equal(rows.RowCount, result.Rows);
        Assert.Equal(File.ReadAllBytes(reference), File.ReadAllBytes(output));
        Assert.False(Directory.Exists(output + ".partial"));
    }

    [Fact]
    public void Run_GzipCsvInput_WritesWhatThePlainFileGivesWithoutATotal()
    {
        var (path, _, rows) = BatchModels.Classifier(_folder.Path);
        var plain = WriteInput(rows, "csv");
        var compressed = plain + ".gz";
        using (var source = File.OpenRead(plain))
        using (var target = new System.IO.Compression.GZipStream(File.Create(compressed), System.IO.Compression.CompressionLevel.Fastest))
            source.CopyTo(target);
        var fromPlain = Path.Combine(_folder.Path, "plain.csv");
        var fromCompressed = Path.Combine(_folder.Path, "compressed.csv");
        BatchPrediction.Run(new BatchPredictionOptions { ModelPath = path, InputPath = plain, OutputPath = fromPlain, ChunkRows = 100 });
        var totals = new List<long?>();

        BatchPrediction.Run(new BatchPredictionOptions { ModelPath = path, InputPath = compressed, OutputPath = fromCompressed, ChunkRows = 100, Threads = 1 }, new Reporter(value => totals.Add(value.TotalRows)));

        Assert.Equal(File.ReadAllBytes(fromPlain), File.ReadAllBytes(fromCompressed));
        Assert.Equal(4, totals.Count);
        Assert.Equal(rows.RowCount, totals[^1]);
    }

    [Fact]
    public void Run_InputChangedAfterAnInterruption_IsRefusedUntilRestart()
    {
        var (path, _, rows) = BatchModels.Classifier(_folder.Path);
        var input = WriteInput(rows, "csv");
        var output = Path.Combine(_folder.Path, "scored.csv");
        var options = new BatchPredictionOptions { ModelPath = path, InputPath = input, OutputPath = output, ChunkRows = 20, Threads = 1 };
        Interrupt(options, afterChunks: 3);
        File.AppendAllText(input, "Dream,40.1,18.2,190,3700,female,2008\n");

        var refused = Assert.Throws<KilnException>(() => BatchPrediction.Run(options));

        Assert.Contains($"the input {input} has changed since it started", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--restart", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        var result = BatchPrediction.Run(options with { Restart = true });
        Assert.Equal(0, result.ResumedChunks);
        Assert.Equal(rows.RowCount + 1, CsvTable.Read(output).RowCount);
    }

    [Fact]
    public void Run_OtherChunkSizeAfterAnInterruption_IsRefusedNamingIt()
    {
        var (path, _, rows) = BatchModels.Regressor(_folder.Path);
        var input = WriteInput(rows, "csv");
        var output = Path.Combine(_folder.Path, "scored.csv");
        var options = new BatchPredictionOptions { ModelPath = path, InputPath = input, OutputPath = output, ChunkRows = 20, Threads = 1 };
        Interrupt(options, afterChunks: 2);

        var refused = Assert.Throws<KilnException>(() => BatchPrediction.Run(options with { ChunkRows = 30 }));

        Assert.Contains("it used --chunk-rows 20, not 30", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NonNumericCellInANumericColumnOfACsv_NamesFileLineRowColumnAndValue()
    {
        var (path, _, rows) = BatchModels.Regressor(_folder.Path);
        var input = WriteInput(rows, "csv");
        var lines = File.ReadAllLines(input);
        lines[301] = lines[301].Replace(lines[301].Split(',')[2], "heavy", StringComparison.Ordinal);
        File.WriteAllLines(input, lines);
        var output = Path.Combine(_folder.Path, "scored.csv");

        var error = Assert.Throws<DataFormatException>(() => BatchPrediction.Run(new BatchPredictionOptions { ModelPath = path, InputPath = input, OutputPath = output, ChunkRows = 64 }));

        Assert.StartsWith($"{input}, line 302 (row 300), column 'bmi': 'heavy' is not a number, which the model needs (the column is numeric there).", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Run_NonNumericTextInANumericColumnOfAParquetFile_NamesRowGroupRowColumnAndValue()
    {
        var (path, _, rows) = BatchModels.Regressor(_folder.Path);
        var texts = Enumerable.Range(0, rows.RowCount).Select(row => row == 250 ? "heavy" : rows["bmi"].FormatValue(row)).ToArray();
        var input = Path.Combine(_folder.Path, "input.parquet");
        BatchModels.WriteParquet(rows.With(TextColumn.FromOwned("bmi", texts)), input, rowGroupRows: 100);
        var output = Path.Combine(_folder.Path, "scored.csv");

        var error = Assert.Throws<DataFormatException>(() => BatchPrediction.Run(new BatchPredictionOptions { ModelPath = path, InputPath = input, OutputPath = output, ChunkRows = 64 }));

        Assert.StartsWith($"{input}, row group 2, row 250, column 'bmi': 'heavy' is not a number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_FailureAfterSomeChunks_KeepsTheFinishedChunks()
    {
        var (path, _, rows) = BatchModels.Regressor(_folder.Path);
        var input = WriteInput(rows, "csv");
        var lines = File.ReadAllLines(input);
        lines[401] = lines[401].Replace(lines[401].Split(',')[2], "heavy", StringComparison.Ordinal);
        File.WriteAllLines(input, lines);
        var output = Path.Combine(_folder.Path, "scored.csv");

        Assert.Throws<DataFormatException>(() => BatchPrediction.Run(new BatchPredictionOptions { ModelPath = path, InputPath = input, OutputPath = output, ChunkRows = 100, Threads = 1 }));

        Assert.Equal(4, Directory.GetFiles(output + ".partial", "chunk-*.csv").Length);
    }

    private static int ExtraParquetChunks(int rowCount, int chunkRows)
    {
        // Parquet chunks also end at row group ends (the inputs are written in row groups of 100).
        var chunks = 0;
        for (var start = 0; start < rowCount; start += 100)
            chunks += (Math.Min(100, rowCount - start) + chunkRows - 1) / chunkRows;
        return chunks - (rowCount + chunkRows - 1) / chunkRows;
    }

    private string WriteInput(Table rows, string format)
    {
        var path = Path.Combine(_folder.Path, "input." + format);
        if (format == "csv")
            CsvTable.Write(rows, path);
        else
            BatchModels.WriteParquet(rows, path, rowGroupRows: 100);
        return path;
    }

    private static Table Read(string path) => path.EndsWith(".parquet", StringComparison.Ordinal) ? ParquetTable.Read(path) : CsvTable.Read(path);

    private static int ParquetRowGroups(string path)
    {
        using var reader = ParquetChunkReader.Open(path);
        var groups = 0;
        while (reader.ReadChunk(int.MaxValue) is not null)
            groups++;
        return groups;
    }

    private static void Interrupt(BatchPredictionOptions options, int afterChunks)
    {
        using var stop = new CancellationTokenSource();
        var reports = 0;
        var progress = new Reporter(_ => { if (++reports == afterChunks) stop.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() => BatchPrediction.Run(options, progress, stop.Token));
        Assert.True(Directory.Exists(options.OutputPath + ".partial"));
    }

    /// <summary>Calls back synchronously (<see cref="Progress{T}"/> would post to the thread pool).</summary>
    private sealed class Reporter(Action<BatchProgress> report) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value) => report(value);
    }
}
