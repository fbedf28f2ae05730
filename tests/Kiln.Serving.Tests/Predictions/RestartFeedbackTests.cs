using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kiln.Serving.Predictions;
using Kiln.Serving.Routing;

namespace Kiln.Serving.Tests.Predictions;

/// <summary>Feedback for predictions made before a restart: the ids a new server reads back from the prediction log it kept.</summary>
public sealed class RestartFeedbackTests(PenguinModels models) : IClassFixture<PenguinModels>
{
    private string NewStore() => Path.Combine(models.Folder, $"restart-{Guid.NewGuid():N}");

    private static JsonObject Feedback(params (string Id, string Actual)[] items) => new()
    {
        ["feedback"] = new JsonArray([.. items.Select(item => (JsonNode?)new JsonObject { ["id"] = item.Id, ["actual"] = item.Actual })]),
    };

    private static async Task<JsonObject> OkJson(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    private static string[] IdsOf(JsonObject answer) => [.. answer["predictions"]!.AsArray().Select(row => row!["id"]!.GetValue<string>())];

    private static string Line(string id, string model, int version, string role = "champion") =>
        $$"""{"id":"{{id}}","time":"2026-11-24T00:00:00.0000000Z","model":"{{model}}","version":{{version}},"role":"{{role}}","latency_us":12,"inputs":{"x":1.5,"island":"Biscoe"},"prediction":"Adelie"}""" + "\n";

    private static string WriteFile(string store, string model, int sequence, string text, DateTime written)
    {
        var folder = Path.Combine(store, "serving", "predictions", model);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"predictions-{sequence:D6}.jsonl");
        File.WriteAllText(path, text, new UTF8Encoding(false));
        File.SetLastWriteTimeUtc(path, written);
        return path;
    }

    private static readonly DateTime Monday = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Feedback_AfterARestart_AcceptsTheOldIdsJoinedWithTheVersionThatAnsweredThem()
    {
        var store = NewStore();
        var options = new ServingOptions { RequireAuth = false, StoreRoot = store };
        var records = new JsonObject { ["records"] = models.Records(models.Classifier.InputSchema) };
        string[] first;
        string[] second;
        await using (var server = await ServerHarness.StartAsync(models.Catalog("species@champion", "species/2"), options))
        {
            first = IdsOf(await OkJson(await server.PostJsonAsync("/api/models/species/predict", records.DeepClone())));
            second = IdsOf(await OkJson(await server.PostJsonAsync("/api/models/species/versions/2/predict", records.DeepClone())));
        }

        // The new server serves version 2 only: version 1's ids are still joined with version 1.
        await using (var server = await ServerHarness.StartAsync(models.Catalog("species/2"), options))
        {
            var answer = await OkJson(await server.PostJsonAsync("/api/models/species/feedback", Feedback((first[1], "Adelie"), (second[3], "Gentoo"), (first[9], "Chinstrap"))));
            Assert.Equal(3, answer["accepted"]!.GetValue<int>());
            Assert.True(answer["logged"]!.GetValue<bool>());
            var unknown = await server.PostJsonAsync("/api/models/species/feedback", Feedback(("01NOTLOGGEDBEFORE000000000", "Adelie")));
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        var feedback = LogFiles.Lines(Path.Combine(store, "serving", "predictions", "species"), PredictionLog.FeedbackPrefix);
        Assert.Equal([first[1], second[3], first[9]], [.. feedback.Select(line => line["id"]!.GetValue<string>())]);
        Assert.Equal([1, 2, 1], [.. feedback.Select(line => line["version"]!.GetValue<int>())]);
    }

    [Fact]
    public async Task Feedback_AfterARestartWithoutSampling_OldIdsAreUnknown()
    {
        var store = NewStore();
        var unsampled = new ServingOptions { RequireAuth = false, StoreRoot = store, PredictionLog = new PredictionLogOptions { SamplingRate = 0 } };
        string[] ids;
        await using (var server = await ServerHarness.StartAsync(models.Catalog("species"), unsampled))
            ids = IdsOf(await OkJson(await server.PostJsonAsync("/api/models/species/predict", new JsonObject { ["records"] = models.Records(models.Classifier.InputSchema) })));

        await using (var server = await ServerHarness.StartAsync(models.Catalog("species"), unsampled with { PredictionLog = new PredictionLogOptions() }))
        {
            var response = await server.PostJsonAsync("/api/models/species/feedback", Feedback((ids[0], "Adelie")));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task Start_LogWithATornLastLineAndABadLine_StartsAndAcceptsTheWholeLines()
    {
        var store = NewStore();
        WriteFile(store, "species", 1,
            Line("OLD1", "species", 1) + "not json at all\n" + Line("OLD2", "species", 2) + Line("TORN", "species", 2)[..40],
            Monday);
        var reported = new List<string>();
        var options = new ServingOptions { RequireAuth = false, StoreRoot = store, PredictionLog = new PredictionLogOptions { Report = reported.Add } };

        await using var server = await ServerHarness.StartAsync(models.Catalog("species"), options);

        Assert.Equal(2, reported.Count);
        Assert.StartsWith("prediction log: remembered 2 prediction ids for feedback from 1 files under ", reported[0], StringComparison.Ordinal);
        Assert.StartsWith("prediction log: skipped 1 lines that are not prediction lines and 1 last lines cut short", reported[1], StringComparison.Ordinal);
        var answer = await OkJson(await server.PostJsonAsync("/api/models/species/feedback", Feedback(("OLD1", "Adelie"), ("OLD2", "Gentoo"))));
        Assert.Equal(2, answer["accepted"]!.GetValue<int>());
        var torn = await server.PostJsonAsync("/api/models/species/feedback", Feedback(("TORN", "Adelie")));
        Assert.Equal(HttpStatusCode.NotFound, torn.StatusCode);
    }

    [Fact]
    public void Read_TornLastLineBadLinesAndShadowLines_SkipsAndCountsThem()
    {
        var store = NewStore();
        WriteFile(store, "species", 1,
            Line("A", "species", 1) + "{\"id\":\"B\",\"model\":\"species\"}\n" + "[1,2]\n" + "{\"id\":\"C\",\"model\":\"mass\",\"version\":1}\n"
            + Line("A", "species", 2, "shadow") + Line("D", "species", 3, "canary") + "\n" + "{\"id\":\"E\",\"model\":\"species\",\"version\":4,\"role\":\"champion\",\"inputs\":{\"x\":" ,
            Monday);

        var logged = LoggedPredictions.Read(Path.Combine(store, "serving", "predictions"), ["species"], 100);

        Assert.Equal(
            [("A", new KnownPrediction("species", 1, ServingRole.Champion)), ("D", new KnownPrediction("species", 3, ServingRole.Canary))],
            logged.Ids);
        Assert.Equal(3, logged.BadLines);
        Assert.Equal(1, logged.TornLines);
        Assert.Equal(1, logged.Files);
    }

    [Fact]
    public void Read_MoreIdsThanTheLimit_KeepsTheNewestFilesAndTheirLastLinesOldestFirst()
    {
        var store = NewStore();
        // species: files 1 (oldest) and 2; mass: file 1, written between them. Newest first: species 2, mass 1, species 1.
        WriteFile(store, "species", 1, string.Concat(Enumerable.Range(0, 4).Select(index => Line($"S1-{index}", "species", 1))), Monday);
        WriteFile(store, "mass", 1, string.Concat(Enumerable.Range(0, 3).Select(index => Line($"M1-{index}", "mass", 1))), Monday.AddHours(1));
        WriteFile(store, "species", 2, string.Concat(Enumerable.Range(0, 3).Select(index => Line($"S2-{index}", "species", 2))), Monday.AddHours(2));
        var folder = Path.Combine(store, "serving", "predictions");

        var logged = LoggedPredictions.Read(folder, ["species", "mass"], 8);

        Assert.Equal(["S1-2", "S1-3", "M1-0", "M1-1", "M1-2", "S2-0", "S2-1", "S2-2"], logged.Ids.Select(entry => entry.Id));
        Assert.Equal(3, logged.Files);
        Assert.Equal(["M1-0", "M1-1", "M1-2"], LoggedPredictions.Read(folder, ["mass"], 100).Ids.Select(entry => entry.Id));
        Assert.Equal(["S2-1", "S2-2"], LoggedPredictions.Read(folder, ["species", "mass"], 2).Ids.Select(entry => entry.Id));
        Assert.Equal(1, LoggedPredictions.Read(folder, ["species", "mass"], 2).Files);
    }

    [Fact]
    public void KnownPredictions_SeededBeyondItsCapacity_RemembersTheNewestAndForgetsThemFirstWhenAnswering()
    {
        var logged = Enumerable.Range(0, 6).Select(index => ($"L{index}", new KnownPrediction("species", 1, ServingRole.Champion))).ToList();
        var known = new KnownPredictions(4, logged);

        Assert.Equal(4, known.Count);
        Assert.Null(known.Find("L1"));
        Assert.Equal(new KnownPrediction("species", 1, ServingRole.Champion), known.Find("L2"));

        known.Add(["N0", "N1"], new ServedModel("species", 2, [], models.Classifier));

        Assert.Null(known.Find("L3"));
        Assert.NotNull(known.Find("L4"));
        Assert.Equal(2, known.Find("N1")!.Value.Version);
    }

    [Fact]
    public async Task Start_StoreWithoutALog_StartsRemembersNothingAndTakesNewFeedback()
    {
        var store = NewStore();
        Assert.Empty(LoggedPredictions.Read(Path.Combine(store, "serving", "predictions"), ["species"], 10).Ids);

        await using var server = await ServerHarness.StartAsync(models.Catalog("species"), new ServingOptions { RequireAuth = false, StoreRoot = store });
        var ids = IdsOf(await OkJson(await server.PostJsonAsync("/api/models/species/predict", new JsonObject { ["records"] = models.Records(models.Classifier.InputSchema) })));
        var answer = await OkJson(await server.PostJsonAsync("/api/models/species/feedback", Feedback((ids[0], "Adelie"))));

        Assert.Equal(1, answer["accepted"]!.GetValue<int>());
    }
}
