using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Kiln.Serving.Auth;

/// <summary>
/// JWT bearer tokens as a second way in, beside API keys: a token signed with the configured key, from the configured
/// issuer for the configured audience, whose <c>scope</c> claim (one scope, or several separated by spaces) the same
/// policies check (<see cref="KilnAuthorization.AddKilnAuthorization"/>).
/// </summary>
/// <remarks>
/// With both schemes added, <c>Authorization: Bearer kiln_…</c> and <c>X-Api-Key</c> go to the API key scheme and any
/// other bearer token to this one, so the API key scheme can stay the default. A missing, malformed, wrongly signed,
/// expired or foreign token is answered 401, a token without the scope 403, both as problem+json.
/// </remarks>
public static class JwtAuthentication
{
    /// <summary>The authentication scheme's name.</summary>
    public const string Scheme = "KilnJwt";

    /// <summary>Adds the JWT bearer scheme (<see cref="Scheme"/>) and sends non-Kiln bearer tokens to it.</summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="issuer">The issuer (<c>iss</c>) every token must name.</param>
    /// <param name="audience">The audience (<c>aud</c>) every token must name.</param>
    /// <param name="signingKey">The key tokens must be signed with (e.g. a <see cref="SymmetricSecurityKey"/> of at least 256 bits for HS256, or an RSA or EC public key).</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static AuthenticationBuilder AddKilnJwt(this AuthenticationBuilder builder, string issuer, string audience, SecurityKey signingKey)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        ArgumentException.ThrowIfNullOrWhiteSpace(audience);
        ArgumentNullException.ThrowIfNull(signingKey);
        builder.Services.PostConfigure<ApiKeyAuthenticationOptions>(ApiKeyAuthentication.Scheme, options =>
            options.ForwardDefaultSelector = context => IsForeignBearer(context.Request) ? Scheme : null);
        return builder.AddJwtBearer(Scheme, options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidIssuer = issuer,
                ValidateAudience = true,
                ValidAudience = audience,
                ValidateIssuerSigningKey = true,
                IssuerSigningKey = signingKey,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = "sub",
            };
            options.Events = new JwtBearerEvents
            {
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    var failure = context.AuthenticateFailure is null
                        ? "The bearer token is missing."
                        : $"The bearer token is not valid: {Describe(context.AuthenticateFailure)}.";
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers.WWWAuthenticate = "Bearer realm=\"kiln\", error=\"invalid_token\"";
                    await Results.Problem(detail: $"{failure} Send a token from '{issuer}' for '{audience}', signed with the server's key and not expired, as 'Authorization: Bearer <token>'; or an API key.",
                        statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized").ExecuteAsync(context.HttpContext).ConfigureAwait(false);
                },
                OnForbidden = context =>
                {
                    var held = KilnAuthorization.Scopes(context.HttpContext.User).ToList();
                    var subject = context.HttpContext.User.Identity?.Name ?? "(no sub)";
                    return Results.Problem(
                        detail: $"The token of '{subject}' has {(held.Count == 0 ? "no scope" : $"the scopes {string.Join(", ", held)}")}, but this endpoint needs another (or 'admin'). Ask for a token with that scope in its 'scope' claim.",
                        statusCode: StatusCodes.Status403Forbidden, title: "Forbidden").ExecuteAsync(context.HttpContext);
                },
            };
        });
    }

    private static bool IsForeignBearer(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        return authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase)
            && !authorization.AsSpan(Bearer.Length).TrimStart().StartsWith("kiln_", StringComparison.Ordinal);
    }

    private static string Describe(Exception failure) => failure switch
    {
        SecurityTokenExpiredException => "it has expired",
        SecurityTokenInvalidAudienceException => "it is for another audience",
        SecurityTokenInvalidIssuerException => "it is from another issuer",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "its signature does not match the server's key",
        SecurityTokenNoExpirationException => "it has no expiry time",
        _ => "it cannot be read as a signed JWT",
    };
}
