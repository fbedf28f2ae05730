using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.Serving.Tests;

public sealed class OpenApiTests(PenguinModels models) : IClassFixture<PenguinModels>
{
    private static readonly string[] V2Routes =
    [
        "/v2/models/{name}/infer",
        "/v2/models/{name}/versions/{version}/infer",
        "/v2/models/{name}",
        "/v2/models/{name}/versions/{version}",
        "/v2/models/{name}/ready",
        "/v2/models/{name}/versions/{version}/ready",
        "/v2/health/live",
        "/v2/health/ready",
        "/v2",
    ];

    private static async Task<JsonObject> DocumentAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!.AsObject();
    }

    [Fact]
    public async Task OpenApi_OpenServer_ListsInvocationsAndTheV2RoutesWithNamesAndNoSecurity()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species"));

        var document = await DocumentAsync(server.Client);

        Assert.StartsWith("3.", (string?)document["openapi"], StringComparison.Ordinal);
        var paths = document["paths"]!.AsObject();
        Assert.Contains("/invocations", paths.Select(path => path.Key));
        foreach (var route in V2Routes)
            Assert.True(paths.ContainsKey(route), $"{route} missing from {string.Join(", ", paths.Select(path => path.Key))}");
        Assert.False(paths.ContainsKey("/metrics"));
        var invocations = paths["/invocations"]!["post"]!;
        Assert.Equal("Invocations", (string?)invocations["operationId"]);
        Assert.Contains("MLflow", (string?)invocations["summary"], StringComparison.Ordinal);
        Assert.Equal("V2Infer", (string?)paths["/v2/models/{name}/infer"]!["post"]!["operationId"]);
        Assert.Null(document["components"]?["securitySchemes"]);
        Assert.Null(invocations["security"]);
    }

    [Fact]
    public async Task OpenApi_AuthOn_DeclaresBearerAndApiKeySchemesOnGuardedOperationsOnly()
    {
        var options = new ServingOptions { RequireAuth = true };
        var app = new ServingApp(models.Catalog("species"), options, services =>
        {
            services.AddAuthentication();
            services.AddAuthorization(authorization => authorization.AddPolicy(ServingApp.PredictPolicy, policy => policy.RequireClaim("scope", ServingApp.PredictPolicy)));
        }).Build(builder => builder.WebHost.UseTestServer());
        await app.StartAsync();
        try
        {
            using var client = app.GetTestClient();
            var document = await DocumentAsync(client);
            using var metrics = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

            var schemes = document["components"]!["securitySchemes"]!.AsObject();
            Assert.Equal("http", (string?)schemes["Bearer"]!["type"]);
            Assert.Equal("bearer", (string?)schemes["Bearer"]!["scheme"]);
            Assert.Equal("apiKey", (string?)schemes["ApiKey"]!["type"]);
            Assert.Equal("header", (string?)schemes["ApiKey"]!["in"]);
            Assert.Equal("X-Api-Key", (string?)schemes["ApiKey"]!["name"]);
            var paths = document["paths"]!.AsObject();
            var security = paths["/invocations"]!["post"]!["security"]!.AsArray();
            Assert.Equal(["Bearer", "ApiKey"], security.Select(requirement => requirement!.AsObject().Single().Key));
            Assert.NotNull(paths["/v2/models/{name}/infer"]!["post"]!["security"]);
            Assert.Null(paths["/v2/health/live"]!["get"]!["security"]);
            Assert.Null(paths["/v2/models/{name}/ready"]!["get"]!["security"]);
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
