using Kiln.Core.Data;

namespace Kiln.Core.Preparation;

// Column statistics as scikit-learn 1.2 computes them, missing values left out: the mean of np.ma.mean (the missing
// values filled with 0, summed pairwise, divided by the count), the median of np.ma.median (the middle value, or the
// mean of the two middle ones), and the most frequent value of SimpleImputer (ties go to the smallest value).
internal static class ColumnStatistics
{
    // Null when no value is present.
    public static double? Mean(ReadOnlySpan<double> values)
    {
        var filled = new double[values.Length];
        var count = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
                continue;
            filled[i] = values[i];
            count++;
        }
        return count == 0 ? null : PairwiseSum.Sum(filled) / count;
    }

    public static double? Median(ReadOnlySpan<double> values)
    {
        var sorted = Present(values);
        if (sorted.Length == 0)
            return null;
        var high = sorted.Length / 2;
        var low = sorted.Length % 2 == 1 ? high : high - 1;
        return (sorted[low] + sorted[high]) / 2;
    }

    public static double? MostFrequent(ReadOnlySpan<double> values)
    {
        var sorted = Present(values);
        if (sorted.Length == 0)
            return null;
        var best = sorted[0];
        var bestCount = 0;
        for (var start = 0; start < sorted.Length;)
        {
            var end = start + 1;
            while (end < sorted.Length && sorted[end] == sorted[start])
                end++;
            // Runs come in ascending order, so a later run must be strictly more frequent to win: ties keep the smallest.
            if (end - start > bestCount)
            {
                best = sorted[start];
                bestCount = end - start;
            }
            start = end;
        }
        return best;
    }

    // The most frequent category among the rows' codes (ordinal order breaks ties), or null when every row is missing.
    public static string? MostFrequent(CategoricalColumn column)
    {
        var counts = new int[column.Categories.Count];
        foreach (var code in column.Codes)
        {
            if (code != CategoricalColumn.MissingCode)
                counts[code]++;
        }
        string? best = null;
        var bestCount = 0;
        for (var code = 0; code < counts.Length; code++)
        {
            var category = column.Categories[code];
            if (counts[code] > bestCount || (counts[code] == bestCount && counts[code] > 0 && string.CompareOrdinal(category, best) < 0))
            {
                best = category;
                bestCount = counts[code];
            }
        }
        return best;
    }

    // The distinct categories present in the rows (not merely in the column's dictionary), sorted ordinally.
    public static string[] PresentCategories(Column column)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        if (column is CategoricalColumn categorical)
        {
            var seen = new bool[categorical.Categories.Count];
            foreach (var code in categorical.Codes)
            {
                if (code != CategoricalColumn.MissingCode)
                    seen[code] = true;
            }
            for (var code = 0; code < seen.Length; code++)
            {
                if (seen[code])
                    present.Add(categorical.Categories[code]);
            }
        }
        else
        {
            for (var row = 0; row < column.Length; row++)
            {
                if (column.FormatValue(row) is { } value)
                    present.Add(value);
            }
        }
        var sorted = present.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }

    private static double[] Present(ReadOnlySpan<double> values)
    {
        var present = new List<double>(values.Length);
        foreach (var value in values)
        {
            if (!double.IsNaN(value))
                present.Add(value);
        }
        var sorted = present.ToArray();
        Array.Sort(sorted);
        return sorted;
    }
}
