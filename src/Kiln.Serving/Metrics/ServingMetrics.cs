using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Kiln.Serving.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kiln.Serving.Metrics;

/// <summary>
/// The server's Prometheus metrics: requests and errors per endpoint, a latency histogram per endpoint, rows scored per
/// model version and the number of models loaded, served as text at <c>GET /metrics</c>.
/// </summary>
/// <remarks>
/// Each label combination owns one cell in a <see cref="ConcurrentDictionary{TKey, TValue}"/>, updated with
/// <see cref="Interlocked"/>: concurrent requests contend only when they share a cell, and never take a lock. The endpoint
/// label is the route template (<c>/v2/models/{name}/infer</c>), never the raw path, and methods outside the standard set
/// count as <c>OTHER</c>, so the number of series stays bounded whatever clients send.
/// </remarks>
internal sealed class ServingMetrics : IPredictionCounter, IReloadCounter, IShadowCounter
{
    /// <summary>The path the metrics are served at.</summary>
    public const string Path = "/metrics";

    /// <summary>The endpoint label of a request that matched no route.</summary>
    public const string Unmatched = "(unmatched)";

    /// <summary>The upper bounds, in seconds, of the latency histogram's buckets (the <c>+Inf</c> bucket follows).</summary>
    public static readonly IReadOnlyList<double> Buckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly HashSet<string> StandardMethods = new(StringComparer.Ordinal) { "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT" };

    private readonly ModelCatalog _catalog;
    private readonly ConcurrentDictionary<(string Endpoint, string Method, int Status), Counter> _requests = new();
    private readonly ConcurrentDictionary<(string Endpoint, int Status), Counter> _errors = new();
    private readonly ConcurrentDictionary<(string Model, int Version), Counter> _predictions = new();
    private readonly ConcurrentDictionary<string, Histogram> _durations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Slot, string Outcome), Counter> _reloads = new();
    private readonly ConcurrentDictionary<(string Model, string Outcome), Counter> _shadowed = new();

    /// <summary>Prepares empty metrics for a server of <paramref name="catalog"/>.</summary>
    public ServingMetrics(ModelCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
    }

    /// <summary>Maps <c>GET /metrics</c> (open, whatever the auth setting: it carries counts, never inputs or keys).</summary>
    public void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(Path, () => Results.Text(Render(), PrometheusText.ContentType)).ExcludeFromDescription();
    }

    /// <summary>The middleware that times and counts every request; register it first, so it sees the final status of every answer.</summary>
    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(next);
        var start = Stopwatch.GetTimestamp();
        try
        {
            await next(http).ConfigureAwait(false);
        }
        catch
        {
            Record(EndpointOf(http), http.Request.Method, StatusCodes.Status500InternalServerError, Stopwatch.GetElapsedTime(start));
            throw;
        }
        Record(EndpointOf(http), http.Request.Method, http.Response.StatusCode, Stopwatch.GetElapsedTime(start));
    }

    /// <inheritdoc/>
    public void Scored(ServedModel served, int rows)
    {
        ArgumentNullException.ThrowIfNull(served);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        Interlocked.Add(ref _predictions.GetOrAdd((served.Name, served.Version), _ => new Counter()).Value, rows);
    }

    /// <inheritdoc/>
    public void Swapped(string slot) => Interlocked.Increment(ref _reloads.GetOrAdd((slot, "swapped"), _ => new Counter()).Value);

    /// <inheritdoc/>
    public void LoadFailed(string slot) => Interlocked.Increment(ref _reloads.GetOrAdd((slot, "failed"), _ => new Counter()).Value);

    /// <inheritdoc/>
    public void Shadowed(string name, string outcome) => Interlocked.Increment(ref _shadowed.GetOrAdd((name, outcome), _ => new Counter()).Value);

    /// <summary>Counts one answered request: its endpoint label (a route template), method, status and duration.</summary>
    public void Record(string endpoint, string method, int status, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(method);
        var methodLabel = StandardMethods.Contains(method) ? method : "OTHER";
        Interlocked.Increment(ref _requests.GetOrAdd((endpoint, methodLabel, status), _ => new Counter()).Value);
        if (status >= 400)
            Interlocked.Increment(ref _errors.GetOrAdd((endpoint, status), _ => new Counter()).Value);
        _durations.GetOrAdd(endpoint, _ => new Histogram()).Observe(duration);
    }

    /// <summary>The current metrics in the Prometheus text format 0.0.4, series sorted by their labels.</summary>
    public string Render()
    {
        var text = new PrometheusText();
        text.Family("kiln_requests_total", "counter", "HTTP requests answered, by route template, method and status code.");
        foreach (var ((endpoint, method, status), counter) in _requests.OrderBy(pair => pair.Key.Endpoint, StringComparer.Ordinal).ThenBy(pair => pair.Key.Method, StringComparer.Ordinal).ThenBy(pair => pair.Key.Status))
            text.Sample("kiln_requests_total", [("endpoint", endpoint), ("method", method), ("status", StatusText(status))], Volatile.Read(ref counter.Value));

        text.Family("kiln_request_errors_total", "counter", "HTTP requests answered with a 4xx or 5xx status, by route template and status code.");
        foreach (var ((endpoint, status), counter) in _errors.OrderBy(pair => pair.Key.Endpoint, StringComparer.Ordinal).ThenBy(pair => pair.Key.Status))
            text.Sample("kiln_request_errors_total", [("endpoint", endpoint), ("status", StatusText(status))], Volatile.Read(ref counter.Value));

        text.Family("kiln_predictions_total", "counter", "Rows scored, by model name and version.");
        foreach (var ((model, version), counter) in _predictions.OrderBy(pair => pair.Key.Model, StringComparer.Ordinal).ThenBy(pair => pair.Key.Version))
            text.Sample("kiln_predictions_total", [("model", model), ("version", version.ToString(CultureInfo.InvariantCulture))], Volatile.Read(ref counter.Value));

        text.Family("kiln_request_duration_seconds", "histogram", "Time from a request's arrival to its answer, in seconds, by route template.");
        foreach (var (endpoint, histogram) in _durations.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            histogram.Write(text, endpoint);

        text.Family("kiln_models_loaded", "gauge", "Model versions this server has loaded.");
        text.Sample("kiln_models_loaded", [], _catalog.Models.Count);

        text.Family("kiln_model_reloads_total", "counter", "Versions a served reference moved to: swapped in, or failed to load (the old version kept serving), by reference.");
        foreach (var ((slot, outcome), counter) in _reloads.OrderBy(pair => pair.Key.Slot, StringComparer.Ordinal).ThenBy(pair => pair.Key.Outcome, StringComparer.Ordinal))
            text.Sample("kiln_model_reloads_total", [("reference", slot), ("outcome", outcome)], Volatile.Read(ref counter.Value));

        text.Family("kiln_shadow_requests_total", "counter", "Requests offered to a served name's shadow: scored, dropped (its queue was full) or failed, by model name.");
        foreach (var ((model, outcome), counter) in _shadowed.OrderBy(pair => pair.Key.Model, StringComparer.Ordinal).ThenBy(pair => pair.Key.Outcome, StringComparer.Ordinal))
            text.Sample("kiln_shadow_requests_total", [("model", model), ("outcome", outcome)], Volatile.Read(ref counter.Value));
        return text.ToString();
    }

    private static string EndpointOf(HttpContext http) => (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? Unmatched;

    private static string StatusText(int status) => status.ToString(CultureInfo.InvariantCulture);

    private sealed class Counter
    {
        public long Value;
    }

    // Per-bucket (not cumulative) counts, the last one for durations above every bound; the sum is kept in stopwatch-free
    // TimeSpan ticks so it can be added with Interlocked. _count is written as the bucket total, so it always equals +Inf.
    private sealed class Histogram
    {
        private readonly long[] _counts = new long[Buckets.Count + 1];
        private long _sumTicks;

        public void Observe(TimeSpan duration)
        {
            var seconds = duration.TotalSeconds;
            var bucket = 0;
            while (bucket < Buckets.Count && seconds > Buckets[bucket])
                bucket++;
            Interlocked.Increment(ref _counts[bucket]);
            Interlocked.Add(ref _sumTicks, duration.Ticks);
        }

        public void Write(PrometheusText text, string endpoint)
        {
            long cumulative = 0;
            for (var bucket = 0; bucket <= Buckets.Count; bucket++)
            {
                cumulative += Volatile.Read(ref _counts[bucket]);
                var bound = bucket < Buckets.Count ? Buckets[bucket] : double.PositiveInfinity;
                text.Sample("kiln_request_duration_seconds_bucket", [("endpoint", endpoint), ("le", PrometheusText.Number(bound))], cumulative);
            }
            text.Sample("kiln_request_duration_seconds_sum", [("endpoint", endpoint)], TimeSpan.FromTicks(Volatile.Read(ref _sumTicks)).TotalSeconds);
            text.Sample("kiln_request_duration_seconds_count", [("endpoint", endpoint)], cumulative);
        }
    }
}
