using System.Net;
using System.Text.Json.Nodes;
using Kiln.Core;
using Kiln.Core.Data;
using Kiln.Core.Preparation;
using Kiln.Serving.Predictions;
using Kiln.Serving.Routing;
using Kiln.Tracking.Registry;

namespace Kiln.Serving.Tests.Routing;

public sealed class ChallengerTests(MassVersions versions) : IClassFixture<MassVersions>
{
    [Fact]
    public async Task Canary_TenPercentWithAFixedSeed_ShareWithinTheBinomialBoundAndEachAnswerItsVersions()
    {
        const int Requests = 500;
        var store = versions.NewStore();
        var routing = new RoutingOptions { Canaries = [CanaryRoute.Parse("mass@challenger=10")], Seed = 20_261_123 };
        var roles = new List<string>();
        await using (var server = await SwapServer.StartAsync(store, ["mass@champion"], routing, logStore: store))
        {
            for (var request = 0; request < Requests; request++)
            {
                using var response = await server.PostAsync("/invocations", versions.DataframeSplit());
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var role = response.Headers.GetValues(ServingApp.RoleHeader).Single();
                var version = response.Headers.GetValues(ServingApp.VersionHeader).Single();
                Assert.Equal(role == "canary" ? "2" : "1", version);
                var answers = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["predictions"]!.AsArray().Select(value => value!.GetValue<double>());
                Assert.True(versions.Matches(role == "canary" ? 2 : 1, answers));
                roles.Add(role);
            }
        }

        // Binomial(500, 0.1): mean 50, standard deviation 6.7; 4.5 standard deviations either side.
        var canaries = roles.Count(role => role == "canary");
        Assert.InRange(canaries, 20, 80);
        Assert.Equal(Requests - canaries, roles.Count(role => role == "champion"));
        var lines = LogFiles.Lines(Path.Combine(store, "serving", "predictions", "mass"), PredictionLog.PredictionsPrefix);
        Assert.Equal(canaries * versions.Sample.RowCount, lines.Count(line => (string?)line["role"] == "canary" && (int)line["version"]! == 2));
        Assert.Equal((Requests - canaries) * versions.Sample.RowCount, lines.Count(line => (string?)line["role"] == "champion" && (int)line["version"]! == 1));
    }

    [Fact]
    public void Canary_SameSeed_SameDraws()
    {
        var store = versions.NewStore();
        using var registry = MassVersions.Open(store);
        var routing = new RoutingOptions { Canaries = [CanaryRoute.Parse("mass@challenger=25")], Seed = 7 };
        var first = ModelCatalog.Load(registry, [ModelReference.Parse("mass@champion")], routing);
        var second = ModelCatalog.Load(registry, [ModelReference.Parse("mass@champion")], routing);

        int[] Draws(ModelCatalog catalog) => [.. Enumerable.Range(0, 200).Select(_ =>
        {
            using var lease = catalog.Acquire("mass", null, split: true)!;
            return lease.Model.Version;
        })];

        var draws = Draws(first);
        Assert.Equal(draws, Draws(second));
        // The reference: the same seeded generator drawn in the same way, independent of the catalog.
        var random = new KilnRandom(7);
        Assert.Equal([.. Enumerable.Range(0, 200).Select(_ => random.NextDouble() * 100 < 25 ? 2 : 1)], draws);
    }

    [Fact]
    public async Task Shadow_EveryRequest_ChampionAnswersAndTheShadowLogsItsOwnPredictionsUnderTheSameIds()
    {
        var store = versions.NewStore();
        var routing = new RoutingOptions { Shadows = [ModelReference.Parse("mass@challenger")] };
        var records = new JsonObject { ["records"] = Records() };
        await using (var server = await SwapServer.StartAsync(store, ["mass@champion"], routing, logStore: store))
        {
            for (var request = 0; request < 5; request++)
            {
                using var invocations = await server.PostAsync("/invocations", versions.DataframeSplit());
                Assert.Equal("champion", invocations.Headers.GetValues(ServingApp.RoleHeader).Single());
                Assert.True(versions.Matches(1, JsonNode.Parse(await invocations.Content.ReadAsStringAsync())!["predictions"]!.AsArray().Select(value => value!.GetValue<double>())));
                using var predict = await server.PostAsync("/api/models/mass/predict", records);
                var answer = JsonNode.Parse(await predict.Content.ReadAsStringAsync())!;
                Assert.Equal(1, (int)answer["version"]!);
                Assert.True(versions.Matches(1, answer["predictions"]!.AsArray().Select(row => row!["prediction"]!.GetValue<double>())));
            }
            await server.Serving.Endpoints!.Shadow!.FlushAsync();
            using var metrics = await server.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
            var exposition = PrometheusExposition.Parse(await metrics.Content.ReadAsStringAsync());
            Assert.Equal(10, exposition.Value("kiln_shadow_requests_total", ("model", "mass"), ("outcome", "scored")));
            Assert.Equal(10 * versions.Sample.RowCount, exposition.Value("kiln_predictions_total", ("model", "mass"), ("version", "2")));
        }

        var lines = LogFiles.Lines(Path.Combine(store, "serving", "predictions", "mass"), PredictionLog.PredictionsPrefix);
        var champion = lines.Where(line => (string?)line["role"] == "champion").ToList();
        var shadow = lines.Where(line => (string?)line["role"] == "shadow").ToList();
        Assert.Equal(10 * versions.Sample.RowCount, champion.Count);
        Assert.Equal(champion.Count, shadow.Count);
        Assert.Equal(lines.Count, champion.Count + shadow.Count);
        Assert.All(champion, line => Assert.Equal(1, (int)line["version"]!));
        Assert.All(shadow, line => Assert.Equal(2, (int)line["version"]!));
        Assert.Equal(champion.Select(line => (string)line["id"]!).Order(StringComparer.Ordinal), shadow.Select(line => (string)line["id"]!).Order(StringComparer.Ordinal));
        Assert.All(champion, line => Assert.Equal(versions.Expected[0][RowOf(line)], (double)line["prediction"]!));
        Assert.All(shadow, line => Assert.Equal(versions.Expected[1][RowOf(line)], (double)line["prediction"]!));
    }

    [Fact]
    public async Task Shadow_Throws_AnswersUnaffectedAndFailuresCounted()
    {
        var store = versions.NewStore();
        var routing = new RoutingOptions { Shadows = [ModelReference.Parse("mass@challenger")] };
        await using var server = await SwapServer.StartAsync(store, ["mass@champion"], routing, logStore: store);
        var catalog = server.Serving.Reloader!.Catalog;
        var shadow = catalog.Slots.Single(slot => slot.Role == ServingRole.Shadow);
        catalog.Swap(shadow, new ServedModel("mass", 2, [], new PipelineModel(versions.Second.Preparation, new FailingPredictor(versions.Second.Predictor)), ServingRole.Shadow));

        for (var request = 0; request < 3; request++)
        {
            using var response = await server.PostAsync("/invocations", versions.DataframeSplit());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(versions.Matches(1, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["predictions"]!.AsArray().Select(value => value!.GetValue<double>())));
        }
        await server.Serving.Endpoints!.Shadow!.FlushAsync();
        using var metrics = await server.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var exposition = PrometheusExposition.Parse(await metrics.Content.ReadAsStringAsync());

        Assert.Equal(3, exposition.Value("kiln_shadow_requests_total", ("model", "mass"), ("outcome", "failed")));
        Assert.DoesNotContain(exposition.Samples, sample => sample.Name == "kiln_shadow_requests_total" && sample.Labels["outcome"] == "scored");
    }

    [Fact]
    public void Load_ChallengerOfANameNotServed_RefusesNamingWhatIsServed()
    {
        var store = versions.NewStore();
        using var registry = MassVersions.Open(store);

        var exception = Assert.Throws<KilnException>(() => ModelCatalog.Load(registry, [ModelReference.Parse("mass@champion")], new RoutingOptions { Shadows = [ModelReference.Parse("other@challenger")] }));

        Assert.Contains("--shadow other@challenger challenges 'other', which is not served", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mass@challenger", "has no share")]
    [InlineData("mass@challenger=0", "above 0 and at most 100")]
    [InlineData("mass@challenger=101", "above 0 and at most 100")]
    [InlineData("mass@challenger=ten", "above 0 and at most 100")]
    [InlineData("mass@@x=10", "not valid")]
    public void CanaryRouteParse_Malformed_SaysWhatIsWrong(string text, string expected)
    {
        var exception = Assert.Throws<KilnException>(() => CanaryRoute.Parse(text));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CanaryRouteParse_AliasAndShare_ReadsBoth()
    {
        var route = CanaryRoute.Parse("mass@challenger=12.5");

        Assert.Equal("mass@challenger", route.Reference.ToString());
        Assert.Equal(12.5, route.Percent);
    }

    private JsonArray Records()
    {
        var records = new JsonArray();
        for (var row = 0; row < versions.Sample.RowCount; row++)
            records.Add(new JsonObject([.. MassVersions.Inputs.Select(name => KeyValuePair.Create(name, (JsonNode?)JsonValue.Create(((NumericColumn)versions.Sample[name])[row])))]));
        return records;
    }

    // The sample row a log line's inputs are.
    private int RowOf(JsonObject line)
    {
        var inputs = line["inputs"]!;
        return Enumerable.Range(0, versions.Sample.RowCount).Single(row =>
            MassVersions.Inputs.All(name => ((NumericColumn)versions.Sample[name])[row] == (double)inputs[name]!));
    }
}
