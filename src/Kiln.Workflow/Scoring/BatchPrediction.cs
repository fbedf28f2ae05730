using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Kiln.Core;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Persistence;
using Kiln.Core.Preparation;

namespace Kiln.Workflow.Scoring;

/// <summary>Scores a data file with a saved pipeline (<c>kiln predict</c>): predictions and class probabilities next to an id column, written as CSV or Parquet.</summary>
/// <remarks>
/// <para>
/// The input's columns are matched to the model's by name (order does not matter; extra columns are not read). The input is
/// streamed in chunks of <see cref="BatchPredictionOptions.ChunkRows"/> rows (CSV read with the kinds the model was fitted on;
/// Parquet one row group at a time, converting a column of another kind through its values' text); one thread reads while
/// <see cref="BatchPredictionOptions.Threads"/> threads score chunks, so memory holds about twice as many chunks as threads.
/// </para>
/// <para>
/// Each scored chunk is written to its own file in the job's folder beside the output (<c>out.parquet.partial/</c>) under a
/// temporary name and renamed; a run of the same job after an interruption (Ctrl+C, a crash, kill -9) keeps the finished
/// chunks and scores the rest. When all are written they are joined in input order into the output (Parquet: one row group
/// per chunk), which appears only then, and the folder is removed. The result is byte for byte the same however often the
/// job was interrupted and with any thread count.
/// </para>
/// <para>
/// The output has the id column (the <see cref="BatchPredictionOptions.IdColumn"/> copied from the input, else <c>row</c>, the
/// 0-based row number), <c>prediction</c> (the class label for a classifier, the number for a regressor) and, for a classifier,
/// <c>proba_&lt;class&gt;</c> per class in the model's class order.
/// </para>
/// </remarks>
public static class BatchPrediction
{
    /// <summary>The output's id column when no id column is named.</summary>
    public const string RowColumn = "row";

    /// <summary>The output's prediction column.</summary>
    public const string PredictionColumn = "prediction";

    /// <summary>Scores <see cref="BatchPredictionOptions.InputPath"/> with the model and writes <see cref="BatchPredictionOptions.OutputPath"/>, resuming an interrupted run of the same job.</summary>
    /// <param name="options">The files and how to score them.</param>
    /// <param name="progress">Receives a report after every chunk written (from the scoring threads, one at a time), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the job; the chunks finished by then are kept for the next run.</param>
    /// <exception cref="KilnException">A file is missing or unreadable, the model is not a pipeline, the input lacks a column the model needs, a value does not fit, the id column is unknown, or an unfinished job with other arguments is in the way.</exception>
    /// <exception cref="OperationCanceledException">The job was cancelled.</exception>
    public static BatchPredictionResult Run(BatchPredictionOptions options, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var modelPath = Path.GetFullPath(options.ModelPath);
        var inputPath = Path.GetFullPath(options.InputPath);
        var outputPath = Path.GetFullPath(options.OutputPath);
        var model = LoadPipeline(modelPath);
        if (!File.Exists(inputPath))
            throw new KilnException($"The input file {inputPath} does not exist; pass the CSV or Parquet file to score with --input.");
        if (string.Equals(inputPath, outputPath, StringComparison.Ordinal))
            throw new KilnException($"--output is the input file {inputPath}; choose another file for the predictions.");
        var outputFolder = Path.GetDirectoryName(outputPath)!;
        if (!Directory.Exists(outputFolder))
            throw new KilnException($"The output folder {outputFolder} does not exist; create it or choose another --output.");

        using var source = OpenSource(inputPath, model, options.IdColumn);
        var columns = OutputColumns(source, options.IdColumn, inputPath, model.Classes);
        var job = BatchJob.Open(outputPath, BatchJobManifest.Describe(modelPath, inputPath, options.ChunkRows, options.IdColumn), options.Restart);
        var run = new JobRun(model, source, job, options, progress);
        int chunks, resumed;
        try
        {
            (chunks, resumed) = run.Execute(cancellationToken);
        }
        catch when (job.FinishedChunkCount() == 0)
        {
            job.Discard();
            throw;
        }
        if (source.RowsRead == 0)
        {
            job.Discard();
            throw new KilnException($"{inputPath} has column names but no rows; there is nothing to score.");
        }
        job.Complete(chunks, columns);
        return new BatchPredictionResult(source.RowsRead, outputPath, model.Classes, chunks, resumed);
    }

    private static PipelineModel LoadPipeline(string modelPath)
    {
        if (!File.Exists(modelPath))
            throw new KilnException($"The model file {modelPath} does not exist; pass the model.kiln of a run (in its job folder) with --model.");
        var model = ModelBundle.Load(modelPath);
        return model as PipelineModel
            ?? throw new KilnException($"{modelPath} holds a '{model.Kind}' model, which takes prepared numeric columns; kiln predict scores raw rows with the pipelines 'kiln run' saves.");
    }

    private static ChunkSource OpenSource(string inputPath, PipelineModel model, string? idColumn)
    {
        try
        {
            return ChunkSource.Open(inputPath, model.InputSchema, idColumn);
        }
        catch (FileNotFoundException exception)
        {
            throw new KilnException(exception.Message, exception);
        }
    }

    /// <summary>The output's column names; checks that the id column exists and does not clash with an output column.</summary>
    private static string[] OutputColumns(ChunkSource source, string? idColumn, string inputPath, IReadOnlyList<string>? classes)
    {
        var outputs = new[] { PredictionColumn }.Concat((classes ?? []).Select(name => $"proba_{name}")).ToArray();
        if (idColumn is null)
            return [RowColumn, .. outputs];
        if (!source.Names.Contains(idColumn, StringComparer.Ordinal))
        {
            var names = source.Names.ToArray();
            throw new KilnException($"--id '{idColumn}' is not a column of {inputPath}{NearestName.Hint(idColumn, names)} Its columns are: {string.Join(", ", names)}.");
        }
        if (outputs.Contains(idColumn, StringComparer.Ordinal))
            throw new KilnException($"--id '{idColumn}' has the name of an output column; rename the column in the input, or leave --id out to number the rows.");
        return [idColumn, .. outputs];
    }

    /// <summary>One run of a job: a reader thread, scoring threads, and the chunk files they write.</summary>
    private sealed class JobRun(PipelineModel model, ChunkSource source, BatchJob job, BatchPredictionOptions options, IProgress<BatchProgress>? progress)
    {
        private readonly ConcurrentDictionary<int, ExceptionDispatchInfo> _failures = new();
        private readonly Lock _progressGate = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _rowsDone;
        private long _rowsThisRun;
        private long _exactTotal = -1;

        public (int Chunks, int Resumed) Execute(CancellationToken cancellationToken)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var channel = Channel.CreateBounded<InputChunk>(new BoundedChannelOptions(options.Threads) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
            var chunks = 0;
            var resumed = 0;
            var reader = Task.Run(async () =>
            {
                try
                {
                    for (var index = 0; ; index++)
                    {
                        stop.Token.ThrowIfCancellationRequested();
                        if (job.IsFinished(index))
                        {
                            var skipped = source.Skip(options.ChunkRows);
                            if (skipped == 0)
                                break;
                            resumed++;
                            Interlocked.Add(ref _rowsDone, skipped);
                        }
                        else if (source.Read(index, options.ChunkRows) is { } chunk)
                        {
                            if (source.AtEnd)
                                Volatile.Write(ref _exactTotal, source.RowsRead);
                            await channel.Writer.WriteAsync(chunk, stop.Token);
                        }
                        else
                        {
                            break;
                        }
                        chunks = index + 1;
                    }
                    Volatile.Write(ref _exactTotal, source.RowsRead);
                    channel.Writer.Complete();
                }
                catch (Exception exception)
                {
                    Fail(chunks, exception, stop);
                    channel.Writer.TryComplete();
                }
            }, CancellationToken.None);
            var workers = Enumerable.Range(0, options.Threads).Select(_ => Task.Run(async () =>
            {
                try
                {
                    await foreach (var chunk in channel.Reader.ReadAllAsync(stop.Token))
                    {
                        try
                        {
                            job.Write(chunk.Index, Score(chunk));
                            Report(chunk.Rows.RowCount);
                        }
                        catch (Exception exception)
                        {
                            Fail(chunk.Index, exception, stop);
                            return;
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    // Stopped by a failure elsewhere or by the caller; reported below.
                }
            }, CancellationToken.None)).ToArray();
            Task.WaitAll([reader, .. workers], CancellationToken.None);

            if (!_failures.IsEmpty)
            {
                var first = _failures.OrderBy(pair => pair.Key).Select(pair => pair.Value).FirstOrDefault(info => info.SourceException is not OperationCanceledException)
                    ?? _failures.OrderBy(pair => pair.Key).First().Value;
                if (first.SourceException is OperationCanceledException)
                    cancellationToken.ThrowIfCancellationRequested();
                first.Throw();
            }
            cancellationToken.ThrowIfCancellationRequested();
            return (chunks, resumed);
        }

        private void Fail(int index, Exception exception, CancellationTokenSource stop)
        {
            _failures.TryAdd(index, ExceptionDispatchInfo.Capture(exception));
            stop.Cancel();
        }

        /// <summary>The chunk's id column, predictions and probabilities.</summary>
        private Table Score(InputChunk chunk)
        {
            var rows = chunk.Rows;
            var count = rows.RowCount;
            var prepared = model.Prepare(rows);
            var predictions = new double[count];
            model.Predictor.Predict(prepared, predictions);
            var output = new List<Column>
            {
                options.IdColumn is { } id
                    ? rows[id]
                    : NumericColumn.FromOwned(RowColumn, [.. Enumerable.Range(0, count).Select(row => (double)(chunk.FirstRow + row))]),
            };
            if (model.Predictor is not IClassifierModel classifier)
            {
                output.Add(NumericColumn.FromOwned(PredictionColumn, predictions));
                return new Table(output);
            }
            var classes = classifier.Classes;
            var probabilities = new double[count * classes.Count];
            classifier.PredictProbabilities(prepared, probabilities);
            output.Add(CategoricalColumn.FromValues(PredictionColumn, predictions.Select(index => classes[(int)index])));
            for (var c = 0; c < classes.Count; c++)
            {
                var values = new double[count];
                for (var row = 0; row < count; row++)
                    values[row] = probabilities[row * classes.Count + c];
                output.Add(NumericColumn.FromOwned($"proba_{classes[c]}", values));
            }
            return new Table(output);
        }

        private void Report(int rows)
        {
            var done = Interlocked.Add(ref _rowsDone, rows);
            var thisRun = Interlocked.Add(ref _rowsThisRun, rows);
            if (progress is null)
                return;
            lock (_progressGate)
            {
                var exact = Volatile.Read(ref _exactTotal);
                var (total, isEstimate) = exact >= 0 ? (exact, false) : source.Total;
                progress.Report(new BatchProgress(done, total is { } value ? Math.Max(value, done) : null, isEstimate, thisRun, _clock.Elapsed));
            }
        }
    }
}
