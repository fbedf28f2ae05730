using System.Globalization;
using Kiln.Core.Data;
using Kiln.LightGbm.Native;

namespace Kiln.LightGbm.Tests;

// LightGBM called the way its C API documentation describes, without any of Kiln's estimator code: one dataset from a
// row-major matrix, the labels (and weights), a booster from a literal parameter string, N rounds, a batch prediction. It is
// the reference the Kiln estimators are compared with.
internal static class DirectLightGbm
{
    public static double[] TrainAndPredict(Table features, float[] labels, string parameters, int rounds, int outputsPerRow) =>
        TrainAndPredict(RowMajor(features), features.RowCount, features.ColumnCount, labels, weights: null, parameters, rounds, outputsPerRow, predict: null);

    // `matrix` is row-major with `columnCount` values per row; `predict` (row-major too) defaults to the training rows.
    public static unsafe double[] TrainAndPredict(double[] matrix, int rowCount, int columnCount, float[] labels, float[]? weights, string parameters, int rounds, int outputsPerRow, double[]? predict)
    {
        DatasetHandle dataset;
        fixed (double* data = matrix)
            Assert.Equal(0, LightGbmNative.DatasetCreateFromMat(data, LightGbmNative.DataTypeFloat64, rowCount, columnCount, 1, parameters, IntPtr.Zero, out dataset));
        using (dataset)
        {
            fixed (float* label = labels)
                Assert.Equal(0, LightGbmNative.DatasetSetField(dataset, "label", label, labels.Length, LightGbmNative.DataTypeFloat32));
            if (weights is not null)
            {
                fixed (float* weight = weights)
                    Assert.Equal(0, LightGbmNative.DatasetSetField(dataset, "weight", weight, weights.Length, LightGbmNative.DataTypeFloat32));
            }
            Assert.Equal(0, LightGbmNative.BoosterCreate(dataset, parameters, out var booster));
            using (booster)
            {
                for (var round = 0; round < rounds; round++)
                    Assert.Equal(0, LightGbmNative.BoosterUpdateOneIter(booster, out _));
                var rows = predict ?? matrix;
                var predictRows = rows.Length / columnCount;
                var predictions = new double[predictRows * outputsPerRow];
                fixed (double* data = rows)
                fixed (double* results = predictions)
                {
                    Assert.Equal(0, LightGbmNative.BoosterPredictForMat(booster, data, LightGbmNative.DataTypeFloat64, predictRows, columnCount, 1, LightGbmNative.PredictNormal, 0, -1, "num_threads=1", out var length, results));
                    Assert.Equal(predictions.Length, length);
                }
                return predictions;
            }
        }
    }

    public static string Seed(ulong seed) => ((int)(Kiln.Core.Seeds.Derive(seed, 0) % int.MaxValue)).ToString(CultureInfo.InvariantCulture);

    // Numeric columns as they are; a categorical column as the index of each row's category in the column's category list,
    // -1 where missing (LightGBM's missing value for a categorical feature).
    public static double[] RowMajor(Table features)
    {
        var values = new double[features.RowCount * features.ColumnCount];
        for (var j = 0; j < features.ColumnCount; j++)
        {
            for (var i = 0; i < features.RowCount; i++)
            {
                values[(i * features.ColumnCount) + j] = features[j] switch
                {
                    NumericColumn numeric => numeric.Values[i],
                    CategoricalColumn categorical => categorical[i] is { } category ? IndexOf(categorical.Categories, category) : -1,
                    var other => throw new ArgumentException($"Column '{other.Name}' is {other.Kind}."),
                };
            }
        }
        return values;
    }

    private static int IndexOf(IReadOnlyList<string> categories, string category)
    {
        for (var k = 0; k < categories.Count; k++)
        {
            if (categories[k] == category)
                return k;
        }
        throw new ArgumentException($"'{category}' is not a category.");
    }
}
