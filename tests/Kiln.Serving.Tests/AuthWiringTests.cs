using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kiln.Serving.Tests;

/// <summary>
/// With RequireAuth on, the caller's configureAuth decides who may predict: here a stand-in scheme (one fixed bearer
/// token with scope predict) shows the wiring; the API-key scheme of Kiln.Serving.Auth plugs into the same delegate.
/// </summary>
public sealed class AuthWiringTests(PenguinModels models) : IClassFixture<PenguinModels>
{
    private const string Scheme = "StandIn";

    private static void ConfigureStandIn(IServiceCollection services)
    {
        services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, StandInHandler>(Scheme, null);
        services.AddAuthorization(options => options.AddPolicy(ServingApp.PredictPolicy, policy => policy.RequireClaim("scope", ServingApp.PredictPolicy)));
    }

    [Fact]
    public async Task RequireAuth_PredictionEndpointsNeedThePredictPolicyAndHealthStaysOpen()
    {
        var app = new ServingApp(models.Catalog("species"), new ServingOptions(), ConfigureStandIn).Build(builder => builder.WebHost.UseTestServer());
        await app.StartAsync();
        try
        {
            using var client = app.GetTestClient();
            var body = new JsonObject { ["dataframe_records"] = models.Records(models.Classifier.InputSchema) }.ToJsonString();
            using var anonymous = await client.PostAsync(new Uri("/invocations", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            using var metadata = await client.GetAsync(new Uri("/v2/models/species", UriKind.Relative));
            using var live = await client.GetAsync(new Uri("/v2/health/live", UriKind.Relative));
            using var ready = await client.GetAsync(new Uri("/v2/models/species/ready", UriKind.Relative));
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", StandInHandler.Token);
            using var authorized = await client.PostAsync(new Uri("/invocations", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, metadata.StatusCode);
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private sealed class StandInHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Token = "stand-in-token";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (Request.Headers.Authorization.ToString() != $"Bearer {Token}")
                return Task.FromResult(AuthenticateResult.NoResult());
            var identity = new ClaimsIdentity([new Claim("scope", ServingApp.PredictPolicy)], Scheme.Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
        }
    }
}
