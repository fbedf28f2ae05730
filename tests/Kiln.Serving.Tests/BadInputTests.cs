using System.Net;
using System.Text.Json.Nodes;

namespace Kiln.Serving.Tests;

public sealed class BadInputTests(PenguinModels models) : IClassFixture<PenguinModels>
{
    private const string Json = "application/json";

    private async Task<JsonObject> Refused(string body, HttpStatusCode status, string? field = null, int? row = null, string contentType = Json, ServingOptions? options = null)
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species"), options);
        return await Problems.Read(await server.PostAsync("/invocations", body, contentType), status, field, row);
    }

    private string RecordsWith(int row, string column, JsonNode? value)
    {
        var records = models.Records(models.Classifier.InputSchema);
        records[row]![column] = value;
        return new JsonObject { ["dataframe_records"] = records }.ToJsonString();
    }

    [Fact]
    public async Task Invocations_TextInANumericColumn_Is400NamingColumnAndRow()
    {
        var problem = await Refused(RecordsWith(2, "bill_depth_mm", "deep"), HttpStatusCode.BadRequest, "bill_depth_mm", 2);

        Assert.Contains("Column 'bill_depth_mm' row 2: expected a number", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocations_ObjectInACategoryColumn_Is400NamingColumnAndRow()
    {
        await Refused(RecordsWith(4, "island", new JsonObject()), HttpStatusCode.BadRequest, "island", 4);
    }

    [Fact]
    public async Task Invocations_MissingColumn_Is400ListingWhatTheModelNeeds()
    {
        var records = models.Records(models.Classifier.InputSchema);
        foreach (var record in records)
            record!.AsObject().Remove("sex");

        var problem = await Refused(new JsonObject { ["dataframe_records"] = records }.ToJsonString(), HttpStatusCode.BadRequest, "sex");

        Assert.Contains("lacks the input column 'sex'; the model needs: ", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocations_OneRecordWithoutAColumn_Is400NamingTheRow()
    {
        var records = models.Records(models.Classifier.InputSchema);
        records[5]!.AsObject().Remove("year");

        await Refused(new JsonObject { ["dataframe_records"] = records }.ToJsonString(), HttpStatusCode.BadRequest, "year", 5);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e999")]
    public async Task Invocations_NumberBeyondDouble_Is400NotFinite(string number)
    {
        var body = RecordsWith(1, "flipper_length_mm", 0).Replace("\"flipper_length_mm\":0", $"\"flipper_length_mm\":{number}", StringComparison.Ordinal);

        var problem = await Refused(body, HttpStatusCode.BadRequest, "flipper_length_mm", 1);

        Assert.Contains("not a finite number", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocations_NaNLiteral_Is400InvalidJson()
    {
        var body = RecordsWith(1, "flipper_length_mm", 0).Replace("\"flipper_length_mm\":0", "\"flipper_length_mm\":NaN", StringComparison.Ordinal);

        var problem = await Refused(body, HttpStatusCode.BadRequest);

        Assert.Contains("not valid JSON", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocations_InfinityInCsv_Is400NamingColumnAndRow()
    {
        var names = models.Classifier.InputSchema.Names.ToArray();
        var values = names.Select(name => name switch { "island" => "Biscoe", "sex" => "male", "bill_length_mm" => "Infinity", _ => "1" });
        var csv = $"{string.Join(',', names)}\n{string.Join(',', values)}\n";

        await Refused(csv, HttpStatusCode.BadRequest, "bill_length_mm", 0, "text/csv");
    }

    [Fact]
    public async Task Invocations_EmptyBody_Is400()
    {
        var problem = await Refused(string.Empty, HttpStatusCode.BadRequest);

        Assert.Contains("empty", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocations_TwoFormats_Is400()
    {
        var records = models.Records(models.Classifier.InputSchema);
        var body = new JsonObject { ["dataframe_records"] = records, ["instances"] = records.DeepClone() }.ToJsonString();

        await Refused(body, HttpStatusCode.BadRequest, "instances");
    }

    [Fact]
    public async Task Invocations_DeepJson_Is400NamingTheDepthLimit()
    {
        var body = $"{{\"inputs\":{new string('[', 200)}{new string(']', 200)}}}";

        var problem = await Refused(body, HttpStatusCode.BadRequest);

        Assert.Contains("16 levels deep", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocations_TooManyRows_Is413()
    {
        var body = new JsonObject { ["dataframe_records"] = models.Records(models.Classifier.InputSchema) }.ToJsonString();

        await Refused(body, HttpStatusCode.RequestEntityTooLarge, "dataframe_records", options: new ServingOptions { RequireAuth = false, MaxRows = 3 });
    }

    [Fact]
    public async Task Invocations_BodyOverTheLimit_Is413()
    {
        var body = new JsonObject { ["dataframe_records"] = models.Records(models.Classifier.InputSchema) }.ToJsonString();

        await Refused(body, HttpStatusCode.RequestEntityTooLarge, options: new ServingOptions { RequireAuth = false, MaxBodyBytes = 100 });
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task Invocations_OtherContentType_Is415(string contentType)
    {
        await Refused("{}", HttpStatusCode.UnsupportedMediaType, "Content-Type", contentType: contentType);
    }

    [Fact]
    public async Task Invocations_UnknownParameter_Is400NamingIt()
    {
        var body = new JsonObject { ["dataframe_records"] = models.Records(models.Classifier.InputSchema), ["params"] = new JsonObject { ["temperature"] = 2 } }.ToJsonString();

        await Refused(body, HttpStatusCode.BadRequest, "params.temperature");
    }

    [Fact]
    public async Task Invocations_ProbabilitiesOfARegressor_Is400()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("mass"));
        var body = new JsonObject { ["dataframe_records"] = models.Records(models.Regressor.InputSchema), ["params"] = new JsonObject { ["probabilities"] = true } };

        await Problems.Read(await server.PostJsonAsync("/invocations", body), HttpStatusCode.BadRequest, "params.probabilities");
    }

    [Fact]
    public async Task Invocations_ExtremeButFiniteInputs_AnswerOr422NeverA5xx()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("mass"));
        var body = new JsonObject
        {
            ["dataframe_split"] = new JsonObject
            {
                ["columns"] = new JsonArray("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "year"),
                ["data"] = new JsonArray(new JsonArray(1.7e308, -1.7e308, 1.7e308, 1.7e308)),
            },
        };

        var response = await server.PostJsonAsync("/invocations", body);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Theory]
    [InlineData("{\"dataframe_records\":[{\"island\":\"\\ud800\"}]}")]
    [InlineData("{\"dataframe_records\":[{\"\\udc00\":1}]}")]
    public async Task Invocations_EscapedLoneSurrogate_Is400(string body)
    {
        var problem = await Refused(body, HttpStatusCode.BadRequest);

        Assert.Contains("not valid text", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocations_CsvWithARepeatedHeader_Is4xx()
    {
        var names = models.Classifier.InputSchema.Names.ToArray();
        var csv = $"{string.Join(',', names)},island\nBiscoe,1,2,3,4,male,2007,Dream\n";

        await using var server = await ServerHarness.StartAsync(models.Catalog("species"));
        var response = await server.PostAsync("/invocations", csv, "text/csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownRoute_Is404Problem()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species"));

        var response = await server.Client.GetAsync(new Uri("/nothing-here", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Infer_ShapeAndDataDisagree_Is400NamingTheTensor()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("mass"));
        var body = "{\"inputs\":[{\"name\":\"m\",\"datatype\":\"FP64\",\"shape\":[2,4],\"data\":[1,2,3]}]}";

        var problem = await Problems.Read(await server.PostAsync("/v2/models/mass/infer", body, Json), HttpStatusCode.BadRequest, "m");

        Assert.Contains("has 3 values, but shape [2, 4] needs 8", (string?)problem["detail"], StringComparison.Ordinal);
    }
}
