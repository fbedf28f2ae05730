namespace Kiln.Core.Profiling;

/// <summary>The codes of <see cref="ProfileWarning"/>, stable for reports and scripts.</summary>
public static class ProfileWarningCodes
{
    /// <summary>A single feature predicts the target almost perfectly (<see cref="ProfileOptions.LeakageThreshold"/>).</summary>
    public const string TargetLeakage = "target_leakage";

    /// <summary>A feature's values are all or nearly all distinct (<see cref="ProfileOptions.IdLikeDistinctFraction"/>): an identifier, not a feature.</summary>
    public const string IdLike = "id_like";

    /// <summary>A column has at most one distinct non-missing value.</summary>
    public const string Constant = "constant";

    /// <summary>A column is missing in more than <see cref="ProfileOptions.HighMissingFraction"/> of the rows.</summary>
    public const string HighMissing = "high_missing";

    /// <summary>Some rows have no target value; a workflow leaves them out.</summary>
    public const string MissingTarget = "missing_target";

    /// <summary>A class holds less than <see cref="ProfileOptions.ImbalancedMinorityShare"/> of the rows.</summary>
    public const string ImbalancedClasses = "imbalanced_classes";

    /// <summary>Some rows are exact copies of earlier rows (over every column).</summary>
    public const string DuplicateRows = "duplicate_rows";
}
