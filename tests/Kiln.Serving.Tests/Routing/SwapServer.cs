using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kiln.Serving.Routing;
using Kiln.Tracking.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace Kiln.Serving.Tests.Routing;

/// <summary>A server of mass@champion that follows a store's registry, in memory (TestServer) or on real Kestrel, with the lines it reported.</summary>
internal sealed class SwapServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SqlModelRegistry _registry;

    private SwapServer(WebApplication app, ServingApp serving, SqlModelRegistry registry, HttpClient client, ConcurrentQueue<string> reports)
    {
        _app = app;
        Serving = serving;
        _registry = registry;
        Client = client;
        Reports = reports;
    }

    public HttpClient Client { get; }

    public ServingApp Serving { get; }

    public ConcurrentQueue<string> Reports { get; }

    public static async Task<SwapServer> StartAsync(string store, string[] references, RoutingOptions? routing = null, TimeSpan? every = null, bool kestrel = false, string? logStore = null)
    {
        var registry = MassVersions.Open(store);
        var catalog = ModelCatalog.Load(registry, references.Select(ModelReference.Parse), routing ?? new RoutingOptions());
        var reports = new ConcurrentQueue<string>();
        var reload = new ReloadOptions(registry) { Every = every ?? TimeSpan.Zero, Report = reports.Enqueue };
        var serving = new ServingApp(catalog, new ServingOptions { RequireAuth = false, StoreRoot = logStore }, null, reload);
        var app = serving.Build(kestrel ? ServingApp.Listen("127.0.0.1", 0) : builder => builder.WebHost.UseTestServer());
        await app.StartAsync();
        var client = kestrel ? new HttpClient { BaseAddress = new Uri(app.Urls.First()) } : app.GetTestClient();
        return new SwapServer(app, serving, registry, client, reports);
    }

    public Task<HttpResponseMessage> PostAsync(string path, JsonNode body) =>
        Client.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    public async Task<HttpResponseMessage> MoveAliasAsync(string alias, int version)
    {
        using var content = new StringContent(string.Create(CultureInfo.InvariantCulture, $$"""{"version": {{version}}}"""), Encoding.UTF8, "application/json");
        return await Client.PutAsync(new Uri($"/api/admin/models/mass/aliases/{alias}", UriKind.Relative), content);
    }

    /// <summary>The slots as GET /api/admin/models lists them.</summary>
    public async Task<JsonArray> SlotsAsync()
    {
        using var response = await Client.GetAsync(new Uri("/api/admin/models", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["slots"]!.AsArray();
    }

    /// <summary>The version the slot <paramref name="reference"/> serves now.</summary>
    public async Task<int> VersionOfAsync(string reference)
    {
        var slots = await SlotsAsync();
        return slots.Single(slot => (string?)slot!["reference"] == reference)!["version"]!.GetValue<int>();
    }

    /// <summary>Stops the server (the prediction log and the shadow finish writing), keeping the registry open until then.</summary>
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _registry.Dispose();
    }
}
