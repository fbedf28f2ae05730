using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace Kiln.Serving.Tests;

/// <summary>An in-memory server (TestServer) for a catalog, with auth off, and helpers to post JSON and read answers.</summary>
internal sealed class ServerHarness : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServerHarness(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<ServerHarness> StartAsync(ModelCatalog catalog, ServingOptions? options = null)
    {
        var app = new ServingApp(catalog, options ?? new ServingOptions { RequireAuth = false }).Build(builder => builder.WebHost.UseTestServer());
        await app.StartAsync();
        return new ServerHarness(app, app.GetTestClient());
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, JsonNode body) => PostAsync(path, body.ToJsonString(), "application/json");

    public Task<HttpResponseMessage> PostAsync(string path, string body, string? contentType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = contentType is null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        return Client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    public static async Task<JsonObject> JsonOf(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
