namespace Kiln.Core.Profiling;

// What profiling one column yields: its public profile, its association with the target (features only), why it looks like an
// identifier (or null), and, for text columns, a dense id per row that the duplicate-row count hashes instead of the strings.
internal sealed record ColumnAnalysis(ColumnProfile Profile, FeatureAssociation? Association, string? IdLikeReason, int[]? TextIds = null);
