using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kiln.Core.Data;
using Kiln.Core.Persistence;
using Kiln.Serving.Admin;
using Kiln.Serving.Metrics;
using Kiln.Serving.Predictions;
using Kiln.Serving.Requests;
using Kiln.Serving.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Kiln.Serving;

/// <summary>Builds the ASP.NET Core application that serves a <see cref="ModelCatalog"/>: MLflow's <c>/invocations</c> and the Open Inference Protocol v2.</summary>
/// <remarks>
/// Every refused request is answered with an RFC 9457 <c>application/problem+json</c> 4xx that names the field and row at fault.
/// Authentication is not part of this class: when <see cref="ServingOptions.RequireAuth"/> is on, the caller's
/// <c>configureAuth</c> registers the authentication scheme and the scope policies, and the prediction and model endpoints
/// require the <see cref="PredictPolicy"/> policy; the health endpoints stay open.
/// Each request leases the model it starts with (the name's canary for its share) and names it in the
/// <see cref="VersionHeader"/> and <see cref="RoleHeader"/> headers; with <see cref="ReloadOptions"/> the server follows its
/// registry, swapping versions while requests run, and maps the admin endpoints (the <c>admin</c> policy when auth is on).
/// </remarks>
public sealed class ServingApp
{
    /// <summary>The authorization policy (an API-key scope) the prediction and model endpoints require when auth is on.</summary>
    public const string PredictPolicy = "predict";

    /// <summary>The header that picks the model of <c>/invocations</c> when several are served (the query parameter <c>model</c> works too).</summary>
    public const string ModelHeader = "X-Kiln-Model";

    /// <summary>The platform name in the v2 model metadata.</summary>
    public const string Platform = "kiln";

    /// <summary>The response header that names the version that answered a prediction.</summary>
    public const string VersionHeader = "X-Kiln-Model-Version";

    /// <summary>The response header that names the role (<c>champion</c> or <c>canary</c>) of the version that answered a prediction.</summary>
    public const string RoleHeader = "X-Kiln-Model-Role";

    private readonly ModelCatalog _catalog;
    private readonly ServingOptions _options;
    private readonly Action<IServiceCollection>? _configureAuth;
    private readonly ServingMetrics _metrics;
    private readonly ModelReloader? _reloader;
    private readonly ReloadOptions? _reload;
    private PredictionEndpoints? _predictions;

    /// <summary>Prepares a server for <paramref name="catalog"/>.</summary>
    /// <param name="catalog">The models to serve.</param>
    /// <param name="options">Limits, and whether auth is required.</param>
    /// <param name="configureAuth">Registers authentication and the scope policies; required when <see cref="ServingOptions.RequireAuth"/> is on.</param>
    /// <exception cref="ArgumentException">Auth is required but <paramref name="configureAuth"/> is null.</exception>
    public ServingApp(ModelCatalog catalog, ServingOptions options, Action<IServiceCollection>? configureAuth = null)
        : this(catalog, options, configureAuth, null)
    {
    }

    /// <summary>Prepares a server for <paramref name="catalog"/> that follows <paramref name="reload"/>'s registry: swaps versions as aliases move, and maps the admin endpoints.</summary>
    /// <param name="catalog">The models to serve.</param>
    /// <param name="options">Limits, and whether auth is required.</param>
    /// <param name="configureAuth">Registers authentication and the scope policies; required when <see cref="ServingOptions.RequireAuth"/> is on.</param>
    /// <param name="reload">The registry and how often to re-resolve; <see langword="null"/>: the versions loaded at start are served until the server stops.</param>
    /// <exception cref="ArgumentException">Auth is required but <paramref name="configureAuth"/> is null.</exception>
    public ServingApp(ModelCatalog catalog, ServingOptions options, Action<IServiceCollection>? configureAuth, ReloadOptions? reload)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.RequireAuth && configureAuth is null)
            throw new ArgumentException("The server requires authentication, but no authentication is configured; pass configureAuth, or turn RequireAuth off for an open server.", nameof(configureAuth));
        _catalog = catalog;
        _options = options;
        _configureAuth = configureAuth;
        _metrics = new ServingMetrics(catalog);
        reload?.Validate();
        _reload = reload;
        _reloader = reload is null ? null : new ModelReloader(catalog, reload, _metrics);
    }

    /// <summary>Kiln's own prediction endpoints once <see cref="Build"/> ran (tests flush their shadow scorer and log).</summary>
    internal PredictionEndpoints? Endpoints => _predictions;

    /// <summary>The reloader, when the server follows a registry.</summary>
    internal ModelReloader? Reloader => _reloader;

    /// <summary>Builds the application; <paramref name="configure"/> adjusts the builder first (a test server, the listening address).</summary>
    public WebApplication Build(Action<WebApplicationBuilder>? configure = null)
    {
        // The content root is the program's folder, so an appsettings.json in the working directory changes nothing.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = _options.MaxBodyBytes;
        });
        builder.Services.AddProblemDetails();
        ConfigureAuth(builder.Services);
        if (_reloader is not null && _reload!.Every > TimeSpan.Zero)
            builder.Services.AddSingleton<IHostedService>(new ReloadWatcher(_reloader, _reload));
        ServingOpenApi.AddServices(builder.Services, _options.RequireAuth);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.Use(_metrics.InvokeAsync);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (_options.RequireAuth)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }
        MapEndpoints(app);
        _metrics.Map(app);
        ServingOpenApi.Map(app);
        return app;
    }

    /// <summary>Listens on <paramref name="host"/>:<paramref name="port"/> (port 0: a free port) when used as <see cref="Build"/>'s configure action.</summary>
    /// <exception cref="ArgumentException">The host is neither an IP address nor <c>localhost</c>.</exception>
    public static Action<WebApplicationBuilder> Listen(string host, int port)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        IPAddress? address = null;
        if (!string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) && !IPAddress.TryParse(host, out address))
            throw new ArgumentException($"The host '{host}' is not an IP address; give one such as 127.0.0.1 (loopback only) or 0.0.0.0 (every interface), or localhost.", nameof(host));
        return builder => builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (address is null)
                kestrel.ListenLocalhost(port);
            else
                kestrel.Listen(address, port);
        });
    }

    // The one place auth is wired: the caller's delegate registers the scheme and the policies.
    private void ConfigureAuth(IServiceCollection services)
    {
        if (_options.RequireAuth)
            _configureAuth!(services);
    }

    private void MapEndpoints(WebApplication app)
    {
        var open = app.MapGroup(string.Empty);
        var guarded = app.MapGroup(string.Empty);
        if (_options.RequireAuth)
            guarded.RequireAuthorization(PredictPolicy);

        guarded.MapPost("/invocations", Guard(InvocationsAsync));
        guarded.MapPost("/v2/models/{name}/infer", Guard(http => InferAsync(http, null)));
        guarded.MapPost("/v2/models/{name}/versions/{version}/infer", Guard(http => InferAsync(http, VersionOf(http))));
        guarded.MapGet("/v2/models/{name}", Guard(http => Task.FromResult(ModelMetadata(http, null))));
        guarded.MapGet("/v2/models/{name}/versions/{version}", Guard(http => Task.FromResult(ModelMetadata(http, VersionOf(http)))));
        open.MapGet("/v2/models/{name}/ready", Guard(http => Task.FromResult(ModelReady(http, null))));
        open.MapGet("/v2/models/{name}/versions/{version}/ready", Guard(http => Task.FromResult(ModelReady(http, VersionOf(http)))));
        open.MapGet("/v2/health/live", () => Json(new JsonObject { ["live"] = true }));
        open.MapGet("/v2/health/ready", () => Json(new JsonObject { ["ready"] = true }));
        open.MapGet("/v2", () => Json(new JsonObject
        {
            ["name"] = Platform,
            ["version"] = ModelBundle.KilnVersion,
            ["extensions"] = new JsonArray(),
        }));
        _predictions = PredictionEndpoints.Map(app, guarded, _catalog, _options, _metrics);
        if (_reloader is not null)
            AdminEndpoints.Map(app, _reloader, _options.RequireAuth);
    }

    internal static Func<HttpContext, Task<IResult>> Guard(Func<HttpContext, Task<IResult>> handler) => async http =>
    {
        try
        {
            return await handler(http).ConfigureAwait(false);
        }
        catch (RequestProblem problem)
        {
            var details = new ProblemDetails { Status = problem.Status, Title = problem.Title, Detail = problem.Message, Instance = http.Request.Path };
            if (problem.Field is not null)
                details.Extensions["field"] = problem.Field;
            if (problem.Row is not null)
                details.Extensions["row"] = problem.Row;
            return Results.Problem(details);
        }
    };

    private async Task<IResult> InvocationsAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var served = PickForInvocations(http);
        var contentType = http.Request.ContentType;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || mediaType.MediaType.Value is not { } media
            || !(media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Equals("text/csv", StringComparison.OrdinalIgnoreCase)))
        {
            throw new RequestProblem(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                $"The content type is '{InvocationsRequest.TextLimit(contentType ?? "(none)", 80)}'; /invocations takes application/json (dataframe_split, dataframe_records, instances or inputs) or text/csv with a header row.",
                "Content-Type");
        }
        var body = await RequestBody.ReadAsync(http.Request, _options, http.RequestAborted).ConfigureAwait(false);
        InvocationsRequest request;
        if (media.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            request = InvocationsRequest.FromCsv(body, served.Inputs, _options);
        }
        else
        {
            using var document = RequestBody.ParseJson(body, _options);
            request = InvocationsRequest.FromJson(document.RootElement, served.Inputs, _options);
        }
        var (predictions, probabilities) = Scoring.Predict(served, request.Rows, request.Probabilities, _metrics);
        _predictions?.Record(served, request.Rows, predictions, probabilities, started);
        return Answers.Invocations(served, predictions, probabilities);
    }

    private ServedModel PickForInvocations(HttpContext http)
    {
        var asked = http.Request.Headers[ModelHeader].FirstOrDefault() ?? http.Request.Query["model"].FirstOrDefault();
        if (string.IsNullOrEmpty(asked))
        {
            if (_catalog.Names.Count == 1)
                return Lease(http, _catalog.Acquire(_catalog.Names[0], null, split: true)!);
            throw RequestProblem.Input($"This server serves several models ({ServedList()}); pick one with the header {ModelHeader}: NAME (or NAME/VERSION), or the query parameter ?model=NAME.", ModelHeader);
        }
        var slash = asked.IndexOf('/', StringComparison.Ordinal);
        int? version = null;
        if (slash >= 0)
        {
            if (!int.TryParse(asked.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                throw RequestProblem.Input($"The model '{InvocationsRequest.TextLimit(asked, 80)}' has a version that is not a whole number; write NAME or NAME/VERSION, one of {ServedList()}.", ModelHeader);
            version = number;
        }
        var name = slash >= 0 ? asked[..slash] : asked;
        return Lease(http, _catalog.Acquire(name, version, split: true) ?? throw NotServed(InvocationsRequest.TextLimit(asked, 80)));
    }

    // The request keeps the model it started with to its end, whatever swaps happen meanwhile; the answer names it.
    private static ServedModel Lease(HttpContext http, ModelLease lease)
    {
        http.Response.RegisterForDispose(lease);
        Identify(http, lease.Model);
        return lease.Model;
    }

    /// <summary>Names the answering version and its role in the response headers.</summary>
    internal static void Identify(HttpContext http, ServedModel served)
    {
        http.Response.Headers[VersionHeader] = served.VersionText;
        http.Response.Headers[RoleHeader] = RoleNames.Of(served.Role);
    }

    private async Task<IResult> InferAsync(HttpContext http, int? version)
    {
        var started = Stopwatch.GetTimestamp();
        var served = Find(http, version);
        var body = await RequestBody.ReadAsync(http.Request, _options, http.RequestAborted).ConfigureAwait(false);
        using var document = RequestBody.ParseJson(body, _options);
        var request = InferenceRequest.FromJson(document.RootElement, served.Inputs, _options);
        var classes = served.Classes;
        var (predictions, probabilities) = Scoring.Predict(served, request.Rows, classes is not null, _metrics);
        _predictions?.Record(served, request.Rows, predictions, probabilities, started);
        return Answers.Inference(served, request.Id ?? http.TraceIdentifier, predictions, probabilities);
    }

    private IResult ModelMetadata(HttpContext http, int? version)
    {
        var served = Find(http, version);
        var outputs = new JsonArray
        {
            new JsonObject { ["name"] = "predictions", ["datatype"] = served.Classes is null ? "FP64" : "BYTES", ["shape"] = new JsonArray(-1) },
        };
        if (served.Classes is { } classes)
            outputs.Add(new JsonObject { ["name"] = "probabilities", ["datatype"] = "FP64", ["shape"] = new JsonArray(-1, classes.Count) });
        var metadata = new JsonObject
        {
            ["name"] = served.Name,
            ["versions"] = new JsonArray([.. _catalog.VersionsOf(served.Name).Select(model => (JsonNode?)JsonValue.Create(model.Version.ToString(CultureInfo.InvariantCulture)))]),
            ["platform"] = Platform,
            ["inputs"] = new JsonArray([.. served.Inputs.Select(column => (JsonNode?)new JsonObject
            {
                ["name"] = column.Name,
                ["datatype"] = Datatype(column.Kind),
                ["shape"] = new JsonArray(-1),
                ["parameters"] = new JsonObject { ["kind"] = CellGrid.Describe(column.Kind) },
            })]),
            ["outputs"] = outputs,
        };
        if (served.Classes is { } labels)
            metadata["parameters"] = new JsonObject { ["classes"] = new JsonArray([.. labels.Select(label => (JsonNode?)JsonValue.Create(label))]) };
        return Json(metadata);
    }

    private IResult ModelReady(HttpContext http, int? version)
    {
        var served = Find(http, version);
        return Json(new JsonObject { ["name"] = served.Name, ["ready"] = true });
    }

    // Scoring (POST) may go to the name's canary; metadata and readiness (GET) describe what the name or version means.
    private ServedModel Find(HttpContext http, int? version)
    {
        var name = (string)http.Request.RouteValues["name"]!;
        var split = HttpMethods.IsPost(http.Request.Method);
        var lease = _catalog.Acquire(name, version, split)
            ?? throw NotServed(InvocationsRequest.TextLimit(version is null ? name : string.Create(CultureInfo.InvariantCulture, $"{name}/{version}"), 80));
        return Lease(http, lease);
    }

    internal static int VersionOf(HttpContext http)
    {
        var text = (string)http.Request.RouteValues["version"]!;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw new RequestProblem(StatusCodes.Status404NotFound, "No such model version", $"The version '{InvocationsRequest.TextLimit(text, 40)}' is not a version number; versions are whole numbers from 1.", "version");
    }

    private RequestProblem NotServed(string asked) =>
        new(StatusCodes.Status404NotFound, "No such model", $"The model '{asked}' is not served here; this server serves {ServedList()}.", "model");

    private string ServedList() => string.Join(", ", _catalog.Models.Select(model => model.ToString()));

    private static string Datatype(ColumnKind kind) => kind switch
    {
        ColumnKind.Numeric => "FP64",
        ColumnKind.Boolean => "BOOL",
        _ => "BYTES",
    };

    private static IResult Json(JsonObject answer) => Results.Text(answer.ToJsonString(JsonOptions), "application/json");

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };
}
