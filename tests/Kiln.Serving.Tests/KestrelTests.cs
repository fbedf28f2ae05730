using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Kiln.Serving.Tests;

public sealed class KestrelTests(PenguinModels models) : IClassFixture<PenguinModels>
{
    [Fact]
    public async Task Kestrel_LoopbackOnAFreePort_AnswersInvocationsAndInferOverRealHttp()
    {
        var app = new ServingApp(models.Catalog("species"), new ServingOptions { RequireAuth = false }).Build(ServingApp.Listen("127.0.0.1", 0));
        await app.StartAsync();
        try
        {
            var address = new Uri(app.Urls.Single());
            Assert.Equal("127.0.0.1", address.Host);
            Assert.NotEqual(0, address.Port);
            using var client = new HttpClient { BaseAddress = address };
            var inputs = models.Classifier.InputSchema;
            var body = new JsonObject { ["dataframe_records"] = models.Records(inputs) }.ToJsonString();

            using var invocations = await client.PostAsync(new Uri("/invocations", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
            using var live = await client.GetAsync(new Uri("/v2/health/live", UriKind.Relative));
            using var refused = await client.PostAsync(new Uri("/invocations", UriKind.Relative), new StringContent("{", Encoding.UTF8, "application/json"));

            Assert.Equal(HttpStatusCode.OK, invocations.StatusCode);
            var predictions = JsonNode.Parse(await invocations.Content.ReadAsStringAsync())!["predictions"]!.AsArray().Select(label => (string?)label);
            Assert.Equal(PenguinModels.Expected(models.Classifier, models.Sample(inputs)), predictions);
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            await Problems.Read(refused, HttpStatusCode.BadRequest);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
