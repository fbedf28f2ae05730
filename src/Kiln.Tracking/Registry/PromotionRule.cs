using Kiln.Core.Metrics;

namespace Kiln.Tracking.Registry;

/// <summary>When <see cref="IModelRegistry.Promote"/> may move an alias to a candidate version.</summary>
public sealed record PromotionRule
{
    private PromotionRule(string? metric) => Metric = metric;

    /// <summary>Move the alias without comparing anything.</summary>
    public static PromotionRule Explicit { get; } = new((string?)null);

    /// <summary>
    /// The metric the candidate must beat the alias's current holder on, strictly, both tested on the same data version;
    /// null for <see cref="Explicit"/>.
    /// </summary>
    public string? Metric { get; }

    /// <summary>Move the alias only when the candidate is strictly better on <paramref name="metric"/> than the version that holds it, on the same data version.</summary>
    /// <param name="metric">A metric of <see cref="MetricCatalog"/> (its direction decides what "better" means).</param>
    /// <exception cref="ArgumentException">The metric is unknown; the message lists the known ones.</exception>
    public static PromotionRule BetterOn(string metric)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        MetricCatalog.Get(metric);
        return new PromotionRule(metric.Trim());
    }

    /// <inheritdoc/>
    public override string ToString() => Metric is null ? "explicit" : $"better on {Metric}";
}
