using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Kiln.Serving.Tests;

public sealed class FuzzTests(PenguinModels models, ITestOutputHelper output) : IClassFixture<PenguinModels>
{
    private const int Requests = 3000;

    private static readonly string[] Fragments =
    [
        "null", "NaN", "Infinity", "-Infinity", "1e999", "-1e400", "1.7976931348623157e308", "{", "}", "[", "]", "\"", "\"x\"", ",", ":", "true",
        "{\"a\":", "[[[[[[[[[[[[[[[[[[[[", "]]]]", "\\u0000", "\"\\ud800\"", "-", "0x1F", "\"2024-13-45\"", "{}", "[]", "\"columns\"", "\"data\"",
        "\"dataframe_split\"", "\"instances\"", "\"inputs\"", "\"params\"", "{\"probabilities\":1}", "\"shape\":[-1]", "\"shape\":[99999999,99999999]",
        "\"datatype\":\"FP16\"", "\"datatype\":\"BOOL\"", "\"island\"", "\"sex\"", "\"year\"", "12345678901234567890", "\n", ",,,,", "\"\"",
    ];

    private static readonly string[] ContentTypes = ["application/json", "application/json; charset=utf-8", "text/csv", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1", "text/csv; header=present"];

    [Fact]
    public async Task Fuzz_ThousandsOfMutatedBodies_Answer200Or4xxProblemsAndTheServerStaysUp()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species", "mass"), new ServingOptions { RequireAuth = false, MaxRows = 11, MaxBodyBytes = 64 * 1024 });
        var seeds = Seeds();
        var random = new Random(20261123);
        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < Requests; i++)
        {
            var (path, contentType, seed) = seeds[random.Next(seeds.Length)];
            var body = Mutate(Encoding.UTF8.GetBytes(seed), random);
            if (random.Next(10) == 0)
                contentType = ContentTypes[random.Next(ContentTypes.Length)];
            using var content = new ByteArrayContent(body);
            if (random.Next(50) != 0)
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
            if (path == "/invocations")
                request.Headers.Add(ServingApp.ModelHeader, random.Next(20) == 0 ? "nobody" : "species");
            using var response = await server.Client.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(status == 200 || status is >= 400 and < 500, $"request {i} to {path} answered {status}: {text}\nbody: {Encoding.UTF8.GetString(body)}");
            if (status != 200)
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        output.WriteLine($"answers by status: {string.Join(", ", statuses.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}: {pair.Value}"))}");
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync(new Uri("/v2/health/live", UriKind.Relative))).StatusCode);
        var (_, validType, validBody) = seeds[0];
        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync("/invocations?model=species", validBody, validType)).StatusCode);
        // The mutations must reach both outcomes and several kinds of refusal, or the test proves little.
        Assert.True(statuses.GetValueOrDefault(200) > 50, string.Join(", ", statuses.Select(pair => $"{pair.Key}: {pair.Value}")));
        Assert.Equal(Requests, statuses.Values.Sum());
        Assert.True(statuses.Keys.Count(status => status >= 400) >= 4, string.Join(", ", statuses.Select(pair => $"{pair.Key}: {pair.Value}")));
    }

    private (string Path, string ContentType, string Body)[] Seeds()
    {
        var species = models.Classifier.InputSchema;
        var mass = models.Regressor.InputSchema;
        var sample = models.Sample(species);
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', sample.Schema.Names));
        for (var row = 0; row < sample.RowCount; row++)
            csv.AppendLine(string.Join(',', sample.Columns.Select(column => column.IsMissing(row) ? string.Empty : column.FormatValue(row))));
        var columns = new JsonObject();
        foreach (var column in sample.Columns)
            columns[column.Name] = new JsonArray([.. Enumerable.Range(0, sample.RowCount).Select(row => PenguinModels.Cell(column, row))]);
        var tensors = new JsonArray();
        foreach (var column in sample.Columns)
        {
            tensors.Add(new JsonObject
            {
                ["name"] = column.Name,
                ["datatype"] = column.Kind == Core.Data.ColumnKind.Numeric ? "FP64" : "BYTES",
                ["shape"] = new JsonArray(sample.RowCount),
                ["data"] = new JsonArray([.. Enumerable.Range(0, sample.RowCount).Select(row => PenguinModels.Cell(column, row))]),
            });
        }
        var massSample = models.Sample(mass);
        var matrix = new JsonArray();
        for (var row = 0; row < massSample.RowCount; row++)
            matrix.Add(new JsonArray([.. massSample.Columns.Select(column => PenguinModels.Cell(column, row))]));
        return
        [
            ("/invocations", "application/json", new JsonObject { ["dataframe_split"] = new JsonObject { ["columns"] = new JsonArray([.. species.Names.Select(name => (JsonNode?)name)]), ["data"] = models.Rows(species, [.. species.Names]) } }.ToJsonString()),
            ("/invocations", "application/json", new JsonObject { ["dataframe_records"] = models.Records(species), ["params"] = new JsonObject { ["probabilities"] = true } }.ToJsonString()),
            ("/invocations", "application/json", new JsonObject { ["instances"] = models.Rows(species, [.. species.Names]) }.ToJsonString()),
            ("/invocations", "application/json", new JsonObject { ["inputs"] = columns }.ToJsonString()),
            ("/invocations", "text/csv", csv.ToString()),
            ("/v2/models/species/infer", "application/json", new JsonObject { ["id"] = "fuzz", ["inputs"] = tensors }.ToJsonString()),
            ("/v2/models/mass/infer", "application/json", new JsonObject { ["inputs"] = new JsonArray(new JsonObject { ["name"] = "m", ["datatype"] = "FP64", ["shape"] = new JsonArray(massSample.RowCount, mass.Count), ["data"] = matrix }) }.ToJsonString()),
        ];
    }

    private static byte[] Mutate(byte[] body, Random random)
    {
        var bytes = new List<byte>(body);
        var edits = random.Next(4);
        for (var edit = 0; edit < edits; edit++)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 40), bytes.Count - at));
                    break;
                case 2:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Fragments[random.Next(Fragments.Length)]));
                    break;
                case 3:
                    // Replace a token: from here to the next delimiter becomes a fragment.
                    var end = at;
                    while (end < bytes.Count && bytes[end] is not ((byte)',' or (byte)']' or (byte)'}'))
                        end++;
                    bytes.RemoveRange(at, end - at);
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Fragments[random.Next(Fragments.Length)]));
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 5:
                    var length = Math.Min(random.Next(1, 200), bytes.Count - at);
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                default:
                    var noise = new byte[random.Next(1, 16)];
                    random.NextBytes(noise);
                    bytes.InsertRange(at, noise);
                    break;
            }
        }
        return [.. bytes];
    }
}
