using Kiln.Core;
using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.TestKit;

/// <summary>Seeded synthetic data sets and the bundled real ones, as training sets.</summary>
public static class Datasets
{
    /// <summary>Friedman's first regression problem (Friedman, 1991; scikit-learn's <c>make_friedman1</c>): ten uniform features x0…x9 in [0, 1),
    /// y = 10 sin(π x0 x1) + 20 (x2 − 0.5)² + 10 x3 + 5 x4 + noise · N(0, 1); x5…x9 are irrelevant.</summary>
    /// <remarks>Each row draws its ten features, then its noise, from one <see cref="KilnRandom"/>.</remarks>
    public static TrainingSet Friedman1(int rows = 200, ulong seed = 1, double noise = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        const int FeatureCount = 10;
        var random = new KilnRandom(seed);
        var features = new double[FeatureCount][];
        for (var j = 0; j < FeatureCount; j++)
            features[j] = new double[rows];
        var target = new double[rows];
        for (var row = 0; row < rows; row++)
        {
            for (var j = 0; j < FeatureCount; j++)
                features[j][row] = random.NextDouble();
            var x = features;
            target[row] = (10 * Math.Sin(Math.PI * x[0][row] * x[1][row])) + (20 * (x[2][row] - 0.5) * (x[2][row] - 0.5))
                + (10 * x[3][row]) + (5 * x[4][row]) + (noise * random.NextGaussian());
        }
        var table = new Table(Enumerable.Range(0, FeatureCount).Select(j => NumericColumn.FromOwned($"x{j}", features[j])));
        return new TrainingSet(table, NumericColumn.FromOwned("y", target));
    }

    /// <summary>Gaussian blobs for classification: <paramref name="classes"/> centres drawn uniformly in [−10, 10]^features, then row i belongs to
    /// class i mod <paramref name="classes"/> (so every class appears) at its centre plus <paramref name="spread"/> · N(0, 1) per feature.</summary>
    /// <remarks>The target is categorical with labels <c>class_0</c>, <c>class_1</c>, …; the features are named x0, x1, ….</remarks>
    public static TrainingSet Blobs(int rows = 200, ulong seed = 1, int classes = 3, int featureCount = 2, double spread = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        var random = new KilnRandom(seed);
        var centres = new double[classes, featureCount];
        for (var c = 0; c < classes; c++)
        {
            for (var j = 0; j < featureCount; j++)
                centres[c, j] = (random.NextDouble() * 20) - 10;
        }
        var features = new double[featureCount][];
        for (var j = 0; j < featureCount; j++)
            features[j] = new double[rows];
        var labels = new string[rows];
        for (var row = 0; row < rows; row++)
        {
            var c = row % classes;
            labels[row] = $"class_{c}";
            for (var j = 0; j < featureCount; j++)
                features[j][row] = centres[c, j] + (spread * random.NextGaussian());
        }
        var table = new Table(Enumerable.Range(0, featureCount).Select(j => NumericColumn.FromOwned($"x{j}", features[j])));
        return new TrainingSet(table, CategoricalColumn.FromValues("label", labels));
    }

    /// <summary>The same set with a column of seeded sample weights, uniform in [0.5, 2), named <c>weight</c>.</summary>
    /// <exception cref="ArgumentException">The set is a view of some rows; add weights to the whole set first.</exception>
    public static TrainingSet WithWeights(TrainingSet data, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.IsView)
            throw new ArgumentException("Add weights to a whole training set, then take views of it.", nameof(data));
        var random = new KilnRandom(seed);
        var weights = new double[data.Features.RowCount];
        for (var row = 0; row < weights.Length; row++)
            weights[row] = 0.5 + (1.5 * random.NextDouble());
        return new TrainingSet(data.Features, data.Target, NumericColumn.FromOwned("weight", weights));
    }

    /// <summary>scikit-learn's diabetes data (442 rows, ten raw features, numeric target <c>target</c>), from tests/data/diabetes.csv.</summary>
    public static TrainingSet Diabetes() => TestData.TrainingSet("diabetes.csv", "target");

    /// <summary>The iris data (150 rows, four features, target <c>target</c> with three species), from tests/data/iris.csv.</summary>
    public static TrainingSet Iris() => TestData.TrainingSet("iris.csv", "target");
}
