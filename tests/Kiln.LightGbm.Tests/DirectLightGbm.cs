using System.Globalization;
using Kiln.Core.Data;
using Kiln.LightGbm.Native;

namespace Kiln.LightGbm.Tests;

// LightGBM called the way its C API documentation describes, without any of Kiln's estimator code: one dataset from a
// row-major matrix, the labels, a booster from a literal parameter string, N rounds, a batch prediction. It is the
// reference the Kiln estimators are compared with.
internal static class DirectLightGbm
{
    public static unsafe double[] TrainAndPredict(Table features, float[] labels, string parameters, int rounds, int outputsPerRow)
    {
        var matrix = RowMajor(features);
        var rowCount = features.RowCount;
        var columnCount = features.ColumnCount;
        DatasetHandle dataset;
        fixed (double* data = matrix)
            Assert.Equal(0, LightGbmNative.DatasetCreateFromMat(data, LightGbmNative.DataTypeFloat64, rowCount, columnCount, 1, parameters, IntPtr.Zero, out dataset));
        using (dataset)
        {
            fixed (float* label = labels)
                Assert.Equal(0, LightGbmNative.DatasetSetField(dataset, "label", label, labels.Length, LightGbmNative.DataTypeFloat32));
            Assert.Equal(0, LightGbmNative.BoosterCreate(dataset, parameters, out var booster));
            using (booster)
            {
                for (var round = 0; round < rounds; round++)
                    Assert.Equal(0, LightGbmNative.BoosterUpdateOneIter(booster, out _));
                var predictions = new double[rowCount * outputsPerRow];
                fixed (double* data = matrix)
                fixed (double* results = predictions)
                {
                    Assert.Equal(0, LightGbmNative.BoosterPredictForMat(booster, data, LightGbmNative.DataTypeFloat64, rowCount, columnCount, 1, LightGbmNative.PredictNormal, 0, -1, "num_threads=1", out var length, results));
                    Assert.Equal(predictions.Length, length);
                }
                return predictions;
            }
        }
    }

    public static string Seed(ulong seed) => ((int)(Kiln.Core.Seeds.Derive(seed, 0) % int.MaxValue)).ToString(CultureInfo.InvariantCulture);

    private static double[] RowMajor(Table features)
    {
        var values = new double[features.RowCount * features.ColumnCount];
        for (var j = 0; j < features.ColumnCount; j++)
        {
            var column = ((NumericColumn)features[j]).Values;
            for (var i = 0; i < features.RowCount; i++)
                values[(i * features.ColumnCount) + j] = column[i];
        }
        return values;
    }
}
