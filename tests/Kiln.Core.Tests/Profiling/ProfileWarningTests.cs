using Kiln.Core.Data;
using Kiln.Core.Metrics;
using Kiln.Core.Profiling;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Profiling;

public sealed class ProfileWarningTests
{
    [Fact]
    public void Compute_Iris_GivesNoLeakageWarning()
    {
        var profile = TableProfile.Compute(TestData.ReadCsv("iris.csv"), "target");

        Assert.DoesNotContain(profile.Warnings, warning => warning.Code == ProfileWarningCodes.TargetLeakage);
        // The best single feature (petal width) reaches 0.96 (tests/reference/profile.json), below the 0.99 threshold.
        Assert.True(profile.TargetAssociations.Max(association => association.SingleFeatureScore) < 0.97);
    }

    [Fact]
    public void Compute_PlantedLeaks_WarnsNamingEachLeakingFeature()
    {
        var iris = TestData.ReadCsv("iris.csv");
        var target = (CategoricalColumn)iris["target"];
        var random = new KilnRandom(5);
        var noisyCopy = new string?[iris.RowCount];
        var codePlusNoise = new double[iris.RowCount];
        for (var row = 0; row < iris.RowCount; row++)
        {
            var code = target.Codes[row];
            // One row in 150 (0.7%) gets the next class: a copy of the target with under 1% noise.
            noisyCopy[row] = target.Categories[row == 75 ? (code + 1) % 3 : code];
            codePlusNoise[row] = code + (1e-3 * random.NextDouble());
        }
        var table = iris
            .With(CategoricalColumn.FromValues("recorded_outcome", noisyCopy))
            .With(NumericColumn.FromOwned("outcome_code", codePlusNoise));

        var profile = TableProfile.Compute(table, "target");

        var leaks = profile.Warnings.Where(warning => warning.Code == ProfileWarningCodes.TargetLeakage).ToList();
        Assert.Equal(["recorded_outcome", "outcome_code"], leaks.Select(warning => warning.Column));
        Assert.Equal(149.0 / 150, leaks[0].Value!.Value, 1e-15);
        Assert.Equal(1.0, leaks[1].Value);
        Assert.Contains("'recorded_outcome'", leaks[0].Message, StringComparison.Ordinal);
        Assert.Contains("accuracy 0.9933", leaks[0].Message, StringComparison.Ordinal);
        Assert.Contains("ignore:", leaks[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_CopyWithExactlyOnePercentNoise_IsAtTheThresholdAndWarns()
    {
        const int Rows = 1000;
        var random = new KilnRandom(21);
        var labels = new string[Rows];
        var copy = new string[Rows];
        for (var row = 0; row < Rows; row++)
        {
            var label = random.NextInt32(4);
            labels[row] = $"L{label}";
            copy[row] = $"L{(row % 100 == 0 ? (label + 1) % 4 : label)}";
        }
        var table = new Table([CategoricalColumn.FromValues("label", labels), CategoricalColumn.FromValues("label_copy", copy)]);

        var profile = TableProfile.Compute(table, "label");

        var leak = Assert.Single(profile.Warnings, warning => warning.Code == ProfileWarningCodes.TargetLeakage);
        Assert.Equal(("label_copy", 0.99), (leak.Column, leak.Value));
    }

    [Fact]
    public void Compute_NumericCodeOfTenClasses_NeedsTenIntervalsAndIsFound()
    {
        // A depth-2 tree has four leaves and could not separate ten classes; the best-first rule with up to 20 intervals can.
        const int Rows = 1000;
        var random = new KilnRandom(11);
        var labels = new string[Rows];
        var code = new double[Rows];
        var noise = new double[Rows];
        for (var row = 0; row < Rows; row++)
        {
            var label = random.NextInt32(10);
            labels[row] = $"class_{label}";
            code[row] = label + (0.01 * random.NextGaussian());
            noise[row] = random.NextGaussian();
        }
        var table = new Table([CategoricalColumn.FromValues("label", labels), NumericColumn.FromOwned("code", code), NumericColumn.FromOwned("noise", noise)]);

        var profile = TableProfile.Compute(table, "label");

        var leak = Assert.Single(profile.Warnings, warning => warning.Code == ProfileWarningCodes.TargetLeakage);
        Assert.Equal("code", leak.Column);
    }

    [Fact]
    public void Compute_RegressionTargetCopy_WarnsAndCleanDiabetesDoesNot()
    {
        var diabetes = TestData.ReadCsv("diabetes.csv");
        var target = diabetes.Numeric("target").Values;
        var random = new KilnRandom(3);
        var copy = new double[target.Length];
        for (var row = 0; row < copy.Length; row++)
            copy[row] = (target[row] / 100) + (0.01 * random.NextGaussian());

        var clean = TableProfile.Compute(diabetes, "target");
        var leaky = TableProfile.Compute(diabetes.With(NumericColumn.FromOwned("target_hundreds", copy)), "target");

        Assert.DoesNotContain(clean.Warnings, warning => warning.Code == ProfileWarningCodes.TargetLeakage);
        var leak = Assert.Single(leaky.Warnings, warning => warning.Code == ProfileWarningCodes.TargetLeakage);
        Assert.Equal("target_hundreds", leak.Column);
        Assert.Contains("|Pearson r| 0.99", leak.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_CategoryMeansExplainRegressionTarget_Warns()
    {
        // Each category has its own target value: a category-to-mean mapping explains the target completely.
        const int Rows = 300;
        var random = new KilnRandom(8);
        var groups = new string[Rows];
        var target = new double[Rows];
        for (var row = 0; row < Rows; row++)
        {
            var group = random.NextInt32(6);
            groups[row] = $"g{group}";
            target[row] = (10 * group) + (0.001 * random.NextGaussian());
        }
        var table = new Table([CategoricalColumn.FromValues("bucket", groups), NumericColumn.FromOwned("y", target)]);

        var profile = TableProfile.Compute(table, "y");

        var leak = Assert.Single(profile.Warnings, warning => warning.Code == ProfileWarningCodes.TargetLeakage);
        Assert.Equal("bucket", leak.Column);
        Assert.Equal(AssociationMeasure.CorrelationRatio, Assert.Single(profile.TargetAssociations).Measure);
    }

    [Fact]
    public void Compute_ImbalancedTargetWithAccurateFeature_NeedsToBeatTheBaseline()
    {
        // 98% of rows are "common"; a feature that is right 99% of the time barely beats always answering "common".
        const int Rows = 1000;
        var labels = new string[Rows];
        var feature = new string[Rows];
        for (var row = 0; row < Rows; row++)
        {
            labels[row] = row % 50 == 0 ? "rare" : "common";
            feature[row] = row % 100 == 0 ? "x" : "y";
        }
        var table = new Table([CategoricalColumn.FromValues("label", labels), CategoricalColumn.FromValues("flag", feature)]);

        var profile = TableProfile.Compute(table, "label");

        Assert.Equal(0.99, profile.TargetAssociations.Single().SingleFeatureScore, 1e-15);
        Assert.DoesNotContain(profile.Warnings, warning => warning.Code == ProfileWarningCodes.TargetLeakage);
    }

    [Fact]
    public void Compute_RowNumberAndUniqueStrings_WarnIdLikeAndSkipLeakage()
    {
        // iris is sorted by species, so its row number would "predict" the class perfectly; id-like columns are not leak candidates.
        var iris = TestData.ReadCsv("iris.csv");
        var rowNumbers = new double[iris.RowCount];
        var codes = new string?[iris.RowCount];
        for (var row = 0; row < iris.RowCount; row++)
        {
            rowNumbers[row] = row + 1;
            codes[row] = $"plant-{row:D4}";
        }
        var table = iris.With(NumericColumn.FromOwned("row_id", rowNumbers)).With(new TextColumn("plant_code", codes));

        var profile = TableProfile.Compute(table, "target");

        var idLike = profile.Warnings.Where(warning => warning.Code == ProfileWarningCodes.IdLike).ToList();
        Assert.Equal(["row_id", "plant_code"], idLike.Select(warning => warning.Column));
        Assert.All(idLike, warning => Assert.Contains("ignore:", warning.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(profile.Warnings, warning => warning.Code == ProfileWarningCodes.TargetLeakage);
        Assert.DoesNotContain(profile.TargetAssociations, association => association.Feature is "row_id" or "plant_code");
    }

    [Fact]
    public void Compute_DistinctMeasurements_AreNotIdLike()
    {
        // Continuous values are all distinct too, but they are not whole-number sequences.
        var random = new KilnRandom(2);
        var values = new double[200];
        for (var row = 0; row < values.Length; row++)
            values[row] = 50 + (10 * random.NextGaussian());
        var wideIntegers = new double[200];
        for (var row = 0; row < wideIntegers.Length; row++)
            wideIntegers[row] = row * 37;

        var profile = TableProfile.Compute(new Table([NumericColumn.FromOwned("weight", values), NumericColumn.FromOwned("income", wideIntegers)]));

        Assert.DoesNotContain(profile.Warnings, warning => warning.Code == ProfileWarningCodes.IdLike);
    }

    [Fact]
    public void Compute_ConstantColumns_Warn()
    {
        var table = new Table(
        [
            new NumericColumn("x", [1, 2, 3, 4]),
            new NumericColumn("version", [3, 3, double.NaN, 3]),
            CategoricalColumn.FromValues("country", ["NZ", "NZ", "NZ", "NZ"]),
        ]);

        var profile = TableProfile.Compute(table);

        var constant = profile.Warnings.Where(warning => warning.Code == ProfileWarningCodes.Constant).ToList();
        Assert.Equal(["version", "country"], constant.Select(warning => warning.Column));
        Assert.True(double.IsNaN(profile.Correlations.Get("x", "version")));
        Assert.True(double.IsNaN(profile.Correlations.Get("version", "version")));
    }

    [Fact]
    public void Compute_MoreThanHalfMissing_WarnsWithTheShare()
    {
        var table = new Table(
        [
            new NumericColumn("mostly_missing", [1, double.NaN, double.NaN, 4, double.NaN]),
            new NumericColumn("half_missing", [1, double.NaN, 2, double.NaN, 5, 6]).Take([0, 1, 2, 3, 4]),
        ]);

        var profile = TableProfile.Compute(table);

        var warning = Assert.Single(profile.Warnings);
        Assert.Equal((ProfileWarningCodes.HighMissing, "mostly_missing", 0.6), (warning.Code, warning.Column, warning.Value));
        Assert.Contains("3 of 5 rows (60%", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_Glass_WarnsAboutTheRareClass()
    {
        var profile = TableProfile.Compute(TestData.ReadCsv("Glass.csv"), "Type", new ProfileOptions { Task = MetricTask.Classification });

        // Class 6 has 9 of 214 rows (4.2%); class 5 has 13 (6.1%), above the 5% threshold.
        var warning = Assert.Single(profile.Warnings, warning => warning.Code == ProfileWarningCodes.ImbalancedClasses);
        Assert.Equal("Type", warning.Column);
        Assert.Equal(9.0 / 214, warning.Value);
        Assert.Contains("'6' (9 rows, 4.2%)", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'5'", warning.Message, StringComparison.Ordinal);
        Assert.Equal(76.0 / 9, profile.Target!.ImbalanceRatio);
    }

    [Fact]
    public void Compute_Iris_WarnsAboutItsDuplicateRow()
    {
        var profile = TableProfile.Compute(TestData.ReadCsv("iris.csv"), "target");

        var warning = Assert.Single(profile.Warnings);
        Assert.Equal((ProfileWarningCodes.DuplicateRows, null, 1.0), (warning.Code, warning.Column, warning.Value));
    }

    [Fact]
    public void Compute_TargetWithMissingRows_CountsAndWarns()
    {
        var profile = TableProfile.Compute(TestData.ReadCsv("penguins.csv"), "sex");

        Assert.Equal((11, 333), (profile.Target!.MissingCount, profile.Target.RowCount));
        var warning = Assert.Single(profile.Warnings, warning => warning.Code == ProfileWarningCodes.MissingTarget);
        Assert.Equal(("sex", 11.0), (warning.Column, warning.Value));
        Assert.Contains("11 of 344 rows", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_WarningThresholds_ComeFromTheOptions()
    {
        var table = new Table([new NumericColumn("x", [1, double.NaN, double.NaN, 4]), new NumericColumn("y", [1, 2, 3, 4])]);

        var strict = TableProfile.Compute(table, options: new ProfileOptions { HighMissingFraction = 0.4 });
        var lenient = TableProfile.Compute(table);

        Assert.Single(strict.Warnings, warning => warning.Code == ProfileWarningCodes.HighMissing);
        Assert.Empty(lenient.Warnings);
    }
}
