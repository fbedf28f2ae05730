using Microsoft.IdentityModel.Tokens;

namespace Kiln.Cli.Commands;

/// <summary>What <c>kiln serve</c> checks a JWT bearer token against.</summary>
/// <param name="Issuer">The issuer every token must name.</param>
/// <param name="Audience">The audience every token must name.</param>
/// <param name="SigningKey">The key tokens must be signed with.</param>
internal sealed record JwtSettings(string Issuer, string Audience, SecurityKey SigningKey);
