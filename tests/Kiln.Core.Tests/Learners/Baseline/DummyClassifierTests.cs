using System.Text.Json;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Baseline;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Baseline;

public sealed class DummyClassifierTests
{
    private static readonly JsonElement[] Cases = [.. ReferenceData.Load("dummy.json").GetProperty("classifier").EnumerateArray()];

    public static TheoryData<int> CaseIndices => [.. Enumerable.Range(0, Cases.Length)];

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Fit_ReferenceCase_MatchesScikitLearn(int index)
    {
        // tests/reference/dummy.py: scikit-learn 1.2.1 DummyClassifier on Glass (imbalanced, numeric labels), breast cancer and iris,
        // with and without sample weights.
        var reference = Cases[index];
        var data = ReferenceWeights.Apply(
            TestData.TrainingSet(reference.GetProperty("dataset").GetString()!, reference.GetProperty("target").GetString()!),
            reference.GetProperty("weights").GetString()!);
        var strategy = reference.GetProperty("strategy").GetString()!;
        var description = $"{reference.GetProperty("dataset").GetString()}, {reference.GetProperty("weights").GetString()} weights, {strategy}";

        var model = new DummyClassifier(new DummyClassifierOptions { Strategy = strategy }).Fit(data);

        Assert.Equal(reference.GetProperty("classes").EnumerateArray().Select(c => c.GetString()), model.Classes);
        Bits.Equal([.. reference.GetProperty("class_prior").EnumerateArray().Select(p => p.GetDouble())], [.. model.ClassPriors], $"{description}: priors");
        var firstRow = data.Features.Columns.Select(column => ((NumericColumn)column)[0]).ToArray();
        Assert.Equal(reference.GetProperty("prediction").GetString(), model.Classes[(int)model.PredictRow(firstRow)]);
        var probabilities = new double[model.Classes.Count];
        model.PredictRowProbabilities(firstRow, probabilities);
        Bits.Equal([.. reference.GetProperty("probabilities").EnumerateArray().Select(p => p.GetDouble())], probabilities, $"{description}: probabilities");
    }

    [Fact]
    public void Predict_StratifiedOverDistinctRows_FollowsTheWeightedPriors()
    {
        var model = Fit(DummyClassifierOptions.Stratified, seed: 3);
        var counts = ClassCounts(model, rows: 30_000);

        // Chi-squared with 2 degrees of freedom against the priors (0.5, 0.3, 0.2); 13.8 is the 0.001 critical value.
        var chiSquared = ChiSquared(counts, [.. model.ClassPriors]);
        Assert.Equal(new[] { 0.5, 0.3, 0.2 }, model.ClassPriors.Select(p => Math.Round(p, 12)));
        Assert.True(chiSquared < 13.8, $"Class counts {string.Join(", ", counts)}: chi-squared {chiSquared}.");
    }

    [Fact]
    public void Predict_UniformOverDistinctRows_SpreadsEvenly()
    {
        var model = Fit(DummyClassifierOptions.Uniform, seed: 3);
        var counts = ClassCounts(model, rows: 30_000);

        var chiSquared = ChiSquared(counts, [1.0 / 3, 1.0 / 3, 1.0 / 3]);
        Assert.True(chiSquared < 13.8, $"Class counts {string.Join(", ", counts)}: chi-squared {chiSquared}.");
        Assert.All(model.PredictProbabilities(Rows(10, seed: 1)), p => Assert.Equal(1.0 / 3, p));
    }

    [Fact]
    public void Predict_StratifiedDifferentSeeds_DrawDifferentClasses()
    {
        var rows = Rows(2_000, seed: 8);

        var first = Fit(DummyClassifierOptions.Stratified, seed: 1).Predict(rows);
        var second = Fit(DummyClassifierOptions.Stratified, seed: 2).Predict(rows);

        // Two independent draws from (0.5, 0.3, 0.2) disagree with probability 1 − Σp² = 0.62.
        var disagreement = first.Zip(second).Count(pair => pair.First != pair.Second) / (double)first.Length;
        Assert.InRange(disagreement, 0.55, 0.69);
    }

    [Fact]
    public void Predict_StratifiedNegativeZeroAndNaNPayloads_DrawLikeTheirEqualValues()
    {
        var model = Fit(DummyClassifierOptions.Stratified, seed: 4);
        var otherNaN = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0123);

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(model.PredictRow([i, 0.0]), model.PredictRow([i, -0.0]));
            Assert.Equal(model.PredictRow([i, double.NaN]), model.PredictRow([i, otherNaN]));
        }
    }

    [Fact]
    public void PredictRowProbabilities_Stratified_IsOneHotAtThePrediction()
    {
        var model = Fit(DummyClassifierOptions.Stratified, seed: 5);
        var probabilities = new double[3];

        for (var i = 0; i < 100; i++)
        {
            double[] row = [i * 0.37, -i];
            model.PredictRowProbabilities(row, probabilities);
            var predicted = (int)model.PredictRow(row);
            Assert.Equal(1.0, probabilities[predicted]);
            Assert.Equal(1.0, probabilities.Sum());
        }
    }

    [Fact]
    public void Predict_MostFrequentTie_PicksLowestClass()
    {
        var features = new Table([new NumericColumn("x", [1, 2, 3, 4])]);
        var data = new TrainingSet(features, CategoricalColumn.FromValues("y", ["b", "a", "b", "a"]));

        var model = new DummyClassifier(new DummyClassifierOptions { Strategy = DummyClassifierOptions.MostFrequent }).Fit(data);

        Assert.Equal(0.0, model.PredictRow([9]));
        Assert.Equal("a", model.Classes[0]);
    }

    [Fact]
    public void Fit_ClassWithZeroWeight_KeepsItWithPriorZeroAndNeverDrawsIt()
    {
        var features = new Table([new NumericColumn("x", [1, 2, 3, 4])]);
        var data = new TrainingSet(features, CategoricalColumn.FromValues("y", ["a", "b", "c", "a"]), new NumericColumn("w", [1, 0, 1, 1]));

        var model = new DummyClassifier(new DummyClassifierOptions { Strategy = DummyClassifierOptions.Stratified }).Fit(data);

        Assert.Equal(["a", "b", "c"], model.Classes);
        Assert.Equal(0.0, model.ClassPriors[1]);
        var rows = new Table([NumericColumn.FromOwned("x", [.. Enumerable.Range(0, 5_000).Select(i => i * 0.01)])]);
        Assert.DoesNotContain(1.0, model.Predict(rows));
    }

    [Fact]
    public void Fit_ConstantNotAClass_ThrowsListingTheClasses()
    {
        var estimator = new DummyClassifier(new DummyClassifierOptions { Strategy = DummyClassifierOptions.ConstantClass, Constant = "class_7" });

        var exception = Assert.Throws<ArgumentException>(() => estimator.Fit(Datasets.Blobs(rows: 30)));

        Assert.Contains("'class_7' is not one of the training target's classes (class_0, class_1, class_2)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_WeightsSumToZero_Throws()
    {
        var data = Datasets.Blobs(rows: 6);
        var zero = new TrainingSet(data.Features, data.Target, new NumericColumn("w", new double[6]));

        Assert.Throws<ArgumentException>(() => new DummyClassifier().Fit(zero));
    }

    [Theory]
    [InlineData("majority", null, "Strategy 'majority' is not one of most_frequent, prior, stratified, uniform, constant")]
    [InlineData("constant", null, "Strategy 'constant' needs Constant")]
    public void Constructor_InvalidOptions_ThrowsSayingWhy(string strategy, string? constant, string expected)
    {
        var exception = Assert.Throws<ArgumentException>(() => new DummyClassifier(new DummyClassifierOptions { Strategy = strategy, Constant = constant }));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hyperparameters_Options_DeclareStrategyWithScikitLearnChoices()
    {
        var declared = Hyperparameters.Describe(typeof(DummyClassifierOptions));

        Assert.Equal(["strategy", "constant"], declared.Select(parameter => parameter.Name));
        Assert.Equal(["most_frequent", "prior", "stratified", "uniform", "constant"], declared[0].Declaration.Choices!);
        Assert.Equal("prior", declared[0].DefaultValue);
    }

    // 100 rows labelled 50 % a, 30 % b, 20 % c by weight (the counts differ, the weights make the shares).
    private static DummyClassifierModel Fit(string strategy, ulong seed)
    {
        var labels = new string[100];
        var weights = new double[100];
        for (var i = 0; i < 100; i++)
        {
            (labels[i], weights[i]) = (i % 4) switch { 0 or 1 => ("a", 1.0), 2 => ("b", 1.2), _ => ("c", 0.8) };
        }
        var features = Rows(100, seed: 99);
        return new DummyClassifier(new DummyClassifierOptions { Strategy = strategy, Seed = seed })
            .Fit(new TrainingSet(features, CategoricalColumn.FromValues("y", labels), NumericColumn.FromOwned("w", weights)));
    }

    private static Table Rows(int count, ulong seed)
    {
        var random = new KilnRandom(seed);
        var first = new double[count];
        var second = new double[count];
        for (var i = 0; i < count; i++)
        {
            first[i] = random.NextGaussian();
            second[i] = random.NextGaussian();
        }
        return new Table([NumericColumn.FromOwned("x0", first), NumericColumn.FromOwned("x1", second)]);
    }

    private static int[] ClassCounts(DummyClassifierModel model, int rows)
    {
        var counts = new int[model.Classes.Count];
        foreach (var prediction in model.Predict(Rows(rows, seed: 77)))
            counts[(int)prediction]++;
        return counts;
    }

    private static double ChiSquared(int[] counts, double[] shares)
    {
        var total = counts.Sum();
        return counts.Select((count, c) => (count - (total * shares[c])) * (count - (total * shares[c])) / (total * shares[c])).Sum();
    }
}
