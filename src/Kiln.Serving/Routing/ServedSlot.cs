namespace Kiln.Serving.Routing;

/// <summary>What one served reference serves now, as <c>GET /api/admin/models</c> and <c>kiln serve</c> show it.</summary>
/// <param name="Reference">The reference as asked for: <c>penguins@champion</c>, <c>penguins</c>, <c>penguins/3</c>.</param>
/// <param name="Role">Champion, canary or shadow.</param>
/// <param name="Model">The version it serves now.</param>
/// <param name="Follows">Whether the registry can give it another version (an alias or the bare name).</param>
/// <param name="CanaryPercent">The share of its name's requests a canary answers; null for other roles.</param>
/// <param name="Problem">The latest reload problem (the old version kept serving), or null.</param>
public sealed record ServedSlot(string Reference, ServingRole Role, ServedModel Model, bool Follows, double? CanaryPercent, string? Problem);
