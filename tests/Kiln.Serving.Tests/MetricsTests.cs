using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Kiln.Serving.Metrics;

namespace Kiln.Serving.Tests;

public sealed class MetricsTests(PenguinModels models) : IClassFixture<PenguinModels>
{
    private JsonObject Records(int rows) => new()
    {
        ["dataframe_records"] = new JsonArray([.. models.Records(models.Classifier.InputSchema).Take(rows).Select(record => record!.DeepClone())]),
    };

    private static async Task<PrometheusExposition> ScrapeAsync(ServerHarness server)
    {
        using var response = await server.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return PrometheusExposition.Parse(text);
    }

    [Fact]
    public async Task Metrics_AfterKnownRequests_CountsEveryRequestErrorRowAndDurationExactly()
    {
        var catalog = models.Catalog("species");
        var version = catalog.Models[0].Version.ToString(CultureInfo.InvariantCulture);
        await using var server = await ServerHarness.StartAsync(catalog);
        for (var request = 0; request < 3; request++)
        {
            using var scored = await server.PostJsonAsync("/invocations", Records(7));
            Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
        }
        using (var wrongType = await server.PostAsync("/invocations", "a,b\n1,2\n", "text/plain"))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        using (var infer = await server.PostJsonAsync("/v2/models/species/versions/" + version + "/infer", V2Body(models, 4)))
            Assert.Equal(HttpStatusCode.OK, infer.StatusCode);
        for (var request = 0; request < 2; request++)
        {
            using var ready = await server.Client.GetAsync(new Uri("/v2/models/species/ready", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }
        using (var missing = await server.Client.GetAsync(new Uri("/v2/models/nosuch", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using (var unmatched = await server.Client.GetAsync(new Uri("/no/such/path/12345", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.NotFound, unmatched.StatusCode);

        var metrics = await ScrapeAsync(server);

        Assert.Equal(3, metrics.Value("kiln_requests_total", ("endpoint", "/invocations"), ("method", "POST"), ("status", "200")));
        Assert.Equal(1, metrics.Value("kiln_requests_total", ("endpoint", "/invocations"), ("method", "POST"), ("status", "415")));
        Assert.Equal(1, metrics.Value("kiln_requests_total", ("endpoint", "/v2/models/{name}/versions/{version}/infer"), ("method", "POST"), ("status", "200")));
        Assert.Equal(2, metrics.Value("kiln_requests_total", ("endpoint", "/v2/models/{name}/ready"), ("method", "GET"), ("status", "200")));
        Assert.Equal(1, metrics.Value("kiln_requests_total", ("endpoint", "/v2/models/{name}"), ("method", "GET"), ("status", "404")));
        Assert.Equal(1, metrics.Value("kiln_requests_total", ("endpoint", ServingMetrics.Unmatched), ("method", "GET"), ("status", "404")));
        Assert.Equal(6, metrics.Samples.Count(sample => sample.Name == "kiln_requests_total"));
        Assert.Equal(9, metrics.Samples.Where(sample => sample.Name == "kiln_requests_total").Sum(sample => sample.Value));

        Assert.Equal(1, metrics.Value("kiln_request_errors_total", ("endpoint", "/invocations"), ("status", "415")));
        Assert.Equal(1, metrics.Value("kiln_request_errors_total", ("endpoint", "/v2/models/{name}"), ("status", "404")));
        Assert.Equal(1, metrics.Value("kiln_request_errors_total", ("endpoint", ServingMetrics.Unmatched), ("status", "404")));
        Assert.Equal(3, metrics.Samples.Count(sample => sample.Name == "kiln_request_errors_total"));

        Assert.Equal(3 * 7 + 4, metrics.Value("kiln_predictions_total", ("model", "species"), ("version", version)));
        Assert.Equal(4, metrics.Value("kiln_request_duration_seconds_count", ("endpoint", "/invocations")));
        Assert.Equal(2, metrics.Value("kiln_request_duration_seconds_count", ("endpoint", "/v2/models/{name}/ready")));
        Assert.Equal(1, metrics.Value("kiln_request_duration_seconds_count", ("endpoint", ServingMetrics.Unmatched)));
        Assert.True(metrics.Value("kiln_request_duration_seconds_sum", ("endpoint", "/invocations")) > 0);
        Assert.Equal(1, metrics.Value("kiln_models_loaded"));
        Assert.Equal("counter", metrics.Types["kiln_requests_total"]);
        Assert.Equal("histogram", metrics.Types["kiln_request_duration_seconds"]);
        Assert.Equal("gauge", metrics.Types["kiln_models_loaded"]);
    }

    [Fact]
    public async Task Metrics_EightParallelClientsOfTwoHundredRequests_TotalsAreExact()
    {
        const int Clients = 8;
        const int PerClient = 200;
        var catalog = models.Catalog("species");
        var version = catalog.Models[0].Version.ToString(CultureInfo.InvariantCulture);
        await using var server = await ServerHarness.StartAsync(catalog);
        var body = Records(2).ToJsonString();

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            for (var request = 0; request < PerClient; request++)
            {
                using var response = request % 2 == 0
                    ? await server.PostAsync("/invocations", body, "application/json")
                    : await server.Client.GetAsync(new Uri("/v2/models/species/versions/999", UriKind.Relative));
                Assert.Equal(request % 2 == 0 ? HttpStatusCode.OK : HttpStatusCode.NotFound, response.StatusCode);
            }
        })));
        var metrics = await ScrapeAsync(server);

        const int Half = Clients * PerClient / 2;
        Assert.Equal(Half, metrics.Value("kiln_requests_total", ("endpoint", "/invocations"), ("method", "POST"), ("status", "200")));
        Assert.Equal(Half, metrics.Value("kiln_requests_total", ("endpoint", "/v2/models/{name}/versions/{version}"), ("method", "GET"), ("status", "404")));
        Assert.Equal(Half, metrics.Value("kiln_request_errors_total", ("endpoint", "/v2/models/{name}/versions/{version}"), ("status", "404")));
        Assert.Equal(Half, metrics.Value("kiln_request_duration_seconds_count", ("endpoint", "/invocations")));
        Assert.Equal(Half, metrics.Value("kiln_request_duration_seconds_bucket", ("endpoint", "/invocations"), ("le", "+Inf")));
        Assert.Equal(Half * 2, metrics.Value("kiln_predictions_total", ("model", "species"), ("version", version)));
    }

    [Fact]
    public void Render_LabelWithQuoteBackslashAndNewline_IsEscapedAndReadsBack()
    {
        var metrics = new ServingMetrics(models.Catalog("species", "mass"));
        const string Endpoint = "/odd\"route\\with\nnewline";
        metrics.Record(Endpoint, "GET", 500, TimeSpan.FromMilliseconds(1));

        var text = metrics.Render();
        var exposition = PrometheusExposition.Parse(text);

        Assert.Contains("kiln_requests_total{endpoint=\"/odd\\\"route\\\\with\\nnewline\",method=\"GET\",status=\"500\"} 1\n", text, StringComparison.Ordinal);
        Assert.Equal(1, exposition.Value("kiln_requests_total", ("endpoint", Endpoint), ("method", "GET"), ("status", "500")));
        Assert.Equal(1, exposition.Value("kiln_request_errors_total", ("endpoint", Endpoint), ("status", "500")));
        Assert.Equal(2, exposition.Value("kiln_models_loaded"));
    }

    [Fact]
    public void Render_DurationsOnBucketEdgesAndBeyond_FallInTheRightCumulativeBuckets()
    {
        var metrics = new ServingMetrics(models.Catalog("species"));
        metrics.Record("/e", "GET", 200, TimeSpan.FromTicks(500));        // 0.00005 s: first bucket
        metrics.Record("/e", "GET", 200, TimeSpan.FromTicks(1_000));      // 0.0001 s: on the first bound (le is inclusive)
        metrics.Record("/e", "GET", 200, TimeSpan.FromMilliseconds(3));   // 0.003 s: le 0.005
        metrics.Record("/e", "GET", 200, TimeSpan.FromSeconds(20));       // beyond 10 s: +Inf only
        metrics.Record("/e", "BREW", 200, TimeSpan.Zero);                 // a method outside the standard set

        var exposition = PrometheusExposition.Parse(metrics.Render());

        double Bucket(string bound) => exposition.Value("kiln_request_duration_seconds_bucket", ("endpoint", "/e"), ("le", bound));
        Assert.Equal(3, Bucket("0.0001"));
        Assert.Equal(3, Bucket("0.0025"));
        Assert.Equal(4, Bucket("0.005"));
        Assert.Equal(4, Bucket("10"));
        Assert.Equal(5, Bucket("+Inf"));
        Assert.Equal(17, exposition.Samples.Count(sample => sample.Name == "kiln_request_duration_seconds_bucket"));
        Assert.Equal(20.00315, exposition.Value("kiln_request_duration_seconds_sum", ("endpoint", "/e")), 12);
        Assert.Equal(1, exposition.Value("kiln_requests_total", ("endpoint", "/e"), ("method", "OTHER"), ("status", "200")));
        Assert.DoesNotContain(exposition.Samples, sample => sample.Name == "kiln_request_errors_total");
    }

    private static JsonObject V2Body(PenguinModels models, int rows)
    {
        var inputs = models.Classifier.InputSchema;
        var table = models.Sample(inputs);
        var tensors = new JsonArray();
        foreach (var column in table.Columns)
        {
            var numeric = column is Kiln.Core.Data.NumericColumn;
            tensors.Add(new JsonObject
            {
                ["name"] = column.Name,
                ["datatype"] = numeric ? "FP64" : "BYTES",
                ["shape"] = new JsonArray(rows),
                ["data"] = new JsonArray([.. Enumerable.Range(0, rows).Select(row => PenguinModels.Cell(column, row))]),
            });
        }
        return new JsonObject { ["inputs"] = tensors };
    }
}
