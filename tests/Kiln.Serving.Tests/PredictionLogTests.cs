using Kiln.Core.Data;
using Kiln.Serving.Predictions;

namespace Kiln.Serving.Tests;

public sealed class PredictionLogTests(PenguinModels models) : IClassFixture<PenguinModels>
{
    private string NewStore() => Path.Combine(models.Folder, $"log-{Guid.NewGuid():N}");

    private ServedModel Served => new("species", 4, ["species/4"], models.Classifier);

    private static int _batches;

    private PredictionBatch Batch(PredictionLog log, Table sample)
    {
        var batch = Interlocked.Increment(ref _batches);
        string[] ids = [.. Enumerable.Range(0, sample.RowCount).Select(row => $"B{batch:D6}R{row:D3}")];
        return new PredictionBatch(Served, DateTimeOffset.UnixEpoch, 17, sample, ids,
            models.Classifier.Predict(sample), models.Classifier.PredictProbabilities(sample), log.Sample(sample.RowCount));
    }

    private Table Sample => models.Sample(models.Classifier.InputSchema);

    [Fact]
    public async Task Append_SmallFilesManyBatches_KeepsAtMostMaxFilesHoldingTheNewestLines()
    {
        var store = NewStore();
        var options = new PredictionLogOptions { MaxFileBytes = 2048, MaxFiles = 3, SamplingRate = 1 };
        var log = new PredictionLog(store, options);
        var sample = Sample;
        var appended = new List<string>();
        for (var index = 0; index < 40; index++)
        {
            var batch = Batch(log, sample);
            appended.AddRange(batch.Ids);
            Assert.True(log.TryAppend(batch));
            await log.FlushAsync();
        }
        await log.DisposeAsync();

        var folder = log.FolderOf("species");
        var files = LogFiles.Files(folder, PredictionLog.PredictionsPrefix);
        Assert.Equal(3, files.Length);
        Assert.All(files, file => Assert.True(new FileInfo(file).Length <= 2048, file));
        var kept = LogFiles.Lines(folder, PredictionLog.PredictionsPrefix).Select(line => line["id"]!.GetValue<string>()).ToArray();
        Assert.InRange(kept.Length, 1, appended.Count - 1);
        Assert.Equal(appended.TakeLast(kept.Length), kept);
        Assert.Equal(appended.Count, log.WrittenRows);
        int[] sequences = [.. files.Select(file => int.Parse(Path.GetFileNameWithoutExtension(file)["predictions-".Length..], System.Globalization.CultureInfo.InvariantCulture))];
        Assert.True(sequences[0] > 1, "the oldest files are deleted");
        Assert.Equal([sequences[0], sequences[0] + 1, sequences[0] + 2], sequences);
    }

    [Fact]
    public async Task Append_SamplingZero_LogsNothing()
    {
        var log = new PredictionLog(NewStore(), new PredictionLogOptions { SamplingRate = 0 });
        for (var index = 0; index < 5; index++)
            Assert.True(log.TryAppend(Batch(log, Sample)));
        await log.DisposeAsync();

        Assert.Equal(0, log.WrittenRows);
        Assert.Empty(LogFiles.Files(log.FolderOf("species"), PredictionLog.PredictionsPrefix));
    }

    [Fact]
    public async Task Append_SamplingOne_LogsEveryRowWithModelAndVersion()
    {
        var log = new PredictionLog(NewStore(), new PredictionLogOptions { SamplingRate = 1 });
        var ids = new List<string>();
        for (var index = 0; index < 5; index++)
        {
            var batch = Batch(log, Sample);
            ids.AddRange(batch.Ids);
            Assert.True(log.TryAppend(batch));
        }
        await log.DisposeAsync();

        var lines = LogFiles.Lines(log.FolderOf("species"), PredictionLog.PredictionsPrefix);
        Assert.Equal(ids, [.. lines.Select(line => line["id"]!.GetValue<string>())]);
        Assert.All(lines, line => Assert.Equal(4, line["version"]!.GetValue<int>()));
        Assert.All(lines, line => Assert.Equal("species", line["model"]!.GetValue<string>()));
        Assert.All(lines, line => Assert.Equal(17, line["latency_us"]!.GetValue<long>()));
    }

    [Fact]
    public void Sample_HalfWithASeed_IsReproducibleAndNearHalf()
    {
        var options = new PredictionLogOptions { SamplingRate = 0.5, SamplingSeed = 11 };
        var first = new PredictionLog(NewStore(), options, start: false).Sample(1000);
        var second = new PredictionLog(NewStore(), options, start: false).Sample(1000);
        var other = new PredictionLog(NewStore(), options with { SamplingSeed = 12 }, start: false).Sample(1000);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.InRange(first.Length, 450, 550);
        Assert.Equal(first, first.Distinct().Order().ToArray());
    }

    [Fact]
    public async Task TryAppend_QueueFull_DropsAndCountsWithoutWaiting()
    {
        var log = new PredictionLog(NewStore(), new PredictionLogOptions { QueueCapacity = 2, SamplingRate = 1 }, start: false);
        var sample = Sample;

        bool[] accepted = [.. Enumerable.Range(0, 5).Select(_ => log.TryAppend(Batch(log, sample)))];
        log.Start();
        await log.FlushAsync();
        await log.DisposeAsync();

        Assert.Equal([true, true, false, false, false], accepted);
        Assert.Equal(3 * sample.RowCount, log.DroppedRows);
        Assert.Equal(2 * sample.RowCount, log.WrittenRows);
        Assert.Equal(2 * sample.RowCount, LogFiles.Lines(log.FolderOf("species"), PredictionLog.PredictionsPrefix).Count);
    }

    [Fact]
    public async Task TryAppend_Feedback_WritesTheFeedbackFileNextToThePredictions()
    {
        var log = new PredictionLog(NewStore(), new PredictionLogOptions());
        Assert.True(log.TryAppend(new FeedbackBatch("species", DateTimeOffset.UnixEpoch, [new FeedbackEntry("A1", 4, "Gentoo", double.NaN)])));
        Assert.True(log.TryAppend(new FeedbackBatch("mass", DateTimeOffset.UnixEpoch, [new FeedbackEntry("A2", 1, null, 3900.5)])));
        await log.DisposeAsync();

        var species = Assert.Single(LogFiles.Lines(log.FolderOf("species"), PredictionLog.FeedbackPrefix));
        var mass = Assert.Single(LogFiles.Lines(log.FolderOf("mass"), PredictionLog.FeedbackPrefix));
        Assert.Equal("Gentoo", species["actual"]!.GetValue<string>());
        Assert.Equal(3900.5, mass["actual"]!.GetValue<double>());
        Assert.Equal("1970-01-01T00:00:00.0000000Z", mass["time"]!.GetValue<string>());
    }

    // Lines already handed to the operating system, read while the writer still holds the file.
    private static int VisibleLines(string folder)
    {
        var count = 0;
        foreach (var file in LogFiles.Files(folder, PredictionLog.PredictionsPrefix))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            count += reader.ReadToEnd().Count(character => character == '\n');
        }
        return count;
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        // A generous bound against a busy machine: the writer hands lines over within FlushInterval (0.1 s) of going idle.
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (condition())
                return true;
            await Task.Delay(50);
        }
        return condition();
    }

    [Fact]
    public async Task TryAppend_WithoutAFlush_LinesReachTheFileOnceTheWriterIsIdle()
    {
        var log = new PredictionLog(NewStore(), new PredictionLogOptions { SamplingRate = 1 });
        var folder = log.FolderOf("species");
        var sample = Sample;
        try
        {
            Assert.True(log.TryAppend(Batch(log, sample)));
            Assert.True(await EventuallyAsync(() => VisibleLines(folder) == sample.RowCount), $"{VisibleLines(folder)} lines visible");
            Assert.True(log.TryAppend(Batch(log, sample)));
            Assert.True(await EventuallyAsync(() => VisibleLines(folder) == 2 * sample.RowCount), $"{VisibleLines(folder)} lines visible");
        }
        finally
        {
            await log.DisposeAsync();
        }
    }
}
