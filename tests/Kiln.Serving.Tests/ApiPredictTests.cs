using System.Net;
using System.Text.Json.Nodes;
using Kiln.Core.Data;
using Kiln.Serving.Predictions;

namespace Kiln.Serving.Tests;

public sealed class ApiPredictTests(PenguinModels models) : IClassFixture<PenguinModels>
{
    private static async Task<JsonObject> OkJson(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!.AsObject();
    }

    private static JsonObject Feedback(params (string Id, JsonNode Actual)[] items) => new()
    {
        ["feedback"] = new JsonArray([.. items.Select(item => (JsonNode?)new JsonObject { ["id"] = item.Id, ["actual"] = item.Actual.DeepClone() })]),
    };

    private static string[] IdsOf(JsonObject answer) => [.. answer["predictions"]!.AsArray().Select(row => row!["id"]!.GetValue<string>())];

    [Fact]
    public async Task Predict_Classifier_AnswersThePipelinesLabelsAndProbabilities()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species"));
        var inputs = models.Classifier.InputSchema;
        var sample = models.Sample(inputs);
        var expectedLabels = PenguinModels.Expected(models.Classifier, sample);
        var expectedProbabilities = models.Classifier.PredictProbabilities(sample);
        var classes = models.Classifier.Classes!;

        var answer = await OkJson(await server.PostJsonAsync("/api/models/species/predict", new JsonObject { ["records"] = models.Records(inputs) }));

        Assert.Equal("species", answer["model"]!.GetValue<string>());
        Assert.Equal(2, answer["version"]!.GetValue<int>());
        var rows = answer["predictions"]!.AsArray();
        Assert.Equal(sample.RowCount, rows.Count);
        for (var row = 0; row < rows.Count; row++)
        {
            Assert.Equal(expectedLabels[row], rows[row]!["prediction"]!.GetValue<string>());
            var probabilities = rows[row]!["probabilities"]!.AsObject();
            Assert.Equal(classes, [.. probabilities.Select(pair => pair.Key)]);
            for (var k = 0; k < classes.Count; k++)
                Assert.Equal(expectedProbabilities[(row * classes.Count) + k], probabilities[classes[k]]!.GetValue<double>());
        }
        Assert.Contains(expectedLabels, label => label != expectedLabels[0]);
    }

    [Fact]
    public async Task Predict_VersionInPath_IsAnsweredByThatVersionAndAnUnservedVersionIs404()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species@champion", "species/2"));
        var body = new JsonObject { ["records"] = models.Records(models.Classifier.InputSchema) };

        var byVersion = await OkJson(await server.PostJsonAsync("/api/models/species/versions/2/predict", body.DeepClone()));
        var byName = await OkJson(await server.PostJsonAsync("/api/models/species/predict", body.DeepClone()));
        var notServed = await server.PostJsonAsync("/api/models/species/versions/7/predict", body.DeepClone());
        var notANumber = await server.PostJsonAsync("/api/models/species/versions/two/predict", body);

        Assert.Equal(2, byVersion["version"]!.GetValue<int>());
        Assert.Equal(1, byName["version"]!.GetValue<int>());
        Assert.Contains("species/7", (await Problems.Read(notServed, HttpStatusCode.NotFound, "model"))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await Problems.Read(notANumber, HttpStatusCode.NotFound, "version");
    }

    [Fact]
    public async Task Predict_Regressor_AnswersThePipelinesNumbersWithoutProbabilities()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("mass"));
        var inputs = models.Regressor.InputSchema;
        var expected = models.Regressor.Predict(models.Sample(inputs));

        var answer = await OkJson(await server.PostJsonAsync("/api/models/mass/predict", new JsonObject { ["records"] = models.Records(inputs) }));

        var rows = answer["predictions"]!.AsArray();
        Assert.Equal(expected, rows.Select(row => row!["prediction"]!.GetValue<double>()).ToArray());
        Assert.All(rows, row => Assert.Null(row!["probabilities"]));
        Assert.Equal(1, answer["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Predict_ThousandRowsOverTwoRequests_IdsAreUniqueSortableAndOf26Characters()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species"));
        var inputs = models.Classifier.InputSchema;
        var sample = models.Records(inputs);
        var records = new JsonArray([.. Enumerable.Range(0, 500).Select(index => sample[index % sample.Count]!.DeepClone())]);

        var first = IdsOf(await OkJson(await server.PostJsonAsync("/api/models/species/predict", new JsonObject { ["records"] = records.DeepClone() })));
        var second = IdsOf(await OkJson(await server.PostJsonAsync("/api/models/species/predict", new JsonObject { ["records"] = records })));

        string[] all = [.. first, .. second];
        Assert.Equal(1000, all.Length);
        Assert.Equal(1000, all.Distinct(StringComparer.Ordinal).Count());
        Assert.All(all, id => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{26}$", id));
        Assert.Equal(all, all.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task Predict_BodyWithoutRecords_IsA400ProblemNamingTheMember()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species"));

        var response = await server.PostJsonAsync("/api/models/species/predict", new JsonObject { ["rows"] = new JsonArray() });

        var problem = await Problems.Read(response, HttpStatusCode.BadRequest);
        Assert.Equal("rows", problem["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Predict_ModelNotServed_IsA404Problem()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species"));

        var response = await server.PostJsonAsync("/api/models/mass/predict", new JsonObject { ["records"] = models.Records(models.Regressor.InputSchema) });

        await Problems.Read(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Feedback_KnownIds_AreAcceptedAndCounted()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species"));
        var ids = IdsOf(await OkJson(await server.PostJsonAsync("/api/models/species/predict", new JsonObject { ["records"] = models.Records(models.Classifier.InputSchema) })));

        var answer = await OkJson(await server.PostJsonAsync("/api/models/species/feedback", Feedback((ids[0], "Adelie"), (ids[4], "Gentoo"))));

        Assert.Equal(2, answer["accepted"]!.GetValue<int>());
        Assert.False(answer["logged"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Feedback_UnknownIds_IsA404ListingAtMostFiveOfThem()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species"));
        var ids = IdsOf(await OkJson(await server.PostJsonAsync("/api/models/species/predict", new JsonObject { ["records"] = models.Records(models.Classifier.InputSchema) })));
        (string, JsonNode)[] items = [(ids[0], "Adelie"), .. Enumerable.Range(1, 7).Select(index => ($"UNKNOWN{index}", (JsonNode)"Adelie"))];

        var response = await server.PostJsonAsync("/api/models/species/feedback", Feedback(items));

        var problem = await Problems.Read(response, HttpStatusCode.NotFound);
        var detail = problem["detail"]!.GetValue<string>();
        Assert.StartsWith("7 of 8 ids", detail, StringComparison.Ordinal);
        Assert.Contains("'UNKNOWN5'", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("UNKNOWN6", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(ids[0], detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feedback_IdOfAnotherModel_IsUnknownForThisOne()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species", "mass"));
        var ids = IdsOf(await OkJson(await server.PostJsonAsync("/api/models/mass/predict", new JsonObject { ["records"] = models.Records(models.Regressor.InputSchema) })));

        var response = await server.PostJsonAsync("/api/models/species/feedback", Feedback((ids[0], "Adelie")));

        await Problems.Read(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Feedback_TextForARegressor_IsA400NamingActualAndTheRow()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("mass"));
        var ids = IdsOf(await OkJson(await server.PostJsonAsync("/api/models/mass/predict", new JsonObject { ["records"] = models.Records(models.Regressor.InputSchema) })));

        var response = await server.PostJsonAsync("/api/models/mass/feedback", Feedback((ids[0], 3900.0), (ids[1], "heavy")));

        var problem = await Problems.Read(response, HttpStatusCode.BadRequest);
        Assert.Equal("actual", problem["field"]!.GetValue<string>());
        Assert.Equal(1, problem["row"]!.GetValue<int>());
    }

    [Fact]
    public async Task PredictAndFeedback_WithAStore_LogHoldsEveryPredictionAndFeedbackJoinsById()
    {
        var store = Path.Combine(models.Folder, $"log-{Guid.NewGuid():N}");
        var options = new ServingOptions { RequireAuth = false, StoreRoot = store };
        var inputs = models.Classifier.InputSchema;
        var sample = models.Sample(inputs);
        string[] ids;
        await using (var server = await ServerHarness.StartAsync(models.Catalog("species@champion"), options))
        {
            ids = IdsOf(await OkJson(await server.PostJsonAsync("/api/models/species/predict", new JsonObject { ["records"] = models.Records(inputs) })));
            var feedback = await OkJson(await server.PostJsonAsync("/api/models/species/feedback", Feedback((ids[2], "Adelie"), (ids[8], "Chinstrap"))));
            Assert.True(feedback["logged"]!.GetValue<bool>());
        }

        var folder = Path.Combine(store, "serving", "predictions", "species");
        var predictions = LogFiles.Lines(folder, PredictionLog.PredictionsPrefix);
        var feedbackLines = LogFiles.Lines(folder, PredictionLog.FeedbackPrefix);
        Assert.Equal(ids, predictions.Select(line => line["id"]!.GetValue<string>()).ToArray());
        var expected = PenguinModels.Expected(models.Classifier, sample);
        for (var row = 0; row < ids.Length; row++)
        {
            var line = predictions[row];
            Assert.Equal("species", line["model"]!.GetValue<string>());
            Assert.Equal(1, line["version"]!.GetValue<int>());
            Assert.Equal(expected[row], line["prediction"]!.GetValue<string>());
            Assert.True(line["latency_us"]!.GetValue<long>() >= 0);
            Assert.Equal(DateTimeKind.Utc, line["time"]!.GetValue<DateTime>().Kind);
            var cell = PenguinModels.Cell(sample["bill_length_mm"], row);
            Assert.Equal(cell?.GetValue<double>(), line["inputs"]!["bill_length_mm"]?.GetValue<double>());
            Assert.Equal(sample["island"].FormatValue(row), line["inputs"]!["island"]!.GetValue<string>());
        }
        var byId = predictions.ToDictionary(line => line["id"]!.GetValue<string>());
        Assert.Equal([ids[2], ids[8]], [.. feedbackLines.Select(line => line["id"]!.GetValue<string>())]);
        Assert.Equal(["Adelie", "Chinstrap"], [.. feedbackLines.Select(line => line["actual"]!.GetValue<string>())]);
        Assert.All(feedbackLines, line => Assert.Equal(byId[line["id"]!.GetValue<string>()]["version"]!.GetValue<int>(), line["version"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Feedback_RefusedForAnUnknownId_RecordsNothingOfTheKnownOnes()
    {
        var store = Path.Combine(models.Folder, $"log-{Guid.NewGuid():N}");
        var options = new ServingOptions { RequireAuth = false, StoreRoot = store };
        await using (var server = await ServerHarness.StartAsync(models.Catalog("species"), options))
        {
            var ids = IdsOf(await OkJson(await server.PostJsonAsync("/api/models/species/predict", new JsonObject { ["records"] = models.Records(models.Classifier.InputSchema) })));
            var response = await server.PostJsonAsync("/api/models/species/feedback", Feedback((ids[0], "Adelie"), ("NOSUCHID", "Adelie")));
            await Problems.Read(response, HttpStatusCode.NotFound);
        }

        var folder = Path.Combine(store, "serving", "predictions", "species");
        Assert.Equal(PenguinModels.SampleRows.Length, LogFiles.Lines(folder, PredictionLog.PredictionsPrefix).Count);
        Assert.Empty(LogFiles.Lines(folder, PredictionLog.FeedbackPrefix));
    }

    [Fact]
    public async Task InvocationsAndV2Infer_WithAStore_AreLoggedWithInternalIds()
    {
        var store = Path.Combine(models.Folder, $"log-{Guid.NewGuid():N}");
        var options = new ServingOptions { RequireAuth = false, StoreRoot = store };
        var inputs = models.Regressor.InputSchema;
        var sample = models.Sample(inputs);
        var data = new JsonArray();
        for (var row = 0; row < sample.RowCount; row++)
        {
            foreach (var column in sample.Columns)
                data.Add(PenguinModels.Cell(column, row));
        }
        await using (var server = await ServerHarness.StartAsync(models.Catalog("species", "mass"), options))
        {
            await OkJson(await server.PostJsonAsync("/invocations?model=mass", new JsonObject { ["dataframe_records"] = models.Records(inputs) }));
            await OkJson(await server.PostJsonAsync("/v2/models/mass/infer", new JsonObject
            {
                ["inputs"] = new JsonArray(new JsonObject
                {
                    ["name"] = "features",
                    ["datatype"] = "FP64",
                    ["shape"] = new JsonArray(sample.RowCount, inputs.Count),
                    ["data"] = data,
                }),
            }));
        }

        var lines = LogFiles.Lines(Path.Combine(store, "serving", "predictions", "mass"), PredictionLog.PredictionsPrefix);
        var expected = models.Regressor.Predict(sample);
        Assert.Equal([.. expected, .. expected], lines.Select(line => line["prediction"]!.GetValue<double>()).ToArray());
        Assert.All(lines, line => Assert.Equal(1, line["version"]!.GetValue<int>()));
        Assert.All(lines, line => Assert.Null(line["probabilities"]));
        Assert.Equal(2 * sample.RowCount, lines.Select(line => line["id"]!.GetValue<string>()).Distinct(StringComparer.Ordinal).Count());
        Assert.False(Directory.Exists(Path.Combine(store, "serving", "predictions", "species")));
    }
}
