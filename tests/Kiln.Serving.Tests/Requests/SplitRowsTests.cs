using System.Net;
using System.Text.Json.Nodes;

namespace Kiln.Serving.Tests.Requests;

/// <summary>dataframe_split and row lists read straight into columns: a row of the wrong width is a 400 naming the row and what a row must hold.</summary>
public sealed class SplitRowsTests(PenguinModels models) : IClassFixture<PenguinModels>
{
    [Fact]
    public async Task Invocations_SplitRowShortOfTheColumns_400NamesRowAndWidth()
    {
        var inputs = models.Classifier.InputSchema;
        var data = models.Rows(inputs, [.. inputs.Names]);
        data[2]!.AsArray().RemoveAt(0);
        var problem = await Post(new JsonObject
        {
            ["dataframe_split"] = new JsonObject { ["columns"] = new JsonArray([.. inputs.Names.Select(name => (JsonNode?)name)]), ["data"] = data },
        }, "dataframe_split.data", 2);
        Assert.EndsWith("; each row must be an array of 7 values.", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocations_SplitWithAnExtraColumnRowTooLong_400SaysOneValuePerName()
    {
        var inputs = models.Classifier.InputSchema;
        var data = models.Rows(inputs, [.. inputs.Names]);
        foreach (var row in data)
            row!.AsArray().Add("extra");
        data[4]!.AsArray().Add("one too many");
        var problem = await Post(new JsonObject
        {
            ["dataframe_split"] = new JsonObject { ["columns"] = new JsonArray([.. inputs.Names.Append("note").Select(name => (JsonNode?)name)]), ["data"] = data },
        }, "dataframe_split.data", 4);
        Assert.EndsWith("; each row must be an array of 8 values, one per name in 'columns'.", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocations_InstancesRowNotAnArray_400ListsTheInputOrder()
    {
        var inputs = models.Classifier.InputSchema;
        var data = models.Rows(inputs, [.. inputs.Names]);
        data[1] = 5;
        var problem = await Post(new JsonObject { ["instances"] = data }, "instances", 1);
        Assert.Equal($"'instances' row 1 is 5; each row must be an array of 7 values in the model's input order ({string.Join(", ", inputs.Names)}).", (string?)problem["detail"]);
    }

    [Fact]
    public async Task Invocations_SplitWithExtraColumnsBetweenInputs_PredictsAsThePipeline()
    {
        var inputs = models.Classifier.InputSchema;
        string[] names = [.. inputs.Names.SelectMany(name => new[] { "x_" + name, name }).Reverse()];
        var rows = models.Rows(inputs, [.. inputs.Names.Reverse()]);
        var data = new JsonArray([.. rows.Select(row => (JsonNode?)new JsonArray([.. row!.AsArray().SelectMany(cell => new[] { cell?.DeepClone(), (JsonNode?)"filler" })]))]);
        await using var server = await ServerHarness.StartAsync(models.Catalog("species@champion"));
        var response = await server.PostJsonAsync("/invocations", new JsonObject
        {
            ["dataframe_split"] = new JsonObject { ["columns"] = new JsonArray([.. names.Select(name => (JsonNode?)name)]), ["data"] = data },
        });

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var answer = JsonNode.Parse(text)!["predictions"]!.AsArray().Select(node => (string)node!).ToArray();
        Assert.Equal(PenguinModels.Expected(models.Classifier, models.Sample(inputs)), answer);
    }

    private async Task<JsonObject> Post(JsonObject body, string field, int row)
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species@champion"));
        return await Problems.Read(await server.PostJsonAsync("/invocations", body), HttpStatusCode.BadRequest, field, row);
    }
}
