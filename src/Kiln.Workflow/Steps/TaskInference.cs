using System.Globalization;
using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.Workflow.Steps;

/// <summary>Infers the task from the target column when kiln.yaml gives none, and says why.</summary>
/// <remarks>
/// A categorical, boolean or text target is a classification; a numeric target is a classification when it holds at most
/// <see cref="MaxClasses"/> distinct values, all whole numbers (0/1 flags, ratings, class codes), and a regression otherwise.
/// A date-time target is neither. Missing values are not counted.
/// </remarks>
public static class TaskInference
{
    /// <summary>The most distinct whole numbers a numeric target may hold and still be read as classes.</summary>
    public const int MaxClasses = 20;

    /// <summary>The task of <paramref name="target"/> and the reason, as a phrase ("the target 'species' is categorical").</summary>
    /// <exception cref="Core.KilnException">The target is a date-time column, which is neither.</exception>
    public static (LearnerTask Task, string Reason) Infer(Column target)
    {
        ArgumentNullException.ThrowIfNull(target);
        switch (target.Kind)
        {
            case ColumnKind.Categorical:
            case ColumnKind.Text:
                return (LearnerTask.Classification, $"the target '{target.Name}' holds text");
            case ColumnKind.Boolean:
                return (LearnerTask.Classification, $"the target '{target.Name}' is true/false");
            case ColumnKind.DateTime:
                throw new Core.KilnException(
                    $"The target '{target.Name}' holds dates and times; Kiln predicts classes or numbers. Choose another target, or declare the column's kind in 'data: {{schema: {{{target.Name}: categorical}}}}'.");
        }
        var values = ((NumericColumn)target).Values;
        var distinct = new HashSet<double>();
        var allWhole = true;
        foreach (var value in values)
        {
            if (double.IsNaN(value))
                continue;
            allWhole &= value == Math.Floor(value) && double.IsFinite(value);
            if (distinct.Count <= MaxClasses)
                distinct.Add(value);
        }
        if (allWhole && distinct.Count <= MaxClasses)
        {
            return (LearnerTask.Classification,
                string.Create(CultureInfo.InvariantCulture, $"the target '{target.Name}' holds {distinct.Count} distinct whole numbers (at most {MaxClasses} are read as classes)"));
        }
        return (LearnerTask.Regression, allWhole
            ? string.Create(CultureInfo.InvariantCulture, $"the target '{target.Name}' holds more than {MaxClasses} distinct numbers")
            : $"the target '{target.Name}' holds numbers that are not whole");
    }
}
