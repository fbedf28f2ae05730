namespace Kiln.Core.Profiling;

/// <summary>The statistic that measures how strongly a feature is associated with the target.</summary>
public enum AssociationMeasure
{
    /// <summary>Pearson's r: a numeric feature and a numeric target; in [-1, 1].</summary>
    Pearson,

    /// <summary>The correlation ratio η (Karl Pearson; η² is the between-group share of the total sum of squares, as in a one-way ANOVA): a numeric value grouped by a categorical one — a numeric feature by class, or a numeric target by category; in [0, 1].</summary>
    CorrelationRatio,

    /// <summary>Cramér's V (Cramér, 1946), √(χ² / (n · (min(r, c) − 1))) of the contingency table: a categorical feature and a class target; in [0, 1].</summary>
    CramersV,
}
