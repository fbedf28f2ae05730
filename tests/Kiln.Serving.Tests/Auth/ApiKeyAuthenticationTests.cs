using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Kiln.Serving.Auth;

namespace Kiln.Serving.Tests.Auth;

/// <summary>API keys over HTTP: 401 without a valid key, 403 without the scope, 200 with it; open endpoints stay open.</summary>
public sealed class ApiKeyAuthenticationTests(AuthTestApp app) : IClassFixture<AuthTestApp>
{
    private static HttpRequestMessage Post(string path, string? bearer = null, string? apiKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        if (bearer is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (apiKey is not null)
            request.Headers.Add(ApiKeyAuthentication.HeaderName, apiKey);
        return request;
    }

    private static HttpRequestMessage Get(string path, string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return request;
    }

    private async Task<(HttpResponseMessage Response, JsonObject? Body)> Send(HttpRequestMessage request)
    {
        using (request)
        {
            var response = await app.Client.SendAsync(request, CancellationToken.None);
            var text = await response.Content.ReadAsStringAsync(CancellationToken.None);
            return (response, text.StartsWith('{') ? JsonNode.Parse(text) as JsonObject : null);
        }
    }

    private static void AssertProblem(HttpResponseMessage response, JsonObject? body, HttpStatusCode status, string detailPart)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(body);
        Assert.Equal((int)status, (int?)body["status"]);
        Assert.Contains(detailPart, (string?)body["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_NoKey_401WithChallengeAndProblem()
    {
        var (response, body) = await Send(Post("/predict"));

        AssertProblem(response, body, HttpStatusCode.Unauthorized, "needs an API key");
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.DoesNotContain("invalid_token", challenge.Parameter ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_WrongKey_401InvalidToken()
    {
        var wrong = app.PredictKey[..^1] + (app.PredictKey[^1] == 'A' ? 'B' : 'A');

        var (response, body) = await Send(Post("/predict", bearer: wrong));

        AssertProblem(response, body, HttpStatusCode.Unauthorized, "not valid");
        Assert.Contains("the Authorization header", (string?)body!["detail"], StringComparison.Ordinal);
        Assert.Contains("invalid_token", Assert.Single(response.Headers.WwwAuthenticate).Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_GarbageInApiKeyHeader_401NamingTheHeader()
    {
        var (response, body) = await Send(Post("/predict", apiKey: "hunter2"));

        AssertProblem(response, body, HttpStatusCode.Unauthorized, "X-Api-Key header");
    }

    [Fact]
    public async Task Predict_UnknownIdOrWrongSecretOrRevoked_SameAnswerSoNothingIsLearnedAboutIds()
    {
        var wrongSecret = app.PredictKey[..^1] + (app.PredictKey[^1] == 'A' ? 'B' : 'A');
        var unknownId = "kiln_" + new string('z', 12) + app.PredictKey[17..];

        var answers = new List<string?>();
        foreach (var key in new[] { wrongSecret, unknownId, app.RevokedKey })
        {
            var (response, body) = await Send(Post("/predict", bearer: key));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            answers.Add((string?)body!["detail"]);
        }

        Assert.Single(answers.Distinct());
    }

    [Fact]
    public async Task Predict_RevokedKey_401()
    {
        var (response, body) = await Send(Post("/predict", bearer: app.RevokedKey));

        AssertProblem(response, body, HttpStatusCode.Unauthorized, "revoked");
    }

    [Fact]
    public async Task Predict_OtherAuthorizationScheme_401()
    {
        using var request = Post("/predict");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("user:pass"u8.ToArray()));

        var (response, body) = await Send(request);

        AssertProblem(response, body, HttpStatusCode.Unauthorized, "needs an API key");
    }

    [Fact]
    public async Task Predict_PredictKeyAsBearer_200WithTheKeysClaims()
    {
        var (response, body) = await Send(Post("/predict", bearer: app.PredictKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(app.PredictKey[5..17], (string?)body!["key_id"]);
        Assert.Equal("frontend", (string?)body["key_name"]);
        Assert.Equal(["predict"], body["scopes"]!.AsArray().Select(scope => (string?)scope));
    }

    [Fact]
    public async Task Predict_PredictKeyInApiKeyHeader_200()
    {
        var (response, _) = await Send(Post("/predict", apiKey: app.PredictKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Predict_BearerSchemeInLowerCase_200()
    {
        using var request = Post("/predict");
        request.Headers.TryAddWithoutValidation("Authorization", "bearer " + app.PredictKey);

        var (response, _) = await Send(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Predict_FeedbackOnlyKey_403NamingKeyAndScopes()
    {
        var (response, body) = await Send(Post("/predict", bearer: app.FeedbackKey));

        AssertProblem(response, body, HttpStatusCode.Forbidden, "'labeler'");
        Assert.Contains("the scopes feedback", (string?)body!["detail"], StringComparison.Ordinal);
        Assert.Contains("'predict'", (string?)body["detail"], StringComparison.Ordinal);
        Assert.Empty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task Admin_PredictKey_403()
    {
        var (response, body) = await Send(Get("/admin", bearer: app.PredictKey));

        AssertProblem(response, body, HttpStatusCode.Forbidden, "'admin'");
    }

    [Fact]
    public async Task Admin_AdminKey_200()
    {
        var (response, _) = await Send(Get("/admin", bearer: app.AdminKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/predict")]
    [InlineData("/feedback")]
    public async Task ScopedEndpoint_AdminKey_200BecauseAdminImpliesEveryScope(string path)
    {
        var (response, _) = await Send(Post(path, apiKey: app.AdminKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Feedback_FeedbackKey_200AndPredictKey403()
    {
        var (allowed, _) = await Send(Post("/feedback", bearer: app.FeedbackKey));
        var (refused, _) = await Send(Post("/feedback", bearer: app.PredictKey));

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Health_NoKey_200()
    {
        var response = await app.Client.GetAsync(new Uri("/health", UriKind.Relative), CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Health_WrongKey_200BecauseOpenEndpointsIgnoreCredentials()
    {
        var (response, _) = await Send(Get("/health", bearer: "kiln_wrong"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
