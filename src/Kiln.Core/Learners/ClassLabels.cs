using System.Globalization;
using Kiln.Core.Data;

namespace Kiln.Core.Learners;

/// <summary>Class labels encoded as codes 0 … k − 1 into a sorted list of class names.</summary>
/// <remarks>
/// Classes sort as strings (ordinal), except that when every class parses as a number they sort numerically,
/// as scikit-learn's <c>np.unique</c> orders numeric and string labels. The same order is used by metrics,
/// probability columns and saved models, so a class's index means the same thing everywhere.
/// </remarks>
public sealed class ClassLabels
{
    private readonly int[] _codes;
    private readonly string[] _classes;

    private ClassLabels(int[] codes, string[] classes)
    {
        _codes = codes;
        _classes = classes;
    }

    /// <summary>The class names, sorted (see the remarks on <see cref="ClassLabels"/>).</summary>
    public IReadOnlyList<string> Classes => _classes;

    /// <summary>The class code of each row.</summary>
    public ReadOnlySpan<int> Codes => _codes;

    /// <summary>The number of classes.</summary>
    public int ClassCount => _classes.Length;

    /// <summary>Encodes the target values at <paramref name="rows"/> of <paramref name="target"/>.</summary>
    /// <remarks>Any column kind works: a label is the value's invariant text, so a many-valued string column that a reader typed as text is as good a target as a categorical one.</remarks>
    /// <exception cref="SchemaMismatchException">A value is missing.</exception>
    public static ClassLabels FromColumn(Column target, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(target);
        var labels = new string[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            labels[i] = target.FormatValue(rows[i])
                ?? throw new SchemaMismatchException($"The target '{target.Name}' is missing in row {rows[i]}; rows with a missing target must be removed before fitting.");
        }
        return FromLabels(labels);
    }

    /// <summary>Encodes <paramref name="labels"/>, one per row.</summary>
    public static ClassLabels FromLabels(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var classes = Sort(labels.Distinct(StringComparer.Ordinal));
        var index = new Dictionary<string, int>(classes.Length, StringComparer.Ordinal);
        for (var i = 0; i < classes.Length; i++)
            index.Add(classes[i], i);
        var codes = new int[labels.Count];
        for (var i = 0; i < codes.Length; i++)
            codes[i] = index[labels[i]];
        return new ClassLabels(codes, classes);
    }

    /// <summary>Sorts class names as Kiln orders classes: numerically when every name is a number, else ordinally.</summary>
    public static string[] Sort(IEnumerable<string> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        var list = classes.ToArray();
        var numbers = new double[list.Length];
        var allNumeric = true;
        for (var i = 0; i < list.Length && allNumeric; i++)
            allNumeric = double.TryParse(list[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) && !double.IsNaN(numbers[i]);
        if (allNumeric)
        {
            Array.Sort(numbers, list);
            for (var i = 1; i < list.Length; i++)
            {
                if (numbers[i] == numbers[i - 1])
                    throw new SchemaMismatchException($"The class labels '{list[i - 1]}' and '{list[i]}' are the same number written two ways; write every label the same way.");
            }
        }
        else
        {
            Array.Sort(list, StringComparer.Ordinal);
        }
        return list;
    }
}
