using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Metrics;
using Kiln.Core.Profiling;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Profiling;

public sealed class TableProfileTests
{
    [Fact]
    public void Compute_TableWithoutColumns_GivesAnEmptyProfile()
    {
        var profile = TableProfile.Compute(new Table([]));

        Assert.Equal((0, 0, 0), (profile.RowCount, profile.ColumnCount, profile.DuplicateRowCount));
        Assert.Empty(profile.Columns);
        Assert.Empty(profile.Correlations.Columns);
        Assert.Empty(profile.Warnings);
        Assert.Null(profile.Target);
    }

    [Fact]
    public void Compute_ColumnsWithoutRows_GivesCountsAndNoSummaries()
    {
        var table = new Table(
        [
            new NumericColumn("x", []),
            CategoricalColumn.FromValues("label", []),
            new BooleanColumn("flag", []),
            new DateTimeColumn("when", []),
            new TextColumn("note", []),
        ]);

        var profile = TableProfile.Compute(table, "label");

        Assert.All(profile.Columns, column => Assert.Equal((0, 0, 0.0, 0), (column.RowCount, column.MissingCount, column.MissingFraction, column.DistinctCount)));
        Assert.Null(profile.Column("x").Numeric);
        Assert.Empty(profile.Target!.Classes!);
        Assert.Null(profile.Target.ImbalanceRatio);
        Assert.All(profile.TargetAssociations, association => Assert.True(double.IsNaN(association.Value)));
        Assert.Empty(profile.Warnings);
    }

    [Fact]
    public void Compute_AllMissingColumnsOfEveryKind_WarnWithoutThrowing()
    {
        var table = new Table(
        [
            new NumericColumn("y", [1, 2, 3, 4]),
            new NumericColumn("number", [double.NaN, double.NaN, double.NaN, double.NaN]),
            CategoricalColumn.FromValues("category", [null, null, null, null]),
            new BooleanColumn("flag", [null, null, null, null]),
            new DateTimeColumn("when", [null, null, null, null]),
            new TextColumn("note", [null, null, null, null]),
        ]);

        var profile = TableProfile.Compute(table, "y");

        Assert.Equal(["number", "category", "flag", "when", "note"], profile.Warnings.Select(warning => warning.Column));
        Assert.All(profile.Warnings, warning => Assert.Equal(ProfileWarningCodes.HighMissing, warning.Code));
        Assert.Null(profile.Column("number").Numeric);
        Assert.Null(profile.Column("when").DateTime);
        Assert.Null(profile.Column("note").Text);
        Assert.Equal(new BooleanSummary(0, 0), profile.Column("flag").Boolean);
        Assert.Null(profile.Column("category").Categorical!.Mode);
        Assert.True(double.IsNaN(profile.Correlations.Get("y", "number")));
        // Each feature's rule predicts the mean for the single missing group: R² 0.
        Assert.All(profile.TargetAssociations, association => Assert.Equal(0, association.SingleFeatureScore, 1e-15));
    }

    [Fact]
    public void Compute_TargetAllMissing_ProfilesWithoutThrowing()
    {
        var table = new Table([new NumericColumn("x", [1, 2, 3]), CategoricalColumn.FromValues("label", [null, null, null])]);

        var profile = TableProfile.Compute(table, "label");

        Assert.Equal((3, 0), (profile.Target!.MissingCount, profile.Target.RowCount));
        Assert.True(double.IsNaN(profile.TargetAssociations.Single().SingleFeatureScore));
        Assert.Contains(profile.Warnings, warning => warning.Code == ProfileWarningCodes.MissingTarget);
    }

    [Fact]
    public void Compute_Infinities_AreCountedAndLeftOutOfStatistics()
    {
        var table = new Table([new NumericColumn("x", [1, double.PositiveInfinity, 3, double.NegativeInfinity, double.PositiveInfinity, double.NaN, 0])]);

        var column = TableProfile.Compute(table).Column("x");

        Assert.Equal((1, 5), (column.MissingCount, column.DistinctCount));
        var numeric = column.Numeric!;
        Assert.Equal((3, 3, 1), (numeric.Count, numeric.InfiniteCount, numeric.ZeroCount));
        Assert.Equal((4.0 / 3, 0.0, 3.0), (numeric.Mean, numeric.Min, numeric.Max));
        Assert.Equal(3, numeric.Histogram.Counts.Sum());
    }

    [Fact]
    public void Compute_InfiniteRegressionTarget_CountsAsMissingTarget()
    {
        var table = new Table([new NumericColumn("y", [1, double.PositiveInfinity, double.NaN, 3]), new NumericColumn("x", [1, 2, 3, 4])]);

        var profile = TableProfile.Compute(table, "y");

        Assert.Equal((2, 2), (profile.Target!.RowCount, profile.Target.MissingCount));
        Assert.Equal(1, profile.Column("y").MissingCount);
        Assert.Contains("2 of 4 rows", Assert.Single(profile.Warnings, warning => warning.Code == ProfileWarningCodes.MissingTarget).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_OtherKinds_SummariseTheirValues()
    {
        var january = new DateTime(2024, 1, 15, 0, 0, 0, DateTimeKind.Utc);
        var march = new DateTime(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        var table = new Table(
        [
            new BooleanColumn("flag", [true, false, true, null, true]),
            new DateTimeColumn("when", [march, null, january, march, january]),
            new TextColumn("note", ["ok", null, "fine", "ok", "a longer note"]),
        ]);

        var profile = TableProfile.Compute(table);

        Assert.Equal((new BooleanSummary(3, 1), 2, 1), (profile.Column("flag").Boolean, profile.Column("flag").DistinctCount, profile.Column("flag").MissingCount));
        Assert.Equal((new DateTimeSummary(january, march), 2), (profile.Column("when").DateTime, profile.Column("when").DistinctCount));
        Assert.Equal((new TextSummary(21.0 / 4, 2, 13), 3), (profile.Column("note").Text, profile.Column("note").DistinctCount));
    }

    [Fact]
    public void Compute_ManyCategories_ListsTheTopAndAddsUpTheRest()
    {
        var table = TestData.ReadCsv("penguins.csv");

        var summary = TableProfile.Compute(table, "species", new ProfileOptions { TopCategoryCount = 2 }).Column("island").Categorical!;

        // pandas value_counts: Biscoe 168, Dream 124, Torgersen 52 (tests/reference/profile.json).
        Assert.Equal([("Biscoe", 168), ("Dream", 124)], summary.Categories.Select(category => (category.Name, category.Count)));
        Assert.Equal((52, 1, "Biscoe"), (summary.OtherCount, summary.OtherCategoryCount, summary.Mode));
        Assert.Equal(168.0 / 344, summary.Categories[0].Share);
    }

    [Fact]
    public void Compute_TiedCategoryCounts_OrderByName()
    {
        var table = new Table([CategoricalColumn.FromValues("c", ["b", "a", "c", "b", "a", "c", "d"])]);

        var summary = TableProfile.Compute(table).Column("c").Categorical!;

        Assert.Equal(["a", "b", "c", "d"], summary.Categories.Select(category => category.Name));
        Assert.Equal("a", summary.Mode);
    }

    [Fact]
    public void Compute_DuplicateRows_TreatMissingAsEqualAndNegativeZeroAsZero()
    {
        // pandas: DataFrame({'x': [1, nan, 0.0, -0.0, 1, nan], 's': ['a', None, 'b', 'b', 'a', None]}).duplicated().sum() == 3.
        var table = new Table(
        [
            new NumericColumn("x", [1, double.NaN, 0.0, -0.0, 1, double.NaN]),
            new TextColumn("s", ["a", null, "b", "b", "a", null]),
        ]);

        Assert.Equal(3, TableProfile.Compute(table).DuplicateRowCount);
    }

    [Fact]
    public void Compute_DuplicatesOfEveryKind_AreCountedOverAllColumns()
    {
        var day = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var table = new Table(
        [
            CategoricalColumn.FromValues("c", ["a", "a", "a", "b"]),
            new BooleanColumn("b", [true, true, false, true]),
            new DateTimeColumn("t", [day, day, day, day]),
        ]);

        Assert.Equal(1, TableProfile.Compute(table).DuplicateRowCount);
    }

    [Fact]
    public void Compute_TargetNamed_GetsTheTargetRoleAndIsNotAFeature()
    {
        var profile = TableProfile.Compute(TestData.ReadCsv("iris.csv"), "target");

        Assert.Equal(ColumnRole.Target, profile.Column("target").Role);
        Assert.Equal(MetricTask.Classification, profile.Target!.Task);
        Assert.Equal(4, profile.TargetAssociations.Count);
        Assert.DoesNotContain(profile.TargetAssociations, association => association.Feature == "target");
    }

    [Fact]
    public void Compute_TargetRoleInTheSchema_IsUsedWhenNoTargetIsNamed()
    {
        var table = TestData.ReadCsv("diabetes.csv").WithRole("target", ColumnRole.Target);

        var profile = TableProfile.Compute(table);

        Assert.Equal(("target", MetricTask.Regression), (profile.Target!.Name, profile.Target.Task));
    }

    [Fact]
    public void Compute_IgnoredColumns_GetNoWarningsAndNoAssociation()
    {
        var table = TestData.ReadCsv("iris.csv").With(new NumericColumn("constant", new double[150])).WithRole("constant", ColumnRole.Ignored);

        var profile = TableProfile.Compute(table, "target");

        Assert.Equal(ColumnRole.Ignored, profile.Column("constant").Role);
        Assert.DoesNotContain(profile.Warnings, warning => warning.Column == "constant");
        Assert.DoesNotContain(profile.TargetAssociations, association => association.Feature == "constant");
        Assert.DoesNotContain("constant", profile.Correlations.Columns);
    }

    [Fact]
    public void Compute_NumericTargetAsClassification_LabelsClassesNumerically()
    {
        var table = new Table([new NumericColumn("grade", [10, 2, 2, 1, 10, 2]), new NumericColumn("x", [1, 2, 3, 4, 5, 6])]);

        var target = TableProfile.Compute(table, "grade", new ProfileOptions { Task = MetricTask.Classification }).Target!;

        Assert.Equal([("1", 1), ("2", 3), ("10", 2)], target.Classes!.Select(share => (share.Label, share.Count)));
        Assert.Equal(3.0, target.ImbalanceRatio);
    }

    [Theory]
    [InlineData("penguins.csv", "species")]
    [InlineData("Glass.csv", "Type")]
    public void Compute_ClassOrder_IsClassLabelsOrder(string file, string target)
    {
        var table = TestData.ReadCsv(file);
        var rows = Enumerable.Range(0, table.RowCount).ToArray();

        var classes = TableProfile.Compute(table, target, new ProfileOptions { Task = MetricTask.Classification }).Target!.Classes!;

        Assert.Equal(ClassLabels.FromColumn(table[target], rows).Classes, classes.Select(share => share.Label));
    }

    [Fact]
    public void Compute_UnknownTarget_ThrowsNamingIt()
    {
        var exception = Assert.Throws<SchemaMismatchException>(() => TableProfile.Compute(TestData.ReadCsv("iris.csv"), "species"));

        Assert.Contains("'species'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_CategoricalTargetForRegression_ThrowsSayingWhatToDo()
    {
        var exception = Assert.Throws<SchemaMismatchException>(() =>
            TableProfile.Compute(TestData.ReadCsv("iris.csv"), "target", new ProfileOptions { Task = MetricTask.Regression }));

        Assert.Contains("The target 'target' is Categorical", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_InvalidOption_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TableProfile.Compute(new Table([]), options: new ProfileOptions { LeakageThreshold = 1.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => TableProfile.Compute(new Table([]), options: new ProfileOptions { MinHistogramBins = 20, MaxHistogramBins = 10 }));
    }

    [Fact]
    public void Compute_OneCoreOrMany_GivesTheSameProfile()
    {
        var table = RandomTable(rows: 40_000, seed: 4);

        var serial = ProfileJson.Serialize(TableProfile.Compute(table, "label", new ProfileOptions { MaxDegreeOfParallelism = 1 }));
        var parallel = ProfileJson.Serialize(TableProfile.Compute(table, "label", new ProfileOptions { MaxDegreeOfParallelism = 4 }));

        Assert.Equal(serial, parallel);
    }

    [Fact]
    public void Compute_ManyRowBlocks_MatchesTwoPassCorrelations()
    {
        // 40,000 rows span ten 4,096-row chunks in several blocks; with missing values in two columns the pairwise-complete sums
        // must match a direct two-pass computation over the rows where both values are finite.
        var table = RandomTable(rows: 40_000, seed: 9);
        var profile = TableProfile.Compute(table, "label");
        string[] names = ["a", "b", "c"];
        foreach (var first in names)
        {
            foreach (var second in names)
            {
                if (first == second)
                    continue;
                var expected = TwoPassPearson(table.Numeric(first).Values, table.Numeric(second).Values);
                Assert.Equal(expected, profile.Correlations.Get(first, second), 1e-13);
            }
        }
    }

    private static double TwoPassPearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double count = 0, sumX = 0, sumY = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]) || double.IsNaN(y[i]))
                continue;
            count++;
            sumX += x[i];
            sumY += y[i];
        }
        double xx = 0, yy = 0, xy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]) || double.IsNaN(y[i]))
                continue;
            var dx = x[i] - (sumX / count);
            var dy = y[i] - (sumY / count);
            xx += dx * dx;
            yy += dy * dy;
            xy += dx * dy;
        }
        return xy / Math.Sqrt(xx * yy);
    }

    internal static Table RandomTable(int rows, ulong seed)
    {
        var random = new KilnRandom(seed);
        var a = new double[rows];
        var b = new double[rows];
        var c = new double[rows];
        var labels = new string[rows];
        var colours = new string?[rows];
        var flags = new bool?[rows];
        var notes = new string?[rows];
        string[] palette = ["red", "green", "blue", "amber"];
        for (var row = 0; row < rows; row++)
        {
            a[row] = 1000 + random.NextGaussian();
            b[row] = random.NextDouble() < 0.1 ? double.NaN : a[row] + random.NextGaussian();
            c[row] = random.NextDouble() < 0.3 ? double.NaN : Math.Round(5 * random.NextDouble(), 1);
            labels[row] = a[row] + (0.5 * random.NextGaussian()) > 1000 ? "high" : "low";
            colours[row] = random.NextDouble() < 0.05 ? null : palette[random.NextInt32(palette.Length)];
            flags[row] = random.NextDouble() < 0.5;
            notes[row] = $"note {random.NextInt32(rows / 2)}";
        }
        return new Table(
        [
            NumericColumn.FromOwned("a", a),
            NumericColumn.FromOwned("b", b),
            NumericColumn.FromOwned("c", c),
            CategoricalColumn.FromValues("label", labels),
            CategoricalColumn.FromValues("colour", colours),
            new BooleanColumn("flag", flags),
            new TextColumn("note", notes),
        ]);
    }
}
