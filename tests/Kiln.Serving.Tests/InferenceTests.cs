using System.Net;
using System.Text.Json.Nodes;
using Kiln.Core.Data;

namespace Kiln.Serving.Tests;

public sealed class InferenceTests(PenguinModels models) : IClassFixture<PenguinModels>
{
    private static JsonObject Tensor(string name, string datatype, JsonArray shape, JsonArray data) =>
        new() { ["name"] = name, ["datatype"] = datatype, ["shape"] = shape, ["data"] = data };

    private JsonObject PerColumn(Schema inputs)
    {
        var sample = models.Sample(inputs);
        var tensors = new JsonArray();
        foreach (var column in sample.Columns)
        {
            tensors.Add(Tensor(column.Name, column.Kind == ColumnKind.Numeric ? "FP64" : "BYTES", new JsonArray(sample.RowCount),
                new JsonArray([.. Enumerable.Range(0, sample.RowCount).Select(row => PenguinModels.Cell(column, row))])));
        }
        return new JsonObject { ["id"] = "request-7", ["inputs"] = tensors };
    }

    [Fact]
    public async Task Infer_OneTensorPerColumn_AnswersPredictionsAndProbabilitiesOfThePipeline()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species@champion"));
        var inputs = models.Classifier.InputSchema;

        var response = await server.PostJsonAsync("/v2/models/species/infer", PerColumn(inputs));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await ServerHarness.JsonOf(response);
        Assert.Equal("species", (string?)answer["model_name"]);
        Assert.Equal("1", (string?)answer["model_version"]);
        Assert.Equal("request-7", (string?)answer["id"]);
        var outputs = answer["outputs"]!.AsArray();
        var sample = models.Sample(inputs);
        Assert.Equal("predictions", (string?)outputs[0]!["name"]);
        Assert.Equal("BYTES", (string?)outputs[0]!["datatype"]);
        Assert.Equal([sample.RowCount], outputs[0]!["shape"]!.AsArray().Select(size => (int)size!));
        Assert.Equal(PenguinModels.Expected(models.Classifier, sample), outputs[0]!["data"]!.AsArray().Select(label => (string?)label));
        Assert.Equal("probabilities", (string?)outputs[1]!["name"]);
        Assert.Equal([sample.RowCount, 3], outputs[1]!["shape"]!.AsArray().Select(size => (int)size!));
        Assert.Equal(models.Classifier.PredictProbabilities(sample), outputs[1]!["data"]!.AsArray().Select(value => (double)value!));
    }

    [Fact]
    public async Task Infer_One2DTensorInSignatureOrder_AnswersTheRegressorsNumbers()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("mass"));
        var inputs = models.Regressor.InputSchema;
        var sample = models.Sample(inputs);
        var data = new JsonArray();
        for (var row = 0; row < sample.RowCount; row++)
        {
            foreach (var column in sample.Columns)
                data.Add(PenguinModels.Cell(column, row));
        }

        var response = await server.PostJsonAsync("/v2/models/mass/versions/1/infer", new JsonObject
        {
            ["inputs"] = new JsonArray(Tensor("features", "FP32", new JsonArray(sample.RowCount, inputs.Count), data)),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await ServerHarness.JsonOf(response);
        var outputs = answer["outputs"]!.AsArray();
        Assert.Single(outputs);
        Assert.Equal("FP64", (string?)outputs[0]!["datatype"]);
        Assert.Equal(models.Regressor.Predict(sample), outputs[0]!["data"]!.AsArray().Select(value => (double)value!));
        Assert.False(string.IsNullOrEmpty((string?)answer["id"]));
    }

    [Fact]
    public async Task Infer_VersionInPath_UsesThatVersion()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species@champion", "species/2"));

        var response = await server.PostJsonAsync("/v2/models/species/versions/2/infer", PerColumn(models.Classifier.InputSchema));

        Assert.Equal("2", (string?)(await ServerHarness.JsonOf(response))["model_version"]);
    }

    [Fact]
    public async Task Infer_2DTensorForAModelWithCategories_Is400AskingForOneTensorPerColumn()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species"));

        var response = await server.PostJsonAsync("/v2/models/species/infer", new JsonObject
        {
            ["inputs"] = new JsonArray(Tensor("x", "FP64", new JsonArray(1, 6), new JsonArray(1, 2, 3, 4, 5, 6))),
        });

        var problem = await Problems.Read(response, HttpStatusCode.BadRequest, "x");
        Assert.Contains("one tensor per input column", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_WrongDatatypeForAColumn_Is400NamingTheColumn()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species"));
        var body = PerColumn(models.Classifier.InputSchema);
        var island = body["inputs"]!.AsArray().First(tensor => (string?)tensor!["name"] == "island")!;
        island["datatype"] = "BOOL";

        var response = await server.PostJsonAsync("/v2/models/species/infer", body);

        await Problems.Read(response, HttpStatusCode.BadRequest, "island");
    }

    [Fact]
    public async Task ModelMetadata_Species_ListsVersionsPlatformInputsAndOutputs()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species@champion", "species/2"));

        var metadata = await ServerHarness.JsonOf(await server.Client.GetAsync(new Uri("/v2/models/species", UriKind.Relative)));
        var version2 = await server.Client.GetAsync(new Uri("/v2/models/species/versions/2", UriKind.Relative));

        Assert.Equal("species", (string?)metadata["name"]);
        Assert.Equal(["1", "2"], metadata["versions"]!.AsArray().Select(version => (string?)version));
        Assert.Equal("kiln", (string?)metadata["platform"]);
        var inputs = metadata["inputs"]!.AsArray();
        Assert.Equal(models.Classifier.InputSchema.Names, inputs.Select(input => (string?)input!["name"]));
        Assert.Equal("BYTES", (string?)inputs.First(input => (string?)input!["name"] == "island")!["datatype"]);
        Assert.Equal("FP64", (string?)inputs.First(input => (string?)input!["name"] == "bill_length_mm")!["datatype"]);
        Assert.Equal(["predictions", "probabilities"], metadata["outputs"]!.AsArray().Select(output => (string?)output!["name"]));
        Assert.Equal(models.Classifier.Classes, metadata["parameters"]!["classes"]!.AsArray().Select(label => (string?)label));
        Assert.Equal(HttpStatusCode.OK, version2.StatusCode);
    }

    [Fact]
    public async Task HealthAndReadiness_ServedModel_AreOk()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species"));

        var live = await ServerHarness.JsonOf(await server.Client.GetAsync(new Uri("/v2/health/live", UriKind.Relative)));
        var ready = await ServerHarness.JsonOf(await server.Client.GetAsync(new Uri("/v2/health/ready", UriKind.Relative)));
        var modelReady = await ServerHarness.JsonOf(await server.Client.GetAsync(new Uri("/v2/models/species/ready", UriKind.Relative)));
        var serverMetadata = await ServerHarness.JsonOf(await server.Client.GetAsync(new Uri("/v2", UriKind.Relative)));

        Assert.True((bool)live["live"]!);
        Assert.True((bool)ready["ready"]!);
        Assert.True((bool)modelReady["ready"]!);
        Assert.Equal("kiln", (string?)serverMetadata["name"]);
        Assert.False(string.IsNullOrEmpty((string?)serverMetadata["version"]));
    }

    [Fact]
    public async Task ModelEndpoints_UnknownModelOrVersion_Are404Problems()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species"));

        await Problems.Read(await server.Client.GetAsync(new Uri("/v2/models/churn", UriKind.Relative)), HttpStatusCode.NotFound, "model");
        await Problems.Read(await server.Client.GetAsync(new Uri("/v2/models/species/versions/1/ready", UriKind.Relative)), HttpStatusCode.NotFound, "model");
        await Problems.Read(await server.Client.GetAsync(new Uri("/v2/models/species/versions/x", UriKind.Relative)), HttpStatusCode.NotFound, "version");
        await Problems.Read(await server.PostJsonAsync("/v2/models/churn/infer", new JsonObject()), HttpStatusCode.NotFound, "model");
    }
}
