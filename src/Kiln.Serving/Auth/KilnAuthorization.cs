using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.Serving.Auth;

/// <summary>The authorization policies of the Kiln server: one per scope, named by the scope.</summary>
public static class KilnAuthorization
{
    /// <summary>
    /// Registers the policies <c>"predict"</c>, <c>"feedback"</c> and <c>"admin"</c> (<see cref="ApiKeyScopes"/>): each
    /// requires an authenticated user with that scope, or with <c>admin</c>, which satisfies every policy.
    /// </summary>
    public static void AddKilnAuthorization(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyScopes.Predict, policy => RequireScope(policy, ApiKeyScopes.Predict))
            .AddPolicy(ApiKeyScopes.Feedback, policy => RequireScope(policy, ApiKeyScopes.Feedback))
            .AddPolicy(ApiKeyScopes.Admin, policy => RequireScope(policy, ApiKeyScopes.Admin));
    }

    /// <summary>The scopes <paramref name="user"/> holds: every <c>scope</c> claim, split at spaces (the OAuth form).</summary>
    internal static IEnumerable<string> Scopes(ClaimsPrincipal user) =>
        user.FindAll(ApiKeyClaims.Scope).SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static void RequireScope(AuthorizationPolicyBuilder policy, string scope) => policy
        .RequireAuthenticatedUser()
        .RequireAssertion(context => Tracking.Keys.KeyScopes.Satisfies(Scopes(context.User), scope));
}
