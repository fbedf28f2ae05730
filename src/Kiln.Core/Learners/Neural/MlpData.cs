using Kiln.Core.Data;

namespace Kiln.Core.Learners.Neural;

// The rows an MLP fit trains and validates on, laid out for minibatches: features row-major (row i's values at
// [i · features, (i + 1) · features)), targets row-major (one-hot classes, a 0/1 column for two classes, or the values).
internal sealed class MlpData
{
    private MlpData()
    {
    }

    public required bool IsClassification { get; init; }

    public required MlpActivation Output { get; init; }

    public required string[] FeatureNames { get; init; }

    public required string[] Classes { get; init; }

    public required int RowCount { get; init; }

    public required double[] Features { get; init; }

    public required double[] Targets { get; init; }

    public required int ValidationRowCount { get; init; }

    public required double[] ValidationFeatures { get; init; }

    // Each validation row's class index into Classes (−1 for a class the training rows do not have), for classification.
    public required int[] ValidationCodes { get; init; }

    // Each validation row's value, and their total squared deviation from their mean, for regression.
    public required double[] ValidationValues { get; init; }

    public required double ValidationSpread { get; init; }

    public int FeatureCount => FeatureNames.Length;

    public int OutputCount => IsClassification ? (Classes.Length == 2 ? 1 : Classes.Length) : 1;

    // `classes` are the classes of the whole training set (null for regression); `fit` and `validation` are its parts.
    public static MlpData Create(TrainingSet fit, TrainingSet? validation, IReadOnlyList<string>? classes, string learner)
    {
        var featureNames = fit.Features.Schema.Names.ToArray();
        var features = RowMajor(fit, learner);
        double[] targets;
        var validationCodes = Array.Empty<int>();
        var validationValues = Array.Empty<double>();
        var validationSpread = 0.0;
        if (classes is not null)
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var c = 0; c < classes.Count; c++)
                index[classes[c]] = c;
            var codes = Codes(fit, index);
            var outputs = classes.Count == 2 ? 1 : classes.Count;
            targets = new double[(long)fit.RowCount * outputs];
            for (var i = 0; i < codes.Length; i++)
            {
                if (outputs == 1)
                    targets[i] = codes[i];
                else
                    targets[(i * outputs) + codes[i]] = 1;
            }
            if (validation is not null)
                validationCodes = Codes(validation, index);
        }
        else
        {
            targets = fit.NumericTarget();
            if (validation is not null)
            {
                validationValues = validation.NumericTarget();
                var mean = validationValues.Average();
                foreach (var value in validationValues)
                    validationSpread += (value - mean) * (value - mean);
            }
        }
        return new MlpData
        {
            IsClassification = classes is not null,
            Output = classes is null ? MlpActivation.Identity : classes.Count == 2 ? MlpActivation.Logistic : MlpActivation.Softmax,
            FeatureNames = featureNames,
            Classes = classes is null ? [] : [.. classes],
            RowCount = fit.RowCount,
            Features = features,
            Targets = targets,
            ValidationRowCount = validation?.RowCount ?? 0,
            ValidationFeatures = validation is null ? [] : RowMajor(Aligned(validation, fit.Features.Schema), learner),
            ValidationCodes = validationCodes,
            ValidationValues = validationValues,
            ValidationSpread = validationSpread,
        };
    }

    // A 64-bit checksum (FNV-1a over 64-bit words) of every value the fit reads, for checkpoint stamps.
    public ulong Checksum()
    {
        var hash = 14695981039346656037UL;
        static ulong Mix(ulong hash, ulong word) => (hash ^ word) * 1099511628211UL;
        foreach (var values in new[] { Features, Targets, ValidationFeatures, ValidationValues })
        {
            hash = Mix(hash, (ulong)values.Length);
            foreach (var value in values)
                hash = Mix(hash, BitConverter.DoubleToUInt64Bits(value));
        }
        foreach (var code in ValidationCodes)
            hash = Mix(hash, (ulong)code);
        return hash;
    }

    private static int[] Codes(TrainingSet data, Dictionary<string, int> index)
    {
        var labels = data.ClassLabels();
        var map = labels.Classes.Select(name => index.TryGetValue(name, out var code) ? code : -1).ToArray();
        var codes = labels.Codes;
        var result = new int[codes.Length];
        for (var i = 0; i < codes.Length; i++)
            result[i] = map[codes[i]];
        return result;
    }

    // The validation set's features in the fitting set's column order (a validation table from the fit context may order
    // its columns differently or carry extra ones).
    private static TrainingSet Aligned(TrainingSet validation, Schema schema)
    {
        var columns = FeatureColumns.Resolve(schema, validation.Features);
        var rows = validation.RowIndices.ToArray();
        var table = new Table(columns.Select((column, j) => NumericColumn.FromOwned(schema[j].Name, Gather(column.Values, rows))));
        return new TrainingSet(table);
    }

    private static double[] Gather(ReadOnlySpan<double> values, ReadOnlySpan<int> rows)
    {
        var result = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
            result[i] = values[rows[i]];
        return result;
    }

    // Row-major features, filled a block of rows at a time so the block being written stays in cache while each column is read.
    private static double[] RowMajor(TrainingSet data, string learner)
    {
        const int BlockRows = 2048;
        var rows = data.RowCount;
        var featureCount = data.Features.ColumnCount;
        var result = new double[(long)rows * featureCount];
        var indices = data.IsView ? data.RowIndices.ToArray() : null;
        var columns = new NumericColumn[featureCount];
        for (var j = 0; j < featureCount; j++)
        {
            columns[j] = data.Features[j] as NumericColumn
                ?? throw new SchemaMismatchException($"Feature '{data.Features[j].Name}' is {data.Features[j].Kind}; {learner} takes numeric features. Prepare the table first (encode categories, parse dates).");
        }
        for (var start = 0; start < rows; start += BlockRows)
        {
            var end = Math.Min(rows, start + BlockRows);
            for (var j = 0; j < featureCount; j++)
            {
                var values = columns[j].Values;
                for (var i = start; i < end; i++)
                {
                    var value = values[indices is null ? i : indices[i]];
                    if (!double.IsFinite(value))
                    {
                        var what = double.IsNaN(value) ? "missing (NaN)" : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        throw new SchemaMismatchException(
                            $"Feature '{columns[j].Name}' is {what} in row {data.SourceRow(i)}; {learner} needs finite feature values. Impute missing values (a workflow's preparation step does this) or drop the row.");
                    }
                    result[((long)i * featureCount) + j] = value;
                }
            }
        }
        return result;
    }
}
