namespace Kiln.Tracking.Registry;

/// <summary>What a promotion did.</summary>
/// <param name="Name">The model.</param>
/// <param name="Alias">The alias that was moved.</param>
/// <param name="Version">The version the alias now points at.</param>
/// <param name="PreviousVersion">The version it pointed at before, or null when the alias was new.</param>
/// <param name="Reason">One sentence saying why the promotion was allowed (the rule and, for a metric rule, both values).</param>
public sealed record PromotionResult(string Name, string Alias, int Version, int? PreviousVersion, string Reason);
