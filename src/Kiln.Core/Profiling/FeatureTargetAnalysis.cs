using Kiln.Core.Metrics;

namespace Kiln.Core.Profiling;

// One feature against the target: the association statistic over the rows where both are present, and the single-feature
// rule's score over every row with a target (missing and infinite feature values form one more group).
internal static class FeatureTargetAnalysis
{
    // A numeric (or date-time) feature. rowValues holds the feature per row; sortedValues its finite values ascending, and
    // sortedRows the row of each.
    public static FeatureAssociation ForNumbers(string name, ReadOnlySpan<double> rowValues, ReadOnlySpan<double> sortedValues, ReadOnlySpan<int> sortedRows, TargetData target, ProfileOptions options) =>
        target.Task == MetricTask.Classification
            ? NumbersByClass(name, rowValues, sortedValues, sortedRows, target, options)
            : NumbersByNumber(name, rowValues, sortedValues, sortedRows, target, options);

    // A grouped feature (categories, booleans or text): groups[row] in [0, groupCount), or -1 when missing.
    public static FeatureAssociation ForGroups(string name, ReadOnlySpan<int> groups, int groupCount, TargetData target, ProfileOptions options) =>
        target.Task == MetricTask.Classification
            ? GroupsByClass(name, groups, groupCount, target, options)
            : GroupsByNumber(name, groups, groupCount, target, options);

    private static FeatureAssociation NumbersByClass(string name, ReadOnlySpan<double> rowValues, ReadOnlySpan<double> sortedValues, ReadOnlySpan<int> sortedRows, TargetData target, ProfileOptions options)
    {
        var codes = target.ClassCodes;
        var classCount = target.ClassCount;
        var allValues = new double[sortedRows.Length];
        var allClasses = new int[sortedRows.Length];
        var classSums = new double[classCount];
        var classRows = new int[classCount];
        var sum = 0.0;
        var count = 0;
        for (var i = 0; i < sortedRows.Length; i++)
        {
            var code = codes[sortedRows[i]];
            if (code < 0)
                continue;
            var value = sortedValues[i];
            allValues[count] = value;
            allClasses[count++] = code;
            classSums[code] += value;
            classRows[code]++;
            sum += value;
        }
        var values = allValues.AsSpan(0, count);
        var classes = allClasses.AsSpan(0, count);

        // Correlation ratio: η² = Σ_c n_c (mean_c − mean)² / Σ (x − mean)².
        var eta = double.NaN;
        if (count >= 2)
        {
            var mean = sum / count;
            var total = 0.0;
            foreach (var value in values)
                total += (value - mean) * (value - mean);
            var between = 0.0;
            for (var c = 0; c < classCount; c++)
            {
                if (classRows[c] > 0)
                {
                    var difference = (classSums[c] / classRows[c]) - mean;
                    between += classRows[c] * difference * difference;
                }
            }
            if (total > 0)
                eta = Math.Sqrt(Math.Clamp(between / total, 0, 1));
        }

        var other = new int[classCount];
        for (var row = 0; row < rowValues.Length; row++)
        {
            if (!double.IsFinite(rowValues[row]) && codes[row] >= 0)
                other[codes[row]]++;
        }
        var correct = IntervalRule.CorrectCount(values, classes, classCount, options.LeakageMaxBins, options.LeakageMinimumBinRows) + Max(other);
        return new FeatureAssociation
        {
            Feature = name,
            Measure = AssociationMeasure.CorrelationRatio,
            Value = eta,
            RowCount = count,
            SingleFeatureScore = target.PresentCount == 0 ? double.NaN : (double)correct / target.PresentCount,
        };
    }

    private static FeatureAssociation NumbersByNumber(string name, ReadOnlySpan<double> rowValues, ReadOnlySpan<double> sortedValues, ReadOnlySpan<int> sortedRows, TargetData target, ProfileOptions options)
    {
        // Targets are centred on the mean over every row with a target, so the rule's between-interval sum of squares is Σ S²/n.
        var targets = target.Values;
        var allValues = new double[sortedRows.Length];
        var allCentred = new double[sortedRows.Length];
        var count = 0;
        for (var i = 0; i < sortedRows.Length; i++)
        {
            var y = targets[sortedRows[i]];
            if (double.IsNaN(y))
                continue;
            allValues[count] = sortedValues[i];
            allCentred[count++] = y - target.Mean;
        }
        var values = allValues.AsSpan(0, count);
        var centred = allCentred.AsSpan(0, count);

        var otherSum = 0.0;
        var otherRows = 0;
        for (var row = 0; row < rowValues.Length; row++)
        {
            if (!double.IsFinite(rowValues[row]) && !double.IsNaN(targets[row]))
            {
                otherSum += targets[row] - target.Mean;
                otherRows++;
            }
        }
        var between = IntervalRule.BetweenSquares(values, centred, options.LeakageMaxBins, options.LeakageMinimumBinRows, 1e-12 * target.TotalSquares);
        if (otherRows > 0)
            between += otherSum * otherSum / otherRows;
        return new FeatureAssociation
        {
            Feature = name,
            Measure = AssociationMeasure.Pearson,
            Value = Pearson(values, centred),
            RowCount = count,
            SingleFeatureScore = target.TotalSquares > 0 ? Math.Min(between / target.TotalSquares, 1) : double.NaN,
        };
    }

    private static FeatureAssociation GroupsByClass(string name, ReadOnlySpan<int> groups, int groupCount, TargetData target, ProfileOptions options)
    {
        // Contingency counts; the row after the last group holds the rows where the feature is missing.
        var codes = target.ClassCodes;
        var classCount = target.ClassCount;
        var table = new int[(groupCount + 1) * classCount];
        for (var row = 0; row < groups.Length; row++)
        {
            var code = codes[row];
            if (code < 0)
                continue;
            var group = groups[row] < 0 ? groupCount : groups[row];
            table[(group * classCount) + code]++;
        }

        var (cramersV, rowCount) = CramersV(table.AsSpan(0, groupCount * classCount), groupCount, classCount);

        // Majority class per group; groups too small to trust are pooled into one.
        var correct = 0;
        var pooled = new int[classCount];
        for (var group = 0; group <= groupCount; group++)
        {
            var counts = table.AsSpan(group * classCount, classCount);
            var total = 0;
            foreach (var count in counts)
                total += count;
            if (total >= options.LeakageMinimumBinRows)
            {
                correct += Max(counts);
            }
            else
            {
                for (var c = 0; c < classCount; c++)
                    pooled[c] += counts[c];
            }
        }
        correct += Max(pooled);
        return new FeatureAssociation
        {
            Feature = name,
            Measure = AssociationMeasure.CramersV,
            Value = cramersV,
            RowCount = rowCount,
            SingleFeatureScore = target.PresentCount == 0 ? double.NaN : (double)correct / target.PresentCount,
        };
    }

    private static FeatureAssociation GroupsByNumber(string name, ReadOnlySpan<int> groups, int groupCount, TargetData target, ProfileOptions options)
    {
        // Sums of the centred target per group; the slot after the last group holds the rows where the feature is missing.
        var targets = target.Values;
        var sums = new double[groupCount + 1];
        var counts = new int[groupCount + 1];
        var presentSquares = 0.0;
        for (var row = 0; row < groups.Length; row++)
        {
            var y = targets[row];
            if (double.IsNaN(y))
                continue;
            var centred = y - target.Mean;
            var group = groups[row];
            if (group < 0)
            {
                group = groupCount;
            }
            else
            {
                presentSquares += centred * centred;
            }
            sums[group] += centred;
            counts[group]++;
        }

        // Correlation ratio of the target by category, over the rows where the feature is present.
        var presentSum = 0.0;
        var presentRows = 0;
        var presentBetween = 0.0;
        for (var group = 0; group < groupCount; group++)
        {
            if (counts[group] == 0)
                continue;
            presentSum += sums[group];
            presentRows += counts[group];
            presentBetween += sums[group] * sums[group] / counts[group];
        }
        var eta = double.NaN;
        if (presentRows >= 2)
        {
            var correction = presentSum * presentSum / presentRows;
            var total = presentSquares - correction;
            if (total > 1e-12 * presentSquares)
                eta = Math.Sqrt(Math.Clamp((presentBetween - correction) / total, 0, 1));
        }

        // The rule: each group's mean, small groups pooled.
        var between = 0.0;
        var pooledSum = 0.0;
        var pooledRows = 0;
        for (var group = 0; group <= groupCount; group++)
        {
            if (counts[group] >= options.LeakageMinimumBinRows)
            {
                between += sums[group] * sums[group] / counts[group];
            }
            else
            {
                pooledSum += sums[group];
                pooledRows += counts[group];
            }
        }
        if (pooledRows > 0)
            between += pooledSum * pooledSum / pooledRows;
        return new FeatureAssociation
        {
            Feature = name,
            Measure = AssociationMeasure.CorrelationRatio,
            Value = eta,
            RowCount = presentRows,
            SingleFeatureScore = target.TotalSquares > 0 ? Math.Min(between / target.TotalSquares, 1) : double.NaN,
        };
    }

    // Cramér's V = √(χ² / (n · (min(r, c) − 1))) over the rows and columns of the table that are not empty; NaN when either has one.
    private static (double Value, int RowCount) CramersV(ReadOnlySpan<int> table, int groupCount, int classCount)
    {
        var rowTotals = new long[groupCount];
        var columnTotals = new long[classCount];
        long total = 0;
        for (var group = 0; group < groupCount; group++)
        {
            for (var c = 0; c < classCount; c++)
            {
                var count = table[(group * classCount) + c];
                rowTotals[group] += count;
                columnTotals[c] += count;
                total += count;
            }
        }
        var rows = 0;
        foreach (var value in rowTotals)
            rows += value > 0 ? 1 : 0;
        var columns = 0;
        foreach (var value in columnTotals)
            columns += value > 0 ? 1 : 0;
        if (total == 0 || Math.Min(rows, columns) < 2)
            return (double.NaN, (int)total);

        var chiSquared = 0.0;
        for (var group = 0; group < groupCount; group++)
        {
            if (rowTotals[group] == 0)
                continue;
            for (var c = 0; c < classCount; c++)
            {
                if (columnTotals[c] == 0)
                    continue;
                var expected = (double)rowTotals[group] * columnTotals[c] / total;
                var difference = table[(group * classCount) + c] - expected;
                chiSquared += difference * difference / expected;
            }
        }
        return (Math.Sqrt(Math.Min(chiSquared / total / (Math.Min(rows, columns) - 1), 1)), (int)total);
    }

    // Two-pass Pearson r; NaN with fewer than two rows or no variation.
    private static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var count = x.Length;
        if (count < 2)
            return double.NaN;
        double sumX = 0, sumY = 0;
        for (var i = 0; i < count; i++)
        {
            sumX += x[i];
            sumY += y[i];
        }
        var meanX = sumX / count;
        var meanY = sumY / count;
        double xx = 0, yy = 0, xy = 0;
        for (var i = 0; i < count; i++)
        {
            var dx = x[i] - meanX;
            var dy = y[i] - meanY;
            xx += dx * dx;
            yy += dy * dy;
            xy += dx * dy;
        }
        return xx > 0 && yy > 0 ? Math.Clamp(xy / Math.Sqrt(xx * yy), -1, 1) : double.NaN;
    }

    private static int Max(ReadOnlySpan<int> counts)
    {
        var max = 0;
        foreach (var count in counts)
            max = Math.Max(max, count);
        return max;
    }
}
