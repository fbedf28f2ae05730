using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Linear;
using Kiln.Core.Preparation;
using Kiln.Serving.Predictions;
using Kiln.Serving.Routing;

namespace Kiln.Serving.Tests.Predictions;

/// <summary>
/// The log's line writer against the plain way of writing the same line (a fresh <see cref="Utf8JsonWriter"/> per line, names as
/// strings, the time as its "O" string): byte for byte, for names and labels that need escaping, missing cells, extreme numbers.
/// </summary>
public sealed class LogLineWriterTests(PenguinModels models) : IClassFixture<PenguinModels>
{
    private const string Quoted = "x \"quoted\" \\ path";
    private const string Accented = "naïve é/<b>";
    private const string Tagged = "<tag> & 'kind'";

    private static readonly double[] Extremes = [0.1 + 0.2, -0.0, 1e-7, 1e21, 5e-324, double.MaxValue, -123456789.125, 3, double.NaN, 2.5e-5];

    // Twenty rows of two numeric inputs and one categorical, a target whose labels need escaping; the rows to log put
    // extreme and missing numbers in the first input.
    private static PipelineModel OddModel(out Table inputs)
    {
        var count = 20;
        var trained = new double[count];
        var first = new double[count];
        var second = new double[count];
        var kinds = new string?[count];
        var labels = new string?[count];
        for (var row = 0; row < count; row++)
        {
            trained[row] = row * 0.37;
            first[row] = row < Extremes.Length ? Extremes[row] : row * 0.37;
            second[row] = (row % 7) - 3.5;
            kinds[row] = row % 5 == 0 ? null : row % 2 == 0 ? "Ünï \"c\"" : "plain";
            labels[row] = row % 3 == 0 ? "a+b<ok>" : "Zoë \"z\"";
        }
        var table = new Table([
            new NumericColumn(Quoted, trained),
            new NumericColumn(Accented, second),
            CategoricalColumn.FromValues(Tagged, kinds),
            CategoricalColumn.FromValues("label", labels),
        ]).WithRole("label", ColumnRole.Target);
        var model = new Pipeline(new ColumnPreparer(), new LogisticRegressionClassifier()).Fit(new TrainingSet(table, table["label"]));
        inputs = new Table([.. model.InputSchema.Names.Select(name => name == Quoted ? new NumericColumn(Quoted, first) : table[name])]);
        return model;
    }

    private static string Reference(PredictionBatch batch, int row)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", batch.Ids[row]);
            json.WriteString("time", batch.Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("model", batch.Model.Name);
            json.WriteNumber("version", batch.Model.Version);
            json.WriteString("role", RoleNames.Of(batch.Model.Role));
            json.WriteNumber("latency_us", batch.LatencyMicroseconds);
            json.WriteStartObject("inputs");
            foreach (var column in batch.Inputs.Columns)
            {
                if (column.IsMissing(row))
                    json.WriteNull(column.Name);
                else if (column is NumericColumn numbers)
                    json.WriteNumber(column.Name, numbers[row]);
                else
                    json.WriteString(column.Name, column.FormatValue(row));
            }
            json.WriteEndObject();
            var classes = batch.Model.Classes;
            if (classes is null)
            {
                json.WriteNumber("prediction", batch.Predictions[row]);
            }
            else
            {
                json.WriteString("prediction", classes[(int)batch.Predictions[row]]);
                if (batch.Probabilities is { } probabilities)
                {
                    json.WriteStartObject("probabilities");
                    for (var k = 0; k < classes.Count; k++)
                        json.WriteNumber(classes[k], probabilities[(row * classes.Count) + k]);
                    json.WriteEndObject();
                }
            }
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static string[] Lines(LogLineWriter writer, PredictionBatch batch) =>
        [.. Enumerable.Range(0, batch.Ids.Count).Select(row => System.Text.Encoding.UTF8.GetString(writer.Prediction(batch, row)))];

    private static PredictionBatch Batch(ServedModel served, Table inputs, DateTimeOffset time, bool probabilities = true) =>
        new(served, time, 1234, inputs, [.. Enumerable.Range(0, inputs.RowCount).Select(row => $"ID{row:D3}")],
            served.Model.Predict(inputs), probabilities && served.Classes is not null ? served.Model.PredictProbabilities(inputs) : null, []);

    [Fact]
    public void Prediction_NamesAndLabelsNeedingEscapes_SameBytesAsAFreshWriterPerLine()
    {
        var model = OddModel(out var inputs);
        var served = new ServedModel("odd \"model\" ü", 3, [], model, ServingRole.Canary);
        using var writer = new LogLineWriter();
        var batch = Batch(served, inputs, new DateTimeOffset(2026, 11, 24, 1, 2, 3, TimeSpan.FromHours(5)).AddTicks(1234567));

        var lines = Lines(writer, batch);

        Assert.Equal([.. Enumerable.Range(0, inputs.RowCount).Select(row => Reference(batch, row))], lines);
        Assert.Contains("\\u0022quoted\\u0022", lines[0], StringComparison.Ordinal);
        Assert.Contains(":null", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Prediction_ManyBatchesAndModels_EachLineSameBytesAsAFreshWriter()
    {
        var odd = OddModel(out var oddInputs);
        var species = new ServedModel("species", 4, [], models.Classifier);
        var mass = new ServedModel("mass", 1, [], models.Regressor, ServingRole.Shadow);
        var canary = new ServedModel("odd", 2, [], odd, ServingRole.Canary);
        using var writer = new LogLineWriter();
        var time = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        for (var round = 0; round < 3; round++)
        {
            // Same time twice in a row, then a new one: the cached time text must follow.
            foreach (var batch in new[]
            {
                Batch(species, models.Sample(models.Classifier.InputSchema), time),
                Batch(species, models.Sample(models.Classifier.InputSchema), time, probabilities: false),
                Batch(mass, models.Sample(models.Regressor.InputSchema), time.AddMilliseconds(round)),
                Batch(canary, oddInputs, time.AddTicks(round + 1)),
                Batch(species, models.Sample(models.Classifier.InputSchema), time.AddDays(round)) with { Inputs = models.Sample(models.Classifier.InputSchema).Select(["sex", "island", "bill_length_mm"]) },
            })
            {
                Assert.Equal([.. Enumerable.Range(0, batch.Ids.Count).Select(row => Reference(batch, row))], Lines(writer, batch));
            }
        }
    }

    [Fact]
    public void Feedback_LabelsAndNumbers_SameBytesAsAFreshWriter()
    {
        using var writer = new LogLineWriter();
        var batch = new FeedbackBatch("m \"q\" é", new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(-3)), [
            new FeedbackEntry("A1", 2, "Zoë \"z\"", double.NaN),
            new FeedbackEntry("A2", 7, null, 0.1 + 0.2),
            new FeedbackEntry("A3", 7, null, -1e300),
        ]);

        foreach (var entry in batch.Entries)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("id", entry.Id);
                json.WriteString("time", batch.Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                json.WriteString("model", batch.Model);
                json.WriteNumber("version", entry.Version);
                if (entry.Label is { } label)
                    json.WriteString("actual", label);
                else
                    json.WriteNumber("actual", entry.Value);
                json.WriteEndObject();
            }
            Assert.Equal(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n", System.Text.Encoding.UTF8.GetString(writer.Feedback(batch, entry)));
        }
    }
}
