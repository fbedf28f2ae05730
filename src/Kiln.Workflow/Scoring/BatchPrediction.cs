using System.Globalization;
using Kiln.Core;
using Kiln.Core.Data;
using Kiln.Core.Persistence;
using Kiln.Core.Preparation;
using Kiln.Workflow.Configuration;

namespace Kiln.Workflow.Scoring;

/// <summary>Scores a data file with a saved pipeline (<c>kiln predict</c>): predictions and class probabilities next to an id column, written as CSV or Parquet.</summary>
/// <remarks>
/// <para>
/// The input's columns are matched to the model's by name (order does not matter; extra columns are ignored). A column the
/// reader typed otherwise than the model was fitted (a code column of digits that was categorical in training, say) is read
/// again as the model's kind: for CSV by declaring the kind, for Parquet by converting the values' text.
/// </para>
/// <para>
/// The output has the id column (the <c>id</c> argument's column copied from the input, else <c>row</c>, the 0-based row
/// number), <c>prediction</c> (the class label for a classifier, the number for a regressor) and, for a classifier,
/// <c>proba_&lt;class&gt;</c> per class in the model's class order. Rows are predicted in chunks of <see cref="ChunkRows"/>, so the
/// prepared matrix never holds more; the input file itself is read whole, because the CSV and Parquet readers read whole tables.
/// </para>
/// </remarks>
public static class BatchPrediction
{
    /// <summary>The rows prepared and predicted at once.</summary>
    public const int ChunkRows = 65_536;

    /// <summary>The output's id column when no id column is named.</summary>
    public const string RowColumn = "row";

    /// <summary>The output's prediction column.</summary>
    public const string PredictionColumn = "prediction";

    /// <summary>Scores <paramref name="inputPath"/> with the model at <paramref name="modelPath"/> and writes <paramref name="outputPath"/>.</summary>
    /// <param name="modelPath">A <c>.kiln</c> bundle holding a pipeline, as <c>kiln run</c> saves.</param>
    /// <param name="inputPath">The rows to score: <c>.parquet</c> / <c>.pq</c> is read as Parquet, anything else as CSV.</param>
    /// <param name="outputPath">Where to write: Parquet for <c>.parquet</c> / <c>.pq</c>, CSV otherwise; replaced only once all is written.</param>
    /// <param name="idColumn">An input column to copy into the output as the id, or <see langword="null"/> for a <c>row</c> column.</param>
    /// <param name="progress">Receives one line per chunk, or <see langword="null"/>.</param>
    /// <exception cref="KilnException">A file is missing or unreadable, the model is not a pipeline, the input lacks a column the model needs, or the id column is unknown.</exception>
    public static BatchPredictionResult Run(string modelPath, string inputPath, string outputPath, string? idColumn = null, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        ArgumentNullException.ThrowIfNull(inputPath);
        ArgumentNullException.ThrowIfNull(outputPath);
        var model = LoadPipeline(modelPath);
        if (!File.Exists(inputPath))
            throw new KilnException($"The input file {inputPath} does not exist; pass the CSV or Parquet file to score with --input.");
        var outputFolder = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
        if (!Directory.Exists(outputFolder))
            throw new KilnException($"The output folder {outputFolder} does not exist; create it or choose another --output.");
        var table = ReadInput(inputPath, model);
        if (table.RowCount == 0)
            throw new KilnException($"{inputPath} has column names but no rows; there is nothing to score.");

        var classes = model.Classes;
        var output = new List<Column> { IdColumn(table, idColumn, inputPath, classes) };
        var predictions = new double[table.RowCount];
        var probabilities = classes is null ? null : new double[table.RowCount * classes.Count];
        for (var start = 0; start < table.RowCount; start += ChunkRows)
        {
            var count = Math.Min(ChunkRows, table.RowCount - start);
            var chunk = table.Take([.. Enumerable.Range(start, count)]);
            model.Predict(chunk, predictions.AsSpan(start, count));
            if (probabilities is not null)
                model.PredictProbabilities(chunk, probabilities.AsSpan(start * classes!.Count, count * classes.Count));
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"predicted rows {start + 1}–{start + count} of {table.RowCount}"));
        }
        if (classes is null)
        {
            output.Add(NumericColumn.FromOwned(PredictionColumn, predictions));
        }
        else
        {
            output.Add(CategoricalColumn.FromValues(PredictionColumn, predictions.Select(index => classes[(int)index])));
            for (var c = 0; c < classes.Count; c++)
            {
                var values = new double[table.RowCount];
                for (var row = 0; row < values.Length; row++)
                    values[row] = probabilities![row * classes.Count + c];
                output.Add(NumericColumn.FromOwned($"proba_{classes[c]}", values));
            }
        }
        DataFiles.Write(new Table(output), outputPath);
        return new BatchPredictionResult(table.RowCount, Path.GetFullPath(outputPath), classes);
    }

    private static PipelineModel LoadPipeline(string modelPath)
    {
        if (!File.Exists(modelPath))
            throw new KilnException($"The model file {modelPath} does not exist; pass the model.kiln of a run (in its job folder) with --model.");
        var model = ModelBundle.Load(modelPath);
        return model as PipelineModel
            ?? throw new KilnException($"{modelPath} holds a '{model.Kind}' model, which takes prepared numeric columns; kiln predict scores raw rows with the pipelines 'kiln run' saves.");
    }

    /// <summary>Reads the input, then re-reads or converts the columns the reader typed otherwise than the model was fitted.</summary>
    private static Table ReadInput(string inputPath, PipelineModel model)
    {
        var format = DataFiles.FormatOf(inputPath);
        var table = DataFiles.Read(inputPath, format);
        var mismatched = new Dictionary<string, ColumnKind>(StringComparer.Ordinal);
        foreach (var column in model.InputSchema)
        {
            if (table.TryGetColumn(column.Name, out var found) && found.Kind != column.Kind && !Interchangeable(found, column.Kind))
                mismatched[column.Name] = column.Kind;
        }
        if (mismatched.Count == 0)
            return table;
        return format == DataFormat.Parquet
            ? ColumnKindConversion.Apply(table, mismatched, inputPath)
            : DataFiles.Read(inputPath, format, mismatched);
    }

    // The preparation itself takes categorical for text and the reverse, and a column with no value as any kind.
    private static bool Interchangeable(Column column, ColumnKind kind) =>
        column.MissingCount == column.Length
        || (column.Kind, kind) is (ColumnKind.Text, ColumnKind.Categorical) or (ColumnKind.Categorical, ColumnKind.Text);

    private static Column IdColumn(Table table, string? idColumn, string inputPath, IReadOnlyList<string>? classes)
    {
        if (idColumn is null)
            return NumericColumn.FromOwned(RowColumn, [.. Enumerable.Range(0, table.RowCount).Select(row => (double)row)]);
        if (!table.TryGetColumn(idColumn, out var column))
        {
            var names = table.Schema.Names.ToArray();
            throw new KilnException($"--id '{idColumn}' is not a column of {inputPath}{NearestName.Hint(idColumn, names)} Its columns are: {string.Join(", ", names)}.");
        }
        var taken = new[] { PredictionColumn }.Concat((classes ?? []).Select(name => $"proba_{name}"));
        if (taken.Contains(idColumn, StringComparer.Ordinal))
            throw new KilnException($"--id '{idColumn}' has the name of an output column; rename the column in the input, or leave --id out to number the rows.");
        return column;
    }
}
