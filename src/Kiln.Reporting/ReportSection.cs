namespace Kiln.Reporting;

/// <summary>A section added after the built-in ones (tuning history, drift, …): a title and a list of blocks.</summary>
public sealed record ReportSection
{
    /// <summary>A short id for links to the section, e.g. "tuning"; letters, digits and '-' are kept, others become '-'.</summary>
    public required string Id { get; init; }

    /// <summary>The section's heading.</summary>
    public required string Title { get; init; }

    /// <summary>The section's content, in order.</summary>
    public IReadOnlyList<ReportBlock> Blocks { get; init; } = [];
}
