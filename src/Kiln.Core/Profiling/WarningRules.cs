using System.Globalization;
using Kiln.Core.Data;
using Kiln.Core.Metrics;

namespace Kiln.Core.Profiling;

// The warning rules, applied to a finished profile. Thresholds come from ProfileOptions; each message says what was found,
// the number seen, and what to do.
internal static class WarningRules
{
    public static List<ProfileWarning> Apply(
        IReadOnlyList<ColumnProfile> columns, IReadOnlyList<ColumnAnalysis> analyses, TargetProfile? target, TargetData? targetData,
        int duplicateRows, int rowCount, ProfileOptions options)
    {
        var warnings = new List<ProfileWarning>();
        if (target is not null)
            AddTargetWarnings(warnings, target, options);
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            if (column.Role is not (ColumnRole.Feature or ColumnRole.Target))
                continue;
            AddColumnWarnings(warnings, column, options);
            if (column.Role != ColumnRole.Feature)
                continue;
            if (analyses[i].IdLikeReason is { } reason)
            {
                warnings.Add(new ProfileWarning(ProfileWarningCodes.IdLike, column.Name,
                    $"Column '{column.Name}' looks like an identifier: {reason}. It cannot generalise to new rows; add it to ignore: (or give it the id role).",
                    (double)column.DistinctCount / Math.Max(1, column.RowCount - column.MissingCount)));
            }
            if (analyses[i].Association is { } association && targetData is not null && IsLeak(association, targetData, options, out var description))
            {
                warnings.Add(new ProfileWarning(ProfileWarningCodes.TargetLeakage, column.Name,
                    $"Feature '{column.Name}' alone predicts the target '{targetData.Name}' almost perfectly ({description}); it may be derived from the target or "
                    + "recorded after it. Check how it is produced, and add it to ignore: if it is not known when predictions are made.",
                    association.SingleFeatureScore));
            }
        }
        if (duplicateRows > 0)
        {
            warnings.Add(new ProfileWarning(ProfileWarningCodes.DuplicateRows, null,
                $"{duplicateRows} of {rowCount} rows ({Percent((double)duplicateRows / rowCount)}) repeat an earlier row exactly. Copies that land on both sides of a split "
                + "inflate validation scores; remove them, or split by a group column.",
                duplicateRows));
        }
        return warnings;
    }

    private static void AddTargetWarnings(List<ProfileWarning> warnings, TargetProfile target, ProfileOptions options)
    {
        if (target.MissingCount > 0)
        {
            var total = target.MissingCount + target.RowCount;
            warnings.Add(new ProfileWarning(ProfileWarningCodes.MissingTarget, target.Name,
                $"The target '{target.Name}' is missing in {target.MissingCount} of {total} rows ({Percent((double)target.MissingCount / total)}); those rows are left out of training and evaluation.",
                target.MissingCount));
        }
        if (target.Classes is not { Count: > 1 } classes)
            return;
        var rare = classes.Where(share => share.Share < options.ImbalancedMinorityShare).ToList();
        if (rare.Count == 0)
            return;
        var named = string.Join(", ", rare.Select(share => $"'{share.Label}' ({share.Count} rows, {Percent(share.Share)})"));
        warnings.Add(new ProfileWarning(ProfileWarningCodes.ImbalancedClasses, target.Name,
            $"The classes of '{target.Name}' are imbalanced: {named} below {Percent(options.ImbalancedMinorityShare)}. Accuracy hides errors on rare classes; "
            + "prefer balanced_accuracy or f1_macro as the metric, and keep the split stratified.",
            rare.Min(share => share.Share)));
    }

    private static void AddColumnWarnings(List<ProfileWarning> warnings, ColumnProfile column, ProfileOptions options)
    {
        var kindOfColumn = column.Role == ColumnRole.Target ? "The target" : "Column";
        if (column.RowCount > 0 && column.MissingCount == column.RowCount)
        {
            warnings.Add(new ProfileWarning(ProfileWarningCodes.HighMissing, column.Name,
                $"{kindOfColumn} '{column.Name}' is missing in every one of its {column.RowCount} rows; it carries no information. Add it to ignore:.", 1.0));
            return;
        }
        if (column.DistinctCount == 1)
        {
            warnings.Add(new ProfileWarning(ProfileWarningCodes.Constant, column.Name,
                $"{kindOfColumn} '{column.Name}' has the same value in every non-missing row; it carries no information. "
                + (column.Role == ColumnRole.Target ? "A model cannot learn from a constant target; check the data." : "Add it to ignore:."),
                1));
        }
        if (column.MissingFraction > options.HighMissingFraction)
        {
            warnings.Add(new ProfileWarning(ProfileWarningCodes.HighMissing, column.Name,
                $"{kindOfColumn} '{column.Name}' is missing in {column.MissingCount} of {column.RowCount} rows ({Percent(column.MissingFraction)}, more than {Percent(options.HighMissingFraction)}). "
                + "Imputed values would dominate it; consider ignoring it or keeping only a was-missing indicator.",
                column.MissingFraction));
        }
    }

    // Classification: accuracy at the threshold and clearly above the majority baseline (it removes most of the baseline's errors).
    // Regression: |Pearson r| or the rule's R² at the threshold.
    private static bool IsLeak(FeatureAssociation association, TargetData target, ProfileOptions options, out string description)
    {
        var score = association.SingleFeatureScore;
        if (target.Task == MetricTask.Classification)
        {
            var baseline = target.PresentCount == 0 ? 1.0 : (double)target.MajorityCount / target.PresentCount;
            description = $"accuracy {Number(score)} against a majority-class baseline of {Number(baseline)}";
            return score >= options.LeakageThreshold && baseline < 1 && 1 - score <= (1 - options.LeakageMinimumErrorReduction) * (1 - baseline);
        }
        var isPearson = association.Measure == AssociationMeasure.Pearson;
        var strength = Math.Abs(association.Value);
        description = $"R² {Number(score)} from at most {options.LeakageMaxBins} {(isPearson ? "intervals" : "categories")}, {(isPearson ? "|Pearson r|" : "correlation ratio η")} {Number(strength)}";
        return score >= options.LeakageThreshold || (isPearson && strength >= options.LeakageThreshold);
    }

    private static string Number(double value) => double.IsNaN(value) ? "undefined" : value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
