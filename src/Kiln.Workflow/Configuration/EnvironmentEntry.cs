namespace Kiln.Workflow.Configuration;

/// <summary>One environment's section of a kiln.config.yaml: where its runs are recorded and its artifacts kept.</summary>
/// <param name="Store">The store root (a full path), or <see langword="null"/> when the file gives none.</param>
/// <param name="Tracking">The run store's connection (empty or absent: SQLite under the store root), or <see langword="null"/>.</param>
/// <param name="Artifacts">The artifact root (a full path, or an <c>s3://</c> address as written), or <see langword="null"/>.</param>
public sealed record EnvironmentEntry(string? Store, string? Tracking, string? Artifacts);
