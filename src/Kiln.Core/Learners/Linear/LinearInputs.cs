using Kiln.Core.Data;

namespace Kiln.Core.Learners.Linear;

// Input checks shared by the linear learners and their models: numeric features only, complete values at fit time,
// and the shapes of single-row input and destinations at predict time.
internal static class LinearInputs
{
    // The model's input schema: the feature table's, once every column is known to be numeric.
    public static Schema Schema(Table features, string learner)
    {
        NumericInputs.From(features, learner);
        if (features.ColumnCount == 0)
            throw new ArgumentException($"The training set has no feature columns; {learner} needs at least one.", nameof(features));
        return features.Schema;
    }

    // The training rows' features, column by column in one array: feature j of row i at [j · rows + i].
    public static double[] GatherColumns(TrainingSet data, string learner)
    {
        var rows = data.RowCount;
        var columns = new double[(long)rows * data.Features.ColumnCount];
        for (var j = 0; j < data.Features.ColumnCount; j++)
        {
            var values = columns.AsSpan(j * rows, rows);
            data.GatherFeature(j, values);
            CheckFinite(data, j, values, learner);
        }
        return columns;
    }

    // Sample weights of the training rows, or null; at least one must be positive.
    public static double[]? Weights(TrainingSet data)
    {
        var weights = data.SampleWeights();
        if (weights is null)
            return null;
        var total = 0.0;
        foreach (var weight in weights)
            total += weight;
        if (!(total > 0))
            throw new ArgumentException($"The sample weights of the {data.RowCount} training rows sum to zero; at least one row needs a positive weight.", nameof(data));
        return weights;
    }

    private static void CheckFinite(TrainingSet data, int columnIndex, ReadOnlySpan<double> values, string learner)
    {
        var missing = 0;
        var firstMissing = -1;
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (double.IsNaN(value))
            {
                if (missing++ == 0)
                    firstMissing = i;
            }
            else if (double.IsInfinity(value))
            {
                throw new SchemaMismatchException(
                    $"Feature '{data.Features[columnIndex].Name}' is {value} in row {data.SourceRow(i)}; {learner} needs finite feature values. Replace or clip the value, or drop the row.");
            }
        }
        if (missing > 0)
        {
            throw new SchemaMismatchException(
                $"Feature '{data.Features[columnIndex].Name}' is missing (NaN) in {missing} of the {values.Length} training rows (the first is row {data.SourceRow(firstMissing)}); " +
                $"{learner} needs every feature value. Impute the column first (median or mean imputation; a workflow's preparation step does this).");
        }
    }
}
