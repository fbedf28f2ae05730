using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Kiln.Serving.Tests.Routing;

public sealed class HotSwapTests(MassVersions versions, ITestOutputHelper output) : IClassFixture<MassVersions>
{
    private const int Clients = 4;
    private const int MovesEach = 10;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Serve_AliasMovedBackAndForthUnderLoad_EveryRequestAnsweredByTheVersionItNames(bool kestrel)
    {
        var store = versions.NewStore();
        await using var server = await SwapServer.StartAsync(store, ["mass@champion"], every: TimeSpan.FromMilliseconds(20), kestrel: kestrel);
        var catalog = server.Serving.Reloader!.Catalog;
        var answered = 0;
        using var stop = new CancellationTokenSource();
        // Odd clients use the v2 protocol, even ones /invocations.
        var clients = Enumerable.Range(0, Clients)
            .Select(client => client % 2 == 1 ? (Infer: true, Body: (JsonNode)versions.InferBody()) : (Infer: false, Body: versions.DataframeSplit()))
            .Select(client => Task.Run(() => LoopAsync(server, client.Infer, client.Body, () => Interlocked.Increment(ref answered), stop.Token)))
            .ToArray();
        var retired = new List<ServedModel>();

        // Through the admin endpoint: each move answers once the new version serves.
        for (var move = 0; move < MovesEach; move++)
        {
            await AfterMoreRequestsAsync(() => Volatile.Read(ref answered), 2 * Clients);
            var version = move % 2 == 0 ? 2 : 1;
            retired.Add(catalog.Find("mass")!);
            using var response = await server.MoveAliasAsync("champion", version);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, text);
            var change = JsonNode.Parse(text)!["changes"]!.AsArray().Single()!;
            Assert.Equal(version, change["to"]!.GetValue<int>());
            Assert.True(change["swapped"]!.GetValue<bool>());
            Assert.Equal(version, catalog.Find("mass")!.Version);
        }

        // Through the registry: another connection moves the alias, the watcher notices.
        using (var registry = MassVersions.Open(store))
        {
            for (var move = 0; move < MovesEach; move++)
            {
                await AfterMoreRequestsAsync(() => Volatile.Read(ref answered), 2 * Clients);
                var version = move % 2 == 0 ? 2 : 1;
                retired.Add(catalog.Find("mass")!);
                registry.SetAlias("mass", "champion", version);
                await UntilAsync(() => catalog.Find("mass")!.Version == version, $"the watcher to swap mass@champion to version {version}");
            }
        }
        await AfterMoreRequestsAsync(() => Volatile.Read(ref answered), 2 * Clients);
        await stop.CancelAsync();
        var results = (await Task.WhenAll(clients)).SelectMany(list => list).ToList();

        output.WriteLine($"{results.Count} requests, {results.Count(result => result.Version == 1)} answered by version 1, {results.Count(result => result.Version == 2)} by version 2, over {2 * MovesEach} swaps");
        Assert.True(results.Count >= ((2 * MovesEach) + 1) * 2 * Clients, $"only {results.Count} requests");
        Assert.All(results, result => Assert.True(result.Status == HttpStatusCode.OK, result.Detail));
        Assert.All(results, result => Assert.True(versions.Matches(result.Version, result.Answers), $"version {result.Version} answered {string.Join(", ", result.Answers)}"));
        Assert.Contains(results, result => result.Version == 1);
        Assert.Contains(results, result => result.Version == 2);
        Assert.Equal(2 * MovesEach, server.Reports.Count(line => line.StartsWith("swapped mass@champion (champion) from version", StringComparison.Ordinal)));
        using (var metrics = await server.Client.GetAsync(new Uri("/metrics", UriKind.Relative)))
        {
            var exposition = PrometheusExposition.Parse(await metrics.Content.ReadAsStringAsync());
            Assert.Equal(2 * MovesEach, exposition.Value("kiln_model_reloads_total", ("reference", "mass@champion"), ("outcome", "swapped")));
            Assert.Equal(results.Count(result => result.Version == 1) * versions.Sample.RowCount, exposition.Value("kiln_predictions_total", ("model", "mass"), ("version", "1")));
        }
        // Every model swapped out is released once its last request ended; the one serving now is not.
        var serving = catalog.Find("mass")!;
        Assert.False(serving.IsReleased);
        await UntilAsync(() => retired.Where(model => !ReferenceEquals(model, serving)).All(model => model.IsReleased), "the swapped-out models to be released");
    }

    private static async Task<List<Answer>> LoopAsync(SwapServer server, bool infer, JsonNode body, Func<int> counted, CancellationToken stop)
    {
        var answers = new List<Answer>();
        while (!stop.IsCancellationRequested)
        {
            using var response = await server.PostAsync(infer ? "/v2/models/mass/infer" : "/invocations", body);
            var text = await response.Content.ReadAsStringAsync(CancellationToken.None);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                answers.Add(new Answer(response.StatusCode, 0, [], text));
                continue;
            }
            var json = JsonNode.Parse(text)!;
            var header = int.Parse(response.Headers.GetValues(ServingApp.VersionHeader).Single(), CultureInfo.InvariantCulture);
            int version;
            double[] values;
            if (infer)
            {
                version = int.Parse((string)json["model_version"]!, CultureInfo.InvariantCulture);
                values = [.. json["outputs"]![0]!["data"]!.AsArray().Select(value => value!.GetValue<double>())];
            }
            else
            {
                version = header;
                values = [.. json["predictions"]!.AsArray().Select(value => value!.GetValue<double>())];
            }
            answers.Add(new Answer(response.StatusCode, header == version ? version : -1, values, text));
            counted();
        }
        return answers;
    }

    private static async Task AfterMoreRequestsAsync(Func<int> count, int more)
    {
        var target = count() + more;
        await UntilAsync(() => count() >= target, $"{more} more answers");
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Gave up waiting for {what}.");
            await Task.Delay(5);
        }
    }

    internal sealed record Answer(HttpStatusCode Status, int Version, double[] Answers, string Detail);
}
