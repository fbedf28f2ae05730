using Kiln.Tracking.Keys;
using Microsoft.AspNetCore.Authentication;

namespace Kiln.Serving.Auth;

/// <summary>The settings of the API key scheme: the store the presented keys are verified against.</summary>
internal sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The keys; set by <see cref="ApiKeyAuthentication.AddKilnApiKeys"/>.</summary>
    public IApiKeyStore? Store { get; set; }
}
