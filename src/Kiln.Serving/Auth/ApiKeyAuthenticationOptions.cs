using Kiln.Tracking.Keys;
using Microsoft.AspNetCore.Authentication;

namespace Kiln.Serving.Auth;

/// <summary>The settings of the API key scheme: the store the presented keys are verified against, through a short-lived cache.</summary>
internal sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The keys, behind the cache of verified keys; set by <see cref="ApiKeyAuthentication.AddKilnApiKeys(AuthenticationBuilder, IApiKeyStore)"/>.</summary>
    public ApiKeyCache? Keys { get; set; }
}
