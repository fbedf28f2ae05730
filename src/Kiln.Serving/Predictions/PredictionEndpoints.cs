using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kiln.Core.Data;
using Kiln.Serving.Metrics;
using Kiln.Serving.Requests;
using Kiln.Serving.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Kiln.Serving.Predictions;

/// <summary>
/// Kiln's own endpoints: <c>POST /api/models/{name}/predict</c> (records in; a prediction id, the prediction and a
/// classifier's probabilities per row out) and <c>POST /api/models/{name}/feedback</c> (the true outcome of earlier
/// prediction ids), both written to the <see cref="PredictionLog"/> when the server has a store.
/// </summary>
internal sealed class PredictionEndpoints
{
    public const string RecordsMember = "records";
    public const string FeedbackMember = "feedback";

    /// <summary>The most unknown ids a refused feedback request lists.</summary>
    public const int UnknownShown = 5;

    private readonly ModelCatalog _catalog;
    private readonly ServingOptions _options;
    private readonly PredictionLog? _log;
    private readonly TimeProvider _time;
    private readonly PredictionIds _ids;
    private readonly KnownPredictions _known;
    private readonly IPredictionCounter _counter;
    private readonly ShadowScorer? _shadow;

    private PredictionEndpoints(ModelCatalog catalog, ServingOptions options, PredictionLog? log, LoggedPredictions? logged, TimeProvider time, IPredictionCounter counter)
    {
        _counter = counter;
        _shadow = catalog.Names.Any(name => catalog.RouteOf(name)!.Shadow is not null) ? new ShadowScorer(catalog, log, counter, counter as IShadowCounter, time) : null;
        _catalog = catalog;
        _options = options;
        _log = log;
        _time = time;
        _ids = new PredictionIds(time);
        _known = new KnownPredictions(options.PredictionLog.RememberedIds, logged?.Ids ?? []);
        Logged = logged;
    }

    /// <summary>Maps the endpoints on <paramref name="guarded"/>; opens the prediction log when the options name a store, and closes it when the application stops.</summary>
    /// <returns>The endpoints, whose <see cref="Record"/> logs the predictions of the other protocols.</returns>
    public static PredictionEndpoints Map(IHost app, IEndpointRouteBuilder guarded, ModelCatalog catalog, ServingOptions options, IPredictionCounter counter)
    {
        var log = options.StoreRoot is { } root ? new PredictionLog(root, options.PredictionLog) : null;
        LoggedPredictions? logged = null;
        if (log is not null)
        {
            // Feedback for predictions made before a restart: the ids the log kept, read before the first request.
            logged = LoggedPredictions.Read(log.Folder, catalog.Names, options.PredictionLog.RememberedIds);
            if (options.PredictionLog.Report is { } report)
            {
                foreach (var line in logged.Describe(log.Folder))
                    report(line);
            }
        }
        var endpoints = new PredictionEndpoints(catalog, options, log, logged, TimeProvider.System, counter);
        if (log is not null || endpoints._shadow is not null)
        {
            // The shadow finishes first: what it scored goes to the log before the log closes.
            var lifetime = app.Services.GetService(typeof(IHostApplicationLifetime)) as IHostApplicationLifetime;
            lifetime?.ApplicationStopped.Register(() =>
            {
                endpoints._shadow?.DisposeAsync().AsTask().GetAwaiter().GetResult();
                log?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            });
        }
        guarded.MapPost("/api/models/{name}/predict", ServingApp.Guard(endpoints.PredictAsync));
        guarded.MapPost("/api/models/{name}/versions/{version}/predict", ServingApp.Guard(endpoints.PredictAsync));
        guarded.MapPost("/api/models/{name}/feedback", ServingApp.Guard(endpoints.FeedbackAsync));
        return endpoints;
    }

    /// <summary>
    /// Logs the predictions of a request of another protocol (<c>/invocations</c>, v2 inference) that started at the
    /// <see cref="Stopwatch"/> timestamp <paramref name="started"/>; their ids are internal (those protocols have no place
    /// to answer them), so they take no feedback.
    /// </summary>
    public void Record(ServedModel served, Table rows, double[] predictions, double[]? probabilities, long started)
    {
        string[]? ids = null;
        int[] sampled = [];
        if (_log is not null)
        {
            sampled = _log.Sample(predictions.Length);
            if (sampled.Length > 0)
            {
                ids = new string[predictions.Length];
                for (var row = 0; row < ids.Length; row++)
                    ids[row] = _ids.Next();
                var latency = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
                _log.TryAppend(new PredictionBatch(served, _time.GetUtcNow(), latency, rows, ids, predictions, probabilities, sampled));
            }
        }
        _shadow?.Offer(served, rows, ids, sampled);
    }

    /// <summary>The shadow scorer, when a served name has a shadow.</summary>
    internal ShadowScorer? Shadow => _shadow;

    /// <summary>The prediction log, when the server has a store.</summary>
    internal PredictionLog? Log => _log;

    /// <summary>What the server read from its prediction log at start, when it has a store.</summary>
    internal LoggedPredictions? Logged { get; }

    /// <summary>How many prediction ids the server takes feedback for now.</summary>
    internal int KnownIds => _known.Count;

    private async Task<IResult> PredictAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var served = Served(http, split: true);
        var body = await RequestBody.ReadAsync(http.Request, _options, http.RequestAborted).ConfigureAwait(false);
        using var document = RequestBody.ParseJson(body, _options);
        var records = OnlyMember(document.RootElement, RecordsMember, """{"records": [{"column": value, ...}, ...]}""");
        var rows = CellGrid.FromRecords(records, served.Inputs, _options, RecordsMember);
        var classes = served.Classes;
        var (predictions, probabilities) = Scoring.Predict(served, rows, classes is not null, _counter);
        var ids = new string[predictions.Length];
        for (var row = 0; row < ids.Length; row++)
            ids[row] = _ids.Next();
        _known.Add(ids, served);
        var latency = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        var sampled = _log?.Sample(ids.Length) ?? [];
        _log?.TryAppend(new PredictionBatch(served, _time.GetUtcNow(), latency, rows, ids, predictions, probabilities, sampled));
        _shadow?.Offer(served, rows, ids, sampled);

        var answers = new JsonArray();
        for (var row = 0; row < ids.Length; row++)
        {
            var answer = new JsonObject { ["id"] = ids[row] };
            if (classes is null)
            {
                answer["prediction"] = predictions[row];
            }
            else
            {
                answer["prediction"] = classes[(int)predictions[row]];
                var perClass = new JsonObject();
                for (var k = 0; k < classes.Count; k++)
                    perClass[classes[k]] = probabilities![(row * classes.Count) + k];
                answer["probabilities"] = perClass;
            }
            answers.Add(answer);
        }
        return Json(new JsonObject { ["model"] = served.Name, ["version"] = served.Version, ["predictions"] = answers });
    }

    private async Task<IResult> FeedbackAsync(HttpContext http)
    {
        var served = Served(http, split: false);
        var body = await RequestBody.ReadAsync(http.Request, _options, http.RequestAborted).ConfigureAwait(false);
        using var document = RequestBody.ParseJson(body, _options);
        var items = OnlyMember(document.RootElement, FeedbackMember, """{"feedback": [{"id": "<prediction id>", "actual": <label or number>}, ...]}""");
        var count = CellGrid.RowCount(items, _options, FeedbackMember);
        var entries = new List<FeedbackEntry>(count);
        var unknown = new List<string>();
        var row = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
                throw RequestProblem.Input(string.Create(CultureInfo.InvariantCulture, $"'{FeedbackMember}' row {row} is {CellTable.Shown(item)}; each item must be an object {{\"id\": \"<prediction id>\", \"actual\": <label or number>}}."), FeedbackMember, row);
            foreach (var member in item.EnumerateObject())
            {
                if (member.Name is not ("id" or "actual"))
                    throw RequestProblem.Input(string.Create(CultureInfo.InvariantCulture, $"'{FeedbackMember}' row {row} has the unknown member '{InvocationsRequest.TextLimit(member.Name, 40)}'; an item has only 'id' and 'actual'."), member.Name, row);
            }
            if (!item.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String)
                throw RequestProblem.Input(string.Create(CultureInfo.InvariantCulture, $"'{FeedbackMember}' row {row} has no 'id' string; send the id the predict endpoint answered for the row."), "id", row);
            if (!item.TryGetProperty("actual", out var actual))
                throw RequestProblem.Input(string.Create(CultureInfo.InvariantCulture, $"'{FeedbackMember}' row {row} has no 'actual'; send the true class label (a string) or the true value (a number)."), "actual", row);
            var id = idElement.GetString()!;
            if (_known.Find(id) is not { } known || known.Model != served.Name)
            {
                unknown.Add(id);
            }
            else
            {
                entries.Add(served.Classes is null
                    ? new FeedbackEntry(id, known.Version, null, Number(actual, row))
                    : new FeedbackEntry(id, known.Version, Label(actual, row), double.NaN));
            }
            row++;
        }
        if (unknown.Count > 0)
        {
            var shown = string.Join(", ", unknown.Take(UnknownShown).Select(id => $"'{InvocationsRequest.TextLimit(id, 40)}'"));
            throw new RequestProblem(StatusCodes.Status404NotFound, "Unknown prediction ids",
                string.Create(CultureInfo.InvariantCulture, $"{unknown.Count} of {count} ids are not predictions of model '{served.Name}' this server remembers ({shown}{(unknown.Count > UnknownShown ? ", ..." : string.Empty)}); nothing was recorded. Send ids the predict endpoint of this model answered since the server started, or that its prediction log kept from before."),
                "id");
        }
        var logged = _log?.TryAppend(new FeedbackBatch(served.Name, _time.GetUtcNow(), entries)) ?? false;
        return Json(new JsonObject { ["model"] = served.Name, ["accepted"] = entries.Count, ["logged"] = logged });
    }

    // Predict leases the answering model (the canary for its share, or the version the path names) until the response ends; feedback only needs the name's primary.
    private ServedModel Served(HttpContext http, bool split)
    {
        var name = (string)http.Request.RouteValues["name"]!;
        if (!split)
            return _catalog.Find(name) ?? throw NotServed(name);
        int? version = http.Request.RouteValues.ContainsKey("version") ? ServingApp.VersionOf(http) : null;
        var lease = _catalog.Acquire(name, version, split: version is null)
            ?? throw NotServed(version is null ? name : string.Create(CultureInfo.InvariantCulture, $"{name}/{version}"));
        http.Response.RegisterForDispose(lease);
        ServingApp.Identify(http, lease.Model);
        return lease.Model;
    }

    private RequestProblem NotServed(string name) =>
        new(StatusCodes.Status404NotFound, "No such model",
            $"The model '{InvocationsRequest.TextLimit(name, 80)}' is not served here; this server serves {string.Join(", ", _catalog.Models.Select(model => model.ToString()))}.", "model");

    private static JsonElement OnlyMember(JsonElement root, string member, string shape)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw RequestProblem.Input($"The body is {CellTable.Shown(root)}; send an object {shape}.");
        JsonElement? found = null;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != member)
                throw RequestProblem.Input($"The body has the unknown member '{InvocationsRequest.TextLimit(property.Name, 40)}'; send an object {shape}.", property.Name);
            found = property.Value;
        }
        return found ?? throw RequestProblem.Input($"The body has no '{member}'; send an object {shape}.", member);
    }

    private static string Label(JsonElement actual, int row) => actual.ValueKind switch
    {
        JsonValueKind.String => actual.GetString()!,
        JsonValueKind.Number => actual.GetRawText(),
        _ => throw RequestProblem.Input(string.Create(CultureInfo.InvariantCulture, $"'{FeedbackMember}' row {row}: 'actual' is {CellTable.Shown(actual)}; a classifier's feedback is the true class label, a string."), "actual", row),
    };

    private static double Number(JsonElement actual, int row)
    {
        if (actual.ValueKind == JsonValueKind.Number && actual.TryGetDouble(out var value) && double.IsFinite(value))
            return value;
        throw RequestProblem.Input(string.Create(CultureInfo.InvariantCulture, $"'{FeedbackMember}' row {row}: 'actual' is {CellTable.Shown(actual)}; a regressor's feedback is the true value, a finite number."), "actual", row);
    }

    private static IResult Json(JsonObject answer) => Results.Text(answer.ToJsonString(), "application/json");
}
