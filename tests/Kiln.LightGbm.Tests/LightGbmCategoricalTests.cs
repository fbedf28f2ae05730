using Kiln.Core;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Persistence;
using Kiln.TestKit;

namespace Kiln.LightGbm.Tests;

// Categorical features reach LightGBM natively: Kiln's predictions equal LightGBM's own, called directly with the category
// codes as numbers, -1 for missing, and categorical_feature= naming them.
public sealed class LightGbmCategoricalTests
{
    private const ulong Seed = 11;

    private static readonly string[] Colours = ["red", "green", "blue", "cyan", "magenta", "yellow", "black", "white"];

    private static readonly LightGbmOptions Options = new() { NEstimators = 20, NumLeaves = 7, LearningRate = 0.2, MinChildSamples = 10, Seed = Seed };

    public LightGbmCategoricalTests() => LightGbmModels.Register();

    private static string Parameters(string objective, string categorical) =>
        $"{objective} num_iterations=20 num_leaves=7 max_depth=-1 learning_rate=0.2 min_data_in_leaf=10 feature_fraction=1 bagging_fraction=1 " +
        $"bagging_freq=0 lambda_l1=0 lambda_l2=0 categorical_feature={categorical} seed={DirectLightGbm.Seed(Seed)} num_threads=1 deterministic=true force_row_wise=true verbosity=-1";

    [Fact]
    public void Fit_CategoricalColumn_SamePredictionsAsLightGbmWithCategoricalFeature()
    {
        var data = Colourful(rows: 800, seed: 3);
        var expected = DirectLightGbm.TrainAndPredict(data.Features, Array.ConvertAll(data.NumericTarget(), value => (float)value), Parameters("objective=regression metric=l2", "0"), 20, 1);

        using var model = new LightGbmRegressor(Options).Fit(data, new FitContext { MaxDegreeOfParallelism = 1 });

        Bits.Equal(expected, model.Predict(data.Features), "predictions with a categorical feature");
        Assert.Equal(ColumnKind.Categorical, model.InputSchema["colour"].Kind);
        // The trees split on the colour as a category (a bitset of categories), not as a number.
        Assert.Contains(model.ModelText.Split('\n'), line => line.StartsWith("num_cat=", StringComparison.Ordinal) && line != "num_cat=0");
    }

    [Fact]
    public void Fit_PenguinsWithCategoriesAndMissingValues_SameProbabilitiesAsLightGbmDirectly()
    {
        var data = TestData.TrainingSet("penguins.csv", "species");
        Assert.Equal(["island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex", "year"], data.Features.Schema.Names);
        string[] classes = ["Adelie", "Chinstrap", "Gentoo"];
        var target = data.Target!;
        var labels = Enumerable.Range(0, data.RowCount).Select(row => (float)Array.IndexOf(classes, target.FormatValue(row))).ToArray();
        var expected = DirectLightGbm.TrainAndPredict(data.Features, labels, Parameters("objective=multiclass num_class=3 metric=multi_logloss", "0,5"), 20, 3);

        using var model = new LightGbmClassifier(Options).Fit(data, new FitContext { MaxDegreeOfParallelism = 1 });

        Assert.Equal(classes, model.Classes);
        Bits.Equal(expected, model.PredictProbabilities(data.Features), "penguin probabilities");
    }

    [Fact]
    public void Predict_UnseenCategory_GoesWhereLightGbmSendsAMissingCategory()
    {
        var data = Colourful(rows: 800, seed: 5);
        using var model = new LightGbmRegressor(Options).Fit(data, new FitContext { MaxDegreeOfParallelism = 1 });
        var x = Enumerable.Range(0, 10).Select(i => i / 3.0).ToArray();
        var unseen = new Table([CategoricalColumn.FromValues("colour", Enumerable.Repeat<string?>("ultraviolet", 10)), NumericColumn.FromOwned("x", x)]);
        var missing = new Table([CategoricalColumn.FromValues("colour", Enumerable.Repeat<string?>(null, 10)), NumericColumn.FromOwned("x", x)]);
        var direct = DirectLightGbm.TrainAndPredict(
            DirectLightGbm.RowMajor(data.Features), data.RowCount, 2, Array.ConvertAll(data.NumericTarget(), value => (float)value), weights: null,
            Parameters("objective=regression metric=l2", "0"), 20, 1, predict: [.. x.SelectMany(value => new[] { -1.0, value })]);

        var predictions = model.Predict(unseen);

        Bits.Equal(direct, predictions, "unseen category against LightGBM's prediction for category -1");
        Bits.Equal(model.Predict(missing), predictions, "unseen against missing");
        Assert.Equal(predictions[0], model.PredictRow([double.NaN, x[0]]));
        Assert.Equal(predictions[0], model.PredictRow([Colours.Length + 5, x[0]]));
    }

    [Fact]
    public void Predict_CategoriesInAnotherOrder_MappedByNameAfterBundleRoundTrip()
    {
        var data = Colourful(rows: 800, seed: 7);
        using var model = new LightGbmRegressor(Options).Fit(data, FitContext.None);
        // The same rows, reversed: the new column numbers its categories in another order.
        var reversed = Enumerable.Range(0, data.RowCount).Reverse().ToArray();
        var colour = (CategoricalColumn)data.Features["colour"];
        var renumbered = new Table(
        [
            CategoricalColumn.FromValues("colour", reversed.Select(row => colour[row])),
            NumericColumn.FromOwned("x", [.. reversed.Select(row => data.Features.Numeric("x").Values[row])]),
        ]);
        Assert.NotEqual(colour.Categories, ((CategoricalColumn)renumbered["colour"]).Categories);
        var path = Path.Combine(Path.GetTempPath(), $"kiln-lightgbm-categorical-{Environment.ProcessId}{ModelBundle.FileExtension}");
        try
        {
            ModelBundle.Save(model, path);
            using var loaded = ModelBundle.Load<LightGbmRegressorModel>(path);

            var expected = model.Predict(data.Features);
            Bits.Equal([.. reversed.Select(row => expected[row])], loaded.Predict(renumbered), "renumbered categories after load");
            Assert.Equal(colour.Categories, loaded.Categories(0));
            Assert.Null(loaded.Categories(1));
        }
        finally
        {
            File.Delete(path);
        }
    }

    // y = an effect per colour (8 colours, 5 % missing) + x + noise: LightGBM can only fit it well by splitting on colour.
    private static TrainingSet Colourful(int rows, ulong seed)
    {
        var random = new KilnRandom(seed);
        var colours = new string?[rows];
        var x = new double[rows];
        var y = new double[rows];
        for (var row = 0; row < rows; row++)
        {
            var k = random.NextInt32(Colours.Length);
            colours[row] = random.NextDouble() < 0.05 ? null : Colours[k];
            x[row] = random.NextDouble() * 3;
            y[row] = (colours[row] is null ? 0 : ((k * 7) % 5) * 4.0) + x[row] + random.NextGaussian();
        }
        return new TrainingSet(new Table([CategoricalColumn.FromValues("colour", colours), NumericColumn.FromOwned("x", x)]), NumericColumn.FromOwned("y", y));
    }
}
