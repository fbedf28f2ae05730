using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Kiln.Serving.Auth;
using Kiln.Serving.Routing;
using Kiln.Serving.Tests.Routing;
using Kiln.Tracking.Keys;
using Kiln.Tracking.Registry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace Kiln.Serving.Tests.Admin;

public sealed class AdminEndpointTests(MassVersions versions) : IClassFixture<MassVersions>
{
    [Fact]
    public async Task MoveAlias_BrokenBundle_Refused422AliasNotMovedOldVersionServes()
    {
        var store = versions.NewStore();
        await using var server = await SwapServer.StartAsync(store, ["mass@champion"]);

        using var response = await server.MoveAliasAsync("champion", 3);
        var detail = (string)(await Problems.Read(response, HttpStatusCode.UnprocessableEntity, "version"))["detail"]!;

        Assert.Contains("version 3 of 'mass'", detail, StringComparison.Ordinal);
        Assert.Contains("The alias was not moved.", detail, StringComparison.Ordinal);
        using (var registry = MassVersions.Open(store))
            Assert.Equal(1, registry.Resolve(ModelReference.Parse("mass@champion")).Version);
        Assert.Equal(1, await server.VersionOfAsync("mass@champion"));
        await AssertAnsweredByAsync(server, 1);
    }

    [Fact]
    public async Task Reload_RegistryPointsAtABrokenBundle_OldVersionKeepsServingAndEachAttemptIsCounted()
    {
        var store = versions.NewStore();
        await using var server = await SwapServer.StartAsync(store, ["mass@champion"]);
        using var registry = MassVersions.Open(store);

        registry.SetAlias("mass", "champion", 3);
        var change = await ReloadAsync(server);

        Assert.False((bool)change["swapped"]!);
        Assert.Contains("now names version 3, whose bundle does not load", (string?)change["problem"], StringComparison.Ordinal);
        Assert.Contains("version 1 keeps serving", (string?)change["problem"], StringComparison.Ordinal);
        await AssertAnsweredByAsync(server, 1);
        var slot = (await server.SlotsAsync()).Single()!;
        Assert.Equal(1, (int)slot["version"]!);
        Assert.Contains("does not load", (string?)slot["problem"], StringComparison.Ordinal);
        Assert.Equal(1, await FailuresAsync(server));

        // The admin reload retries (and counts) the broken version; the same problem is reported once.
        await ReloadAsync(server);
        Assert.Equal(2, await FailuresAsync(server));
        Assert.Single(server.Reports, line => line.Contains("does not load", StringComparison.Ordinal));

        registry.SetAlias("mass", "champion", 2);
        change = await ReloadAsync(server);

        Assert.True((bool)change["swapped"]!);
        await AssertAnsweredByAsync(server, 2);
        Assert.Null((await server.SlotsAsync()).Single()!["problem"]);
        Assert.Equal(2, await FailuresAsync(server));
    }

    [Fact]
    public async Task Watcher_BrokenBundle_NotRetriedUntilForcedThenSwapsWhenTheAliasMovesOn()
    {
        var store = versions.NewStore();
        await using var server = await SwapServer.StartAsync(store, ["mass@champion"]);
        var reloader = server.Serving.Reloader!;
        using var registry = MassVersions.Open(store);

        registry.SetAlias("mass", "champion", 3);
        reloader.ReloadAll(force: false);
        reloader.ReloadAll(force: false);

        Assert.Equal(1, await FailuresAsync(server));
        await AssertAnsweredByAsync(server, 1);
        registry.SetAlias("mass", "champion", 1);
        Assert.Null(Assert.Single(reloader.ReloadAll(force: false)).Problem);
        Assert.Contains("mass@champion names version 1 again, which serves; its reload problem is over", server.Reports);
        registry.SetAlias("mass", "champion", 2);
        var change = Assert.Single(reloader.ReloadAll(force: false));
        Assert.True(change.Swapped);
        await AssertAnsweredByAsync(server, 2);
    }

    [Fact]
    public async Task Watcher_AliasMovedInTheRegistry_SwapsWithinItsPeriodAndReportsIt()
    {
        var store = versions.NewStore();
        await using var server = await SwapServer.StartAsync(store, ["mass@champion"], every: TimeSpan.FromMilliseconds(10));
        using var registry = MassVersions.Open(store);

        registry.SetAlias("mass", "champion", 2);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (await server.VersionOfAsync("mass@champion") != 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "The watcher did not swap to version 2.");
            await Task.Delay(10);
        }

        await AssertAnsweredByAsync(server, 2);
        Assert.Contains("swapped mass@champion (champion) from version 1 to version 2", server.Reports);
    }

    [Fact]
    public async Task Models_ChampionCanaryShadowAndPinned_ListsEverySlot()
    {
        var store = versions.NewStore();
        var routing = new RoutingOptions { Canaries = [CanaryRoute.Parse("mass@challenger=10")], Shadows = [ModelReference.Parse("mass/2")], Seed = 1 };
        await using var server = await SwapServer.StartAsync(store, ["mass@champion", "mass/2"], routing);

        var slots = await server.SlotsAsync();

        Assert.Equal(
            ["mass@champion champion 1 true", "mass/2 champion 2 false", "mass@challenger canary 2 true", "mass/2 shadow 2 false"],
            slots.Select(slot => $"{slot!["reference"]} {slot["role"]} {slot["version"]} {slot["follows"]}"));
        Assert.Equal(10.0, (double)slots[2]!["percent"]!);
    }

    [Theory]
    [InlineData("""{"version": 9}""", HttpStatusCode.NotFound, "has no version 9")]
    [InlineData("""{"version": "2"}""", HttpStatusCode.BadRequest, "whole number from 1")]
    [InlineData("""{"version": 0}""", HttpStatusCode.BadRequest, "whole number from 1")]
    [InlineData("""{"versions": 2}""", HttpStatusCode.BadRequest, "unknown member 'versions'")]
    [InlineData("""{}""", HttpStatusCode.BadRequest, "no 'version'")]
    [InlineData("""[2]""", HttpStatusCode.BadRequest, "send {\"version\": N}")]
    [InlineData("""{"version": """, HttpStatusCode.BadRequest, "not JSON")]
    public async Task MoveAlias_BadRequest_ProblemSaysWhat(string body, HttpStatusCode status, string expected)
    {
        var store = versions.NewStore();
        await using var server = await SwapServer.StartAsync(store, ["mass@champion"]);

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await server.Client.PutAsync(new Uri("/api/admin/models/mass/aliases/champion", UriKind.Relative), content);
        var problem = await Problems.Read(response, status);

        Assert.Contains(expected, (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(1, await server.VersionOfAsync("mass@champion"));
    }

    [Fact]
    public async Task MoveAlias_NewAliasNoSlotFollows_MovesInTheRegistryOnly()
    {
        var store = versions.NewStore();
        await using var server = await SwapServer.StartAsync(store, ["mass@champion"]);

        using var response = await server.MoveAliasAsync("staging", 2);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(answer["previous_version"]);
        Assert.All(answer["changes"]!.AsArray(), change => Assert.False((bool)change!["swapped"]!));
        using var registry = MassVersions.Open(store);
        Assert.Equal(2, registry.Resolve(ModelReference.Parse("mass@staging")).Version);
    }

    [Fact]
    public async Task Admin_AuthOn_NeedsTheAdminScope()
    {
        var store = versions.NewStore();
        using var keys = ApiKeyStores.Open(null, store, TimeProvider.System);
        var predictKey = keys.Create("frontend", [ApiKeyScopes.Predict]).Key;
        var adminKey = keys.Create("operator", [ApiKeyScopes.Admin]).Key;
        using var registry = MassVersions.Open(store);
        var catalog = ModelCatalog.Load(registry, [ModelReference.Parse("mass@champion")]);
        var serving = new ServingApp(catalog, new ServingOptions(), services =>
        {
            services.AddAuthentication(ApiKeyAuthentication.Scheme).AddKilnApiKeys(keys);
            services.AddKilnAuthorization();
        }, new ReloadOptions(registry) { Every = TimeSpan.Zero });
        await using var app = serving.Build(builder => builder.WebHost.UseTestServer());
        await app.StartAsync();
        using var client = app.GetTestClient();

        async Task<HttpStatusCode> MoveAsync(string? key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, new Uri("/api/admin/models/mass/aliases/champion", UriKind.Relative))
            {
                Content = new StringContent("""{"version": 2}""", Encoding.UTF8, "application/json"),
            };
            if (key is not null)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await MoveAsync(null));
        Assert.Equal(HttpStatusCode.Forbidden, await MoveAsync(predictKey));
        Assert.Equal(1, catalog.Find("mass")!.Version);
        Assert.Equal(HttpStatusCode.OK, await MoveAsync(adminKey));
        Assert.Equal(2, catalog.Find("mass")!.Version);
        await app.StopAsync();
    }

    private async Task AssertAnsweredByAsync(SwapServer server, int version)
    {
        using var response = await server.PostAsync("/invocations", versions.DataframeSplit());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(version.ToString(CultureInfo.InvariantCulture), response.Headers.GetValues(ServingApp.VersionHeader).Single());
        Assert.True(versions.Matches(version, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["predictions"]!.AsArray().Select(value => value!.GetValue<double>())));
    }

    private static async Task<JsonNode> ReloadAsync(SwapServer server)
    {
        using var reload = await server.Client.PostAsync(new Uri("/api/admin/reload", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, reload.StatusCode);
        return JsonNode.Parse(await reload.Content.ReadAsStringAsync())!["changes"]!.AsArray().Single()!;
    }

    private static async Task<double> FailuresAsync(SwapServer server)
    {
        using var response = await server.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var exposition = PrometheusExposition.Parse(await response.Content.ReadAsStringAsync());
        return exposition.Samples.Single(sample => sample.Name == "kiln_model_reloads_total" && sample.Labels["reference"] == "mass@champion" && sample.Labels["outcome"] == "failed").Value;
    }
}
