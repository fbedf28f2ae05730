using System.Globalization;
using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.TestKit;

/// <summary>The 5-fold assignment under tests/reference/folds that the reference scripts cross-validate with, and the score they compute on a held-out fold.</summary>
public static class ReferenceFolds
{
    /// <summary>The fold (0-4) of every row of <paramref name="dataset"/>, read from the second column of tests/reference/folds/&lt;dataset&gt;.csv.</summary>
    public static int[] Load(string dataset) =>
        [.. File.ReadAllLines(TestData.Path("reference", "folds", dataset + ".csv")).Skip(1).Where(line => line.Length > 0).Select(line => int.Parse(line.Split(',')[1], CultureInfo.InvariantCulture))];

    /// <summary>The rows outside fold <paramref name="fold"/> (training) and inside it (test), each in row order.</summary>
    public static (int[] Train, int[] Test) Split(int[] folds, int fold)
    {
        ArgumentNullException.ThrowIfNull(folds);
        return ([.. Enumerable.Range(0, folds.Length).Where(row => folds[row] != fold)], [.. Enumerable.Range(0, folds.Length).Where(row => folds[row] == fold)]);
    }

    /// <summary>scikit-learn's score of <paramref name="model"/> on the rows <paramref name="test"/> of <paramref name="data"/>: the accuracy for a
    /// classifier, R² for a regressor.</summary>
    public static double Score(IPredictor model, TrainingSet data, int[] test)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(test);
        var predicted = model.Predict(data.Features.Take(test));
        if (model is IClassifierModel classifier)
        {
            var actual = data.Target!.Take(test);
            return Enumerable.Range(0, test.Length).Count(i => classifier.Classes[(int)predicted[i]] == actual.FormatValue(i)) / (double)test.Length;
        }
        var values = ((NumericColumn)data.Target!.Take(test)).Values.ToArray();
        var mean = values.Average();
        var residual = values.Select((value, i) => (value - predicted[i]) * (value - predicted[i])).Sum();
        var spread = values.Select(value => (value - mean) * (value - mean)).Sum();
        return 1 - (residual / spread);
    }
}
