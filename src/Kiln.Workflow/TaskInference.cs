using System.Globalization;
using Kiln.Core;
using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.Workflow;

/// <summary>Infers the task from the target column when kiln.yaml gives none.</summary>
/// <remarks>
/// Text, categorical and boolean targets are classification. A numeric target is classification when every value is a
/// whole number and there are at most <see cref="MaxWholeNumberClasses"/> distinct values (0/1 flags, ratings, class
/// codes), and regression otherwise (measurements, or counts with many values such as diabetes progression scores).
/// Missing values are ignored. Write <c>task:</c> in kiln.yaml to override.
/// </remarks>
public static class TaskInference
{
    /// <summary>The most distinct whole numbers a numeric target may have and still be read as class codes.</summary>
    public const int MaxWholeNumberClasses = 20;

    /// <summary>The task <paramref name="target"/> implies.</summary>
    /// <exception cref="KilnException">Every value is missing, or the target holds dates and times.</exception>
    public static TaskGuess Infer(Column target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var present = target.Length - target.MissingCount;
        if (present == 0)
            throw new KilnException($"The target '{target.Name}' has no values: it is missing in all {target.Length} rows. Choose a column that holds what to predict.");
        switch (target.Kind)
        {
            case ColumnKind.DateTime:
                throw new KilnException($"The target '{target.Name}' holds dates and times; Kiln predicts classes or numbers. Choose another target, or derive a number or a class from it.");
            case ColumnKind.Boolean:
                return new TaskGuess(LearnerTask.Classification, $"'{target.Name}' holds true/false values");
            case ColumnKind.Categorical or ColumnKind.Text:
                return new TaskGuess(LearnerTask.Classification, $"'{target.Name}' holds text with {Plural(DistinctTexts(target), "distinct value")}");
        }
        var values = ((NumericColumn)target).Values;
        var distinct = new HashSet<double>();
        var whole = true;
        foreach (var value in values)
        {
            if (double.IsNaN(value))
                continue;
            distinct.Add(value);
            whole &= double.IsFinite(value) && Math.Floor(value) == value;
        }
        if (whole && distinct.Count <= MaxWholeNumberClasses)
            return new TaskGuess(LearnerTask.Classification, $"'{target.Name}' holds whole numbers with only {Plural(distinct.Count, "distinct value")}");
        return new TaskGuess(LearnerTask.Regression, whole
            ? $"'{target.Name}' holds whole numbers with {Plural(distinct.Count, "distinct value")} (more than {MaxWholeNumberClasses})"
            : $"'{target.Name}' holds numbers with fractions");
    }

    private static int DistinctTexts(Column target)
    {
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        for (var row = 0; row < target.Length; row++)
        {
            if (target.FormatValue(row) is { } value)
                distinct.Add(value);
        }
        return distinct.Count;
    }

    private static string Plural(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");
}
