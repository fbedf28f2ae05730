using System.Globalization;

namespace Kiln.LightGbm;

// class_weight as LightGBM's scikit-learn wrapper applies it (LGBMClassifier.fit → scikit-learn's compute_sample_weight):
// each training row's weight is its class's weight, multiplied into the row's sample weight when there is one. Only the rows
// fitted on are weighted; the early-stopping rows are not (the wrapper's eval_class_weight defaults to none).
internal static class LightGbmClassWeights
{
    public const string None = "none";

    public const string Balanced = "balanced";

    // Checks the option's form at construction: none, balanced, or "class:weight" pairs with finite positive weights.
    public static void Validate(string? classWeight)
    {
        if (classWeight is null)
            throw new ArgumentException($"class_weight is null; use {None}, {Balanced}, or class:weight pairs such as \"yes:2,no:1\".");
        if (classWeight is None or Balanced)
            return;
        Parse(classWeight);
    }

    // The weight of every row (codes index `classes`), times `sampleWeights` when given; null when there is nothing to weigh.
    public static double[]? RowWeights(string classWeight, IReadOnlyList<string> classes, ReadOnlySpan<int> codes, double[]? sampleWeights)
    {
        if (classWeight == None)
            return sampleWeights;
        var perClass = classWeight == Balanced ? BalancedWeights(classes.Count, codes) : ExplicitWeights(classWeight, classes);
        var weights = new double[codes.Length];
        for (var row = 0; row < weights.Length; row++)
            weights[row] = perClass[codes[row]] * (sampleWeights?[row] ?? 1.0);
        return weights;
    }

    // scikit-learn's "balanced": rows / (classes × rows of the class), over the classes present (an absent class's weight is unused).
    private static double[] BalancedWeights(int classCount, ReadOnlySpan<int> codes)
    {
        var counts = new int[classCount];
        foreach (var code in codes)
            counts[code]++;
        var present = counts.Count(count => count > 0);
        var weights = new double[classCount];
        for (var k = 0; k < classCount; k++)
            weights[k] = counts[k] == 0 ? 0.0 : codes.Length / ((double)present * counts[k]);
        return weights;
    }

    private static double[] ExplicitWeights(string classWeight, IReadOnlyList<string> classes)
    {
        var pairs = Parse(classWeight);
        var unknown = pairs.Keys.Where(name => !classes.Contains(name, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"class_weight '{classWeight}' names {string.Join(", ", unknown.Select(name => $"'{name}'"))}, which the training set does not have; its classes are {string.Join(", ", classes)}.");
        return [.. classes.Select(name => pairs.TryGetValue(name, out var weight) ? weight : 1.0)];
    }

    private static Dictionary<string, double> Parse(string classWeight)
    {
        var pairs = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var part in classWeight.Split(','))
        {
            var colon = part.LastIndexOf(':');
            var name = colon < 0 ? string.Empty : part[..colon].Trim();
            if (colon < 0 || name.Length == 0
                || !double.TryParse(part[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight)
                || !double.IsFinite(weight) || weight <= 0)
            {
                throw new ArgumentException(
                    $"class_weight '{classWeight}' has the part '{part}', which is not class:weight with a positive number; use {None}, {Balanced}, or pairs such as \"yes:2,no:1\".");
            }
            if (!pairs.TryAdd(name, weight))
                throw new ArgumentException($"class_weight '{classWeight}' gives class '{name}' more than one weight.");
        }
        return pairs;
    }
}
