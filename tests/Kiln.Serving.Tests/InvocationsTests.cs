using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kiln.Core.Data;

namespace Kiln.Serving.Tests;

public sealed class InvocationsTests(PenguinModels models) : IClassFixture<PenguinModels>
{
    private Schema Inputs => models.Classifier.InputSchema;

    private static async Task<string[]> PredictionsOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return [.. JsonNode.Parse(text)!["predictions"]!.AsArray().Select(Text)];
    }

    private static string Text(JsonNode? node) => node!.GetValueKind() == System.Text.Json.JsonValueKind.Number
        ? node.GetValue<double>().ToString("R", CultureInfo.InvariantCulture)
        : node.GetValue<string>();

    private string[] Expected => PenguinModels.Expected(models.Classifier, models.Sample(Inputs));

    [Fact]
    public async Task Invocations_DataframeSplitInAnotherOrderWithAnExtraColumn_PredictsAsThePipeline()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species@champion"));
        string[] columns = ["extra", .. Inputs.Names.Reverse()];
        var data = models.Rows(Inputs, [.. Inputs.Names.Reverse()]);
        foreach (var row in data)
            row!.AsArray().Insert(0, "ignored");

        var response = await server.PostJsonAsync("/invocations", new JsonObject
        {
            ["dataframe_split"] = new JsonObject { ["columns"] = new JsonArray([.. columns.Select(name => (JsonNode?)name)]), ["data"] = data },
        });

        Assert.Equal(Expected, await PredictionsOf(response));
        Assert.Contains(Expected, label => label != Expected[0]);
    }

    [Fact]
    public async Task Invocations_DataframeRecords_PredictsAsThePipeline()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species"));

        var response = await server.PostJsonAsync("/invocations", new JsonObject { ["dataframe_records"] = models.Records(Inputs) });

        Assert.Equal(Expected, await PredictionsOf(response));
    }

    [Fact]
    public async Task Invocations_InstancesAsRecordsAndAsRows_PredictAsThePipeline()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species"));

        var records = await server.PostJsonAsync("/invocations", new JsonObject { ["instances"] = models.Records(Inputs) });
        var rows = await server.PostJsonAsync("/invocations", new JsonObject { ["instances"] = models.Rows(Inputs, [.. Inputs.Names]) });

        Assert.Equal(Expected, await PredictionsOf(records));
        Assert.Equal(Expected, await PredictionsOf(rows));
    }

    [Fact]
    public async Task Invocations_InputsAsColumnsAndAsRecords_PredictAsThePipeline()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species"));
        var sample = models.Sample(Inputs);
        var columns = new JsonObject();
        foreach (var column in sample.Columns)
            columns[column.Name] = new JsonArray([.. Enumerable.Range(0, sample.RowCount).Select(row => PenguinModels.Cell(column, row))]);

        var byColumns = await server.PostJsonAsync("/invocations", new JsonObject { ["inputs"] = columns });
        var byRecords = await server.PostJsonAsync("/invocations", new JsonObject { ["inputs"] = models.Records(Inputs) });

        Assert.Equal(Expected, await PredictionsOf(byColumns));
        Assert.Equal(Expected, await PredictionsOf(byRecords));
    }

    [Fact]
    public async Task Invocations_CsvWithHeader_PredictsAsThePipeline()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species"));
        var sample = models.Sample(Inputs);
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', sample.Schema.Names));
        for (var row = 0; row < sample.RowCount; row++)
            csv.AppendLine(string.Join(',', sample.Columns.Select(column => column.IsMissing(row) ? string.Empty : column.FormatValue(row))));

        var response = await server.PostAsync("/invocations", csv.ToString(), "text/csv");

        Assert.Equal(Expected, await PredictionsOf(response));
    }

    [Fact]
    public async Task Invocations_ParamsProbabilities_AnswersThePipelinesProbabilitiesInClassOrder()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species"));

        var response = await server.PostJsonAsync("/invocations", new JsonObject
        {
            ["dataframe_records"] = models.Records(Inputs),
            ["params"] = new JsonObject { ["probabilities"] = true },
        });

        var answer = await ServerHarness.JsonOf(response);
        Assert.Equal(models.Classifier.Classes, answer["classes"]!.AsArray().Select(label => label!.GetValue<string>()));
        var expected = models.Classifier.PredictProbabilities(models.Sample(Inputs));
        var actual = answer["probabilities"]!.AsArray().SelectMany(row => row!.AsArray().Select(value => value!.GetValue<double>())).ToArray();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Invocations_Regressor_AnswersThePipelinesNumbersExactly()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("mass"));
        var inputs = models.Regressor.InputSchema;

        var response = await server.PostJsonAsync("/invocations", new JsonObject { ["dataframe_records"] = models.Records(inputs) });

        Assert.Equal(PenguinModels.Expected(models.Regressor, models.Sample(inputs)), await PredictionsOf(response));
    }

    [Fact]
    public async Task Invocations_UnseenCategory_IsEncodedAsAtTrainingLikeThePipeline()
    {
        // ColumnPreparer's default handle_unknown is 'ignore': an unseen island is all zeros in the one-hot block.
        await using var server = await ServerHarness.StartAsync(models.Catalog("species"));
        var records = models.Records(Inputs);
        records[0]!["island"] = "Atlantis";
        var sample = models.Sample(Inputs);
        var islands = Enumerable.Range(0, sample.RowCount).Select(row => row == 0 ? "Atlantis" : ((CategoricalColumn)sample["island"])[row]);
        var changed = sample.With(CategoricalColumn.FromValues("island", islands));

        var response = await server.PostJsonAsync("/invocations", new JsonObject { ["dataframe_records"] = records });

        Assert.Equal(PenguinModels.Expected(models.Classifier, changed), await PredictionsOf(response));
    }

    [Fact]
    public async Task Invocations_SeveralModels_PickedByHeaderOrQueryElse400ListingThem()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species@champion", "species/2", "mass"));
        var body = new JsonObject { ["dataframe_records"] = models.Records(models.Regressor.InputSchema) }.ToJsonString();

        var unpicked = await server.PostAsync("/invocations", body, "application/json");
        var byQuery = await server.PostAsync("/invocations?model=mass", body, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/invocations") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(ServingApp.ModelHeader, "mass");
        var byHeader = await server.Client.SendAsync(request);

        var problem = await Problems.Read(unpicked, HttpStatusCode.BadRequest, ServingApp.ModelHeader);
        Assert.Contains("species/1, species/2, mass", (string?)problem["detail"], StringComparison.Ordinal);
        var expected = PenguinModels.Expected(models.Regressor, models.Sample(models.Regressor.InputSchema));
        Assert.Equal(expected, await PredictionsOf(byQuery));
        Assert.Equal(expected, await PredictionsOf(byHeader));
    }

    [Fact]
    public async Task Invocations_UnknownModelPicked_Is404NamingTheServedOnes()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species"));

        var response = await server.PostJsonAsync("/invocations?model=churn", new JsonObject { ["dataframe_records"] = models.Records(Inputs) });

        var problem = await Problems.Read(response, HttpStatusCode.NotFound, "model");
        Assert.Contains("'churn' is not served here; this server serves species/2", (string?)problem["detail"], StringComparison.Ordinal);
    }
}
