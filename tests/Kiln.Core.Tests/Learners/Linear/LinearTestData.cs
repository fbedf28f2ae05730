using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Linear;

// The data of tests/reference/linear.py, rebuilt the same way.
internal static class LinearTestData
{
    // A bundled data set with every feature standardized as the script does: minus its mean, over its population
    // standard deviation (ddof = 0), both over the whole file.
    public static TrainingSet Standardized(string fileName, string target = "target")
    {
        var data = TestData.TrainingSet(fileName, target);
        var columns = new List<Column>();
        foreach (var column in data.Features.Columns)
        {
            var values = ((NumericColumn)column).Values.ToArray();
            var mean = values.Sum() / values.Length;
            var variance = values.Sum(value => (value - mean) * (value - mean)) / values.Length;
            var deviation = Math.Sqrt(variance);
            columns.Add(NumericColumn.FromOwned(column.Name, [.. values.Select(value => (value - mean) / deviation)]));
        }
        return new TrainingSet(new Table(columns), data.Target);
    }

    // diabetes.csv with a copy of one column appended (named "<column>_copy"), for the collinear cases.
    public static TrainingSet WithDuplicate(TrainingSet data, string column)
    {
        var copy = data.Features[column].Rename($"{column}_copy");
        return new TrainingSet(data.Features.With(copy), data.Target, data.Weights);
    }

    public static double[] Doubles(System.Text.Json.JsonElement array) => [.. array.EnumerateArray().Select(value => value.GetDouble())];
}
