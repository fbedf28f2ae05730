using System.Net;
using System.Text.Json.Nodes;
using Kiln.Core.Data;
using Kiln.Core.Preparation;

namespace Kiln.Serving.Tests.Requests;

/// <summary>
/// The answers are written with a Utf8JsonWriter; each must be, byte for byte, the JSON node tree of the same answer
/// (built here from the pipeline's own predictions) as System.Text.Json serialises it.
/// </summary>
public sealed class AnswerBytesTests(PenguinModels models) : IClassFixture<PenguinModels>
{
    [Fact]
    public async Task Invocations_ClassifierWithProbabilities_BytesOfTheNodeTree()
    {
        var inputs = models.Classifier.InputSchema;
        await using var server = await ServerHarness.StartAsync(models.Catalog("species@champion"));
        var response = await server.PostJsonAsync("/invocations", new JsonObject
        {
            ["dataframe_split"] = new JsonObject { ["columns"] = Names(inputs), ["data"] = models.Rows(inputs, [.. inputs.Names]) },
            ["params"] = new JsonObject { ["probabilities"] = true },
        });

        var sample = models.Sample(inputs);
        var classes = models.Classifier.Classes!;
        var probabilities = models.Classifier.PredictProbabilities(sample);
        var expected = new JsonObject
        {
            ["predictions"] = Labels(models.Classifier, sample),
            ["classes"] = new JsonArray([.. classes.Select(label => (JsonNode?)label)]),
            ["probabilities"] = new JsonArray([.. Enumerable.Range(0, sample.RowCount).Select(row =>
                (JsonNode?)new JsonArray([.. probabilities.AsSpan(row * classes.Count, classes.Count).ToArray().Select(value => (JsonNode?)value)]))]),
        };
        Assert.Equal(expected.ToJsonString(), await Text(response));
    }

    [Fact]
    public async Task Invocations_Regressor_BytesOfTheNodeTree()
    {
        var inputs = models.Regressor.InputSchema;
        await using var server = await ServerHarness.StartAsync(models.Catalog("mass"));
        var response = await server.PostJsonAsync("/invocations", new JsonObject
        {
            ["dataframe_split"] = new JsonObject { ["columns"] = Names(inputs), ["data"] = models.Rows(inputs, [.. inputs.Names]) },
        });

        var expected = new JsonObject
        {
            ["predictions"] = new JsonArray([.. models.Regressor.Predict(models.Sample(inputs)).Select(value => (JsonNode?)value)]),
        };
        Assert.Equal(expected.ToJsonString(), await Text(response));
    }

    [Fact]
    public async Task Infer_Classifier_BytesOfTheNodeTree()
    {
        var inputs = models.Classifier.InputSchema;
        var sample = models.Sample(inputs);
        await using var server = await ServerHarness.StartAsync(models.Catalog("species@champion"));
        var response = await server.PostJsonAsync("/v2/models/species/infer", new JsonObject
        {
            ["id"] = "request-<7>é",
            ["inputs"] = new JsonArray([.. sample.Columns.Select(column => (JsonNode?)new JsonObject
            {
                ["name"] = column.Name,
                ["datatype"] = column is NumericColumn ? "FP64" : "BYTES",
                ["shape"] = new JsonArray(sample.RowCount),
                ["data"] = new JsonArray([.. Enumerable.Range(0, sample.RowCount).Select(row => PenguinModels.Cell(column, row))]),
            })]),
        });

        var classes = models.Classifier.Classes!;
        var expected = new JsonObject
        {
            ["model_name"] = "species",
            ["model_version"] = "1",
            ["id"] = "request-<7>é",
            ["outputs"] = new JsonArray
            {
                new JsonObject
                {
                    ["name"] = "predictions",
                    ["datatype"] = "BYTES",
                    ["shape"] = new JsonArray(sample.RowCount),
                    ["data"] = Labels(models.Classifier, sample),
                },
                new JsonObject
                {
                    ["name"] = "probabilities",
                    ["datatype"] = "FP64",
                    ["shape"] = new JsonArray(sample.RowCount, classes.Count),
                    ["data"] = new JsonArray([.. models.Classifier.PredictProbabilities(sample).Select(value => (JsonNode?)value)]),
                    ["parameters"] = new JsonObject { ["classes"] = new JsonArray([.. classes.Select(label => (JsonNode?)label)]) },
                },
            },
        };
        Assert.Equal(expected.ToJsonString(), await Text(response));
    }

    [Fact]
    public async Task Infer_Regressor_BytesOfTheNodeTree()
    {
        var inputs = models.Regressor.InputSchema;
        var sample = models.Sample(inputs);
        await using var server = await ServerHarness.StartAsync(models.Catalog("mass"));
        var response = await server.PostJsonAsync("/v2/models/mass/infer", new JsonObject
        {
            ["id"] = "r1",
            ["inputs"] = new JsonArray([.. sample.Columns.Select(column => (JsonNode?)new JsonObject
            {
                ["name"] = column.Name,
                ["datatype"] = "FP64",
                ["shape"] = new JsonArray(sample.RowCount),
                ["data"] = new JsonArray([.. Enumerable.Range(0, sample.RowCount).Select(row => PenguinModels.Cell(column, row))]),
            })]),
        });

        var expected = new JsonObject
        {
            ["model_name"] = "mass",
            ["model_version"] = "1",
            ["id"] = "r1",
            ["outputs"] = new JsonArray
            {
                new JsonObject
                {
                    ["name"] = "predictions",
                    ["datatype"] = "FP64",
                    ["shape"] = new JsonArray(sample.RowCount),
                    ["data"] = new JsonArray([.. models.Regressor.Predict(sample).Select(value => (JsonNode?)value)]),
                },
            },
        };
        Assert.Equal(expected.ToJsonString(), await Text(response));
    }

    private static JsonArray Names(Schema inputs) => new([.. inputs.Names.Select(name => (JsonNode?)name)]);

    private static JsonArray Labels(PipelineModel model, Table sample) =>
        new([.. model.Predict(sample).Select(index => (JsonNode?)model.Classes![(int)index])]);

    private static async Task<string> Text(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(text.Length, (int)response.Content.Headers.ContentLength!.Value);
        return text;
    }
}
