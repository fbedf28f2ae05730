using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Kiln.Serving.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Kiln.Serving.Tests.Auth;

/// <summary>The in-memory app with both API keys and JWT bearer tokens.</summary>
public sealed class JwtTestApp : IDisposable
{
    internal AuthTestApp App { get; } = new(withJwt: true);

    public void Dispose() => App.Dispose();
}

/// <summary>JWT bearer tokens beside API keys: the scope claim checked by the same policies; bad tokens 401, wrong scope 403.</summary>
public sealed class JwtAuthenticationTests(JwtTestApp fixture) : IClassFixture<JwtTestApp>
{
    private AuthTestApp App => fixture.App;

    private static string Token(string? scope, SecurityKey? key = null, string issuer = AuthTestApp.JwtIssuer, string audience = AuthTestApp.JwtAudience, TimeSpan? expiresIn = null)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var expires = now + (expiresIn ?? TimeSpan.FromHours(1));
        var claims = new Dictionary<string, object> { ["sub"] = "billing-service" };
        if (scope is not null)
            claims["scope"] = scope;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expires.AddHours(-2),
            NotBefore = expires.AddHours(-2),
            Expires = expires,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key ?? AuthTestApp.JwtKey, SecurityAlgorithms.HmacSha256),
        });
    }

    private async Task<(HttpStatusCode Status, JsonObject? Problem, string? ContentType)> Post(string path, string? bearer = null, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (bearer is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (apiKey is not null)
            request.Headers.Add(ApiKeyAuthentication.HeaderName, apiKey);
        using var response = await App.Client.SendAsync(request, CancellationToken.None);
        var text = await response.Content.ReadAsStringAsync(CancellationToken.None);
        return (response.StatusCode, text.StartsWith('{') ? JsonNode.Parse(text) as JsonObject : null, response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("predict")]
    [InlineData("admin")]
    [InlineData("feedback predict")]
    public async Task Predict_TokenWithTheScope_200(string scope)
    {
        var (status, _, _) = await Post("/predict", bearer: Token(scope));

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Predict_TokenWithAnotherScope_403Problem()
    {
        var (status, problem, contentType) = await Post("/predict", bearer: Token("feedback"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains("billing-service", (string?)problem!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_TokenWithoutScope_403()
    {
        var (status, _, _) = await Post("/predict", bearer: Token(scope: null));

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task Predict_TokenSignedWithAnotherKey_401Problem()
    {
        var other = new SymmetricSecurityKey([.. Enumerable.Range(101, 32).Select(value => (byte)value)]);

        var (status, problem, contentType) = await Post("/predict", bearer: Token("predict", key: other));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains("signature", (string?)problem!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_TokenForAnotherAudience_401()
    {
        var (status, problem, _) = await Post("/predict", bearer: Token("predict", audience: "someone-else"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("audience", (string?)problem!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_TokenFromAnotherIssuer_401()
    {
        var (status, _, _) = await Post("/predict", bearer: Token("predict", issuer: "https://evil.example"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Predict_ExpiredToken_401()
    {
        var (status, problem, _) = await Post("/predict", bearer: Token("predict", expiresIn: TimeSpan.FromMinutes(-10)));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("expired", (string?)problem!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_NotAToken_401()
    {
        var (status, _, _) = await Post("/predict", bearer: "not-a-jwt");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Predict_ApiKeysBesideJwt_StillAcceptedAndRefusedAsBefore()
    {
        var (asBearer, _, _) = await Post("/predict", bearer: App.PredictKey);
        var (asHeader, _, _) = await Post("/predict", apiKey: App.PredictKey);
        var (revoked, _, _) = await Post("/predict", bearer: App.RevokedKey);
        var (none, problem, _) = await Post("/predict");

        Assert.Equal(HttpStatusCode.OK, asBearer);
        Assert.Equal(HttpStatusCode.OK, asHeader);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked);
        Assert.Equal(HttpStatusCode.Unauthorized, none);
        Assert.Contains("needs an API key", (string?)problem!["detail"], StringComparison.Ordinal);
    }
}
