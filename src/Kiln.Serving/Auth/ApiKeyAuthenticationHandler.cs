using System.Security.Claims;
using System.Text.Encodings.Web;
using Kiln.Tracking.Keys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Kiln.Serving.Auth;

/// <summary>
/// Reads the key from <c>Authorization: Bearer</c> (first) or <c>X-Api-Key</c>, verifies it with the store (through the
/// short-lived <see cref="ApiKeyCache"/> of verified keys), and answers
/// challenges (401) and refusals (403) with problem+json that says what was wrong and what to do.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<ApiKeyAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    private const string HowToSend = $"Send it as 'Authorization: Bearer <key>' or '{ApiKeyAuthentication.HeaderName}: <key>'; create one with 'kiln keys create NAME --scope predict'.";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var keys = Options.Keys ?? throw new InvalidOperationException($"The {ApiKeyAuthentication.Scheme} scheme has no key store; add it with AddKilnApiKeys(store).");
        var (presented, source) = ReadKey(Request);
        if (presented is null)
            return Task.FromResult(AuthenticateResult.NoResult());
        var key = keys.Verify(presented);
        if (key is null)
        {
            return Task.FromResult(AuthenticateResult.Fail(
                $"The API key sent in {source} is not valid: it is malformed, unknown or revoked. Check that the whole key was copied (kiln_ and 56 more characters), or create a new one with 'kiln keys create NAME --scope predict'."));
        }
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.Id),
            new(ClaimTypes.Name, key.Name),
            new(ApiKeyClaims.KeyId, key.Id),
            new(ApiKeyClaims.KeyName, key.Name),
        };
        claims.AddRange(key.Scopes.Select(scope => new Claim(ApiKeyClaims.Scope, scope)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        var failure = result.Failure?.Message;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(HeaderNames.WWWAuthenticate, failure is null
            ? "Bearer realm=\"kiln\""
            : "Bearer realm=\"kiln\", error=\"invalid_token\", error_description=\"The API key is not valid.\"");
        var detail = failure ?? $"This endpoint needs an API key and the request has none. {HowToSend}";
        await Problem(StatusCodes.Status401Unauthorized, "Unauthorized", detail).ConfigureAwait(false);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var required = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(data => data.Policy).OfType<string>().Distinct(StringComparer.Ordinal).ToList() ?? [];
        var held = KilnAuthorization.Scopes(Context.User).Distinct(StringComparer.Ordinal).ToList();
        var who = Context.User.FindFirst(ApiKeyClaims.KeyName)?.Value is { } name
            ? $"The API key '{name}' ({Context.User.FindFirst(ApiKeyClaims.KeyId)?.Value})"
            : "The credentials";
        var needs = required.Count == 0 ? "a scope it does not have" : $"the scope {string.Join(" or ", required.Select(scope => $"'{scope}'"))} (or 'admin')";
        var has = held.Count == 0 ? "no scopes" : $"the scopes {string.Join(", ", held)}";
        var detail = $"{who} has {has}, but this endpoint needs {needs}. Use a key with that scope (kiln keys create NAME --scope SCOPE).";
        return Problem(StatusCodes.Status403Forbidden, "Forbidden", detail);
    }

    private Task Problem(int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(Context);

    private static (string? Key, string Source) ReadKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            return (authorization[BearerPrefix.Length..].Trim(), "the Authorization header");
        var header = request.Headers[ApiKeyAuthentication.HeaderName].ToString();
        return header.Length == 0 ? (null, string.Empty) : (header.Trim(), $"the {ApiKeyAuthentication.HeaderName} header");
    }
}
