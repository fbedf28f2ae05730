using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Kiln.Core;

namespace Kiln.Reporting.Tests;

public sealed class PlotsTests
{
    private static readonly string[] Classes = ["Adelie", "Chinstrap", "Gentoo"];

    public static TheoryData<string, Func<string>> EveryPlot() => new()
    {
        { "Histogram", () => Plots.Histogram([0, 1, 2, 3], [4, 9, 2], "Histogram", "x") },
        { "Bars", () => Plots.Bars(Classes, [152, 68, 124], "Bars") },
        { "Confusion matrix", () => Plots.ConfusionMatrix(Classes, [[23, 0, 0], [1, 10, 0], [0, 0, 18]], "Confusion matrix") },
        { "ROC curve", () => Plots.RocCurves([new Curve("Gentoo", [0, 0.1, 1], [0, 0.9, 1], 0.9)], "ROC curve") },
        { "Precision-recall curve", () => Plots.PrecisionRecallCurves([new Curve("Gentoo", [0, 0.5, 1], [1, 0.9, 0.5], 0.85)], "Precision-recall curve") },
        { "Residuals vs predicted", () => Plots.ResidualsVsPredicted([1, 2, 3, 4], [1.1, 1.8, 3.3, 3.9], "Residuals vs predicted") },
        { "Predicted vs actual", () => Plots.PredictedVsActual([1, 2, 3, 4], [1.1, 1.8, 3.3, 3.9], "Predicted vs actual") },
        { "Learning curve", () => Plots.Lines([10, 20, 30], [new LineSeries("train", [1, 0.9, 0.8]), new LineSeries("validation", [0.5, 0.6, 0.7])], "Learning curve", "rows", "score") },
        { "Training curve", () => Plots.TrainingCurve([new MetricSeries("train_loss", [1, 2, 3], [0.9, 0.5, 0.3]), new MetricSeries("validation_loss", [1, 2, 3], [1.0, 0.7, 0.8])], 2, "Training curve", "loss") },
        { "Cross-validation scores", () => Plots.ScoreComparison([new ScoreEntry("dummy", 0.44, 0.01, IsBaseline: true), new ScoreEntry("tree", 0.95, 0.02, IsSelected: true)], "accuracy", "Cross-validation scores") },
        { "Feature importance", () => Plots.FeatureImportance(["a", "b", "c"], [0.3, 0.1, 0.2], null, "Feature importance") },
    };

    public static TheoryData<string, Func<string>> DegenerateInput()
    {
        double[] none = [];
        double[] missing = [double.NaN, double.NaN];
        return new()
        {
            { "histogram, no bins", () => Plots.Histogram(none, none, "t", "x") },
            { "histogram, zero counts", () => Plots.Histogram([0, 1, 2], [0, 0], "t", "x") },
            { "histogram, missing counts", () => Plots.Histogram([0, 1, 2], missing, "t", "x") },
            { "histogram, constant column", () => Plots.Histogram([5, 5], [40], "t", "x") },
            { "histogram, one edge", () => Plots.Histogram([5], none, "t", "x") },
            { "bars, none", () => Plots.Bars([], none, "t") },
            { "bars, missing values", () => Plots.Bars(["a", "b"], missing, "t") },
            { "bars, one zero", () => Plots.Bars(["a"], [0], "t") },
            { "confusion matrix, no classes", () => Plots.ConfusionMatrix([], [], "t") },
            { "confusion matrix, all zero", () => Plots.ConfusionMatrix(["a", "b"], [[0, 0], [0, 0]], "t") },
            { "confusion matrix, one class", () => Plots.ConfusionMatrix(["a"], [[5]], "t") },
            { "ROC, no curves", () => Plots.RocCurves([], "t") },
            { "ROC, only missing points", () => Plots.RocCurves([new Curve("a", missing, missing, double.NaN)], "t") },
            { "ROC, one point", () => Plots.RocCurves([new Curve("a", [0.5], [0.5], 0.5)], "t") },
            { "precision-recall, none", () => Plots.PrecisionRecallCurves([], "t") },
            { "residuals, none", () => Plots.ResidualsVsPredicted(none, none, "t") },
            { "residuals, one row", () => Plots.ResidualsVsPredicted([3], [2], "t") },
            { "residuals, missing values", () => Plots.ResidualsVsPredicted(missing, [1, 2], "t") },
            { "residuals, constant", () => Plots.ResidualsVsPredicted([2, 2, 2], [2, 2, 2], "t") },
            { "predicted vs actual, none", () => Plots.PredictedVsActual(none, none, "t") },
            { "predicted vs actual, constant", () => Plots.PredictedVsActual([7, 7], [7, 7], "t") },
            { "predicted vs actual, infinite", () => Plots.PredictedVsActual([double.PositiveInfinity, 1], [1, double.NegativeInfinity], "t") },
            { "lines, no steps", () => Plots.Lines(none, [], "t", "x", "y") },
            { "lines, missing values", () => Plots.Lines([1, 2], [new LineSeries("s", missing)], "t", "x", "y") },
            { "lines, one constant point", () => Plots.Lines([1], [new LineSeries("s", [0.5])], "t", "x", "y") },
            { "training curve, none", () => Plots.TrainingCurve([], null, "t") },
            { "training curve, missing values", () => Plots.TrainingCurve([new MetricSeries("train_loss", [1, 2], missing)], 1, "t") },
            { "training curve, one point, marker beyond it", () => Plots.TrainingCurve([new MetricSeries("oob_score", [1], [0.5])], 3, "t") },
            { "score comparison, none", () => Plots.ScoreComparison([], "accuracy", "t") },
            { "score comparison, missing", () => Plots.ScoreComparison([new ScoreEntry("a", double.NaN, double.NaN)], "accuracy", "t") },
            { "score comparison, equal, no spread", () => Plots.ScoreComparison([new ScoreEntry("a", 0, 0), new ScoreEntry("b", 0, double.NaN)], "accuracy", "t") },
            { "feature importance, none", () => Plots.FeatureImportance([], none) },
            { "feature importance, missing", () => Plots.FeatureImportance(["a", "b"], missing) },
        };
    }

    [Theory]
    [MemberData(nameof(EveryPlot))]
    public void Plot_TypicalInput_IsOneWellFormedSvgWithItsTitle(string title, Func<string> render)
    {
        var svg = render();

        var root = XElement.Parse(svg);
        Assert.Equal("svg", root.Name.LocalName);
        Assert.NotNull(root.Attribute("viewBox"));
        Assert.Contains($">{title}</text>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<?xml", svg, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DegenerateInput))]
    public void Plot_DegenerateInput_StillGivesWellFormedSvg(string scenario, Func<string> render)
    {
        var svg = render();

        Assert.True(XElement.Parse(svg).Name.LocalName == "svg", scenario);
    }

    [Fact]
    public void Histogram_NoValues_SaysSo() => Assert.Contains(">no values</text>", Plots.Histogram([], [], "t", "x"), StringComparison.Ordinal);

    [Fact]
    public void Histogram_EdgesAndCountsMismatch_Throws() =>
        Assert.Throws<ArgumentException>(() => Plots.Histogram([0, 1, 2], [1, 2, 3], "t", "x"));

    [Fact]
    public void Bars_LabelsAndValuesMismatch_Throws() => Assert.Throws<ArgumentException>(() => Plots.Bars(["a"], [1, 2], "t"));

    [Fact]
    public void ConfusionMatrix_NotSquare_Throws() =>
        Assert.Throws<ArgumentException>(() => Plots.ConfusionMatrix(Classes, [[1, 2, 3], [1, 2, 3]], "t"));

    [Fact]
    public void Lines_SeriesLengthMismatch_Throws() =>
        Assert.Throws<ArgumentException>(() => Plots.Lines([1, 2, 3], [new LineSeries("s", [1, 2])], "t", "x", "y"));

    [Fact]
    public void Plot_TooSmall_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Plots.Bars(["a"], [1], "t", size: new PlotSize(20, 20)));

    [Fact]
    public void ConfusionMatrix_TrueClassesDownPredictedAcross_CountsInCells()
    {
        var svg = Plots.ConfusionMatrix(Classes, [[23, 0, 0], [1, 10, 0], [0, 0, 18]], "t");

        // Rows are true classes from the top, columns predicted classes from the left: 23 (Adelie, Adelie) is top-left,
        // 18 (Gentoo, Gentoo) bottom-right and 1 (Chinstrap predicted as Adelie) in the middle row, first column.
        var topLeft = TextPosition(svg, "23");
        var bottomRight = TextPosition(svg, "18");
        var middleLeft = TextPosition(svg, "1");
        Assert.True(topLeft.X < bottomRight.X && topLeft.Y < bottomRight.Y);
        Assert.Equal(topLeft.X, middleLeft.X, 0.5);
        Assert.True(topLeft.Y < middleLeft.Y && middleLeft.Y < bottomRight.Y);
        var adelieTicks = TextPositions(svg, "Adelie");
        Assert.Equal(2, adelieTicks.Length);
        Assert.Contains(">Predicted class</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">True class</text>", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfusionMatrix_ManyClasses_LeavesCountsOut()
    {
        var labels = Enumerable.Range(0, Plots.MaxAnnotatedClasses + 1).Select(i => $"c{i}").ToArray();
        var counts = labels.Select((_, i) => labels.Select((_, j) => i == j ? 987654L : 0L).ToArray()).ToArray();

        var svg = Plots.ConfusionMatrix(labels, counts, "t");

        Assert.DoesNotContain("987,654", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void RocCurves_Area_InLegendWithChanceLine()
    {
        var svg = Plots.RocCurves([new Curve("Gentoo", [0, 0.1, 1], [0, 0.9, 1], 0.95)]);

        Assert.Contains(">Gentoo (AUC = 0.9500)</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">chance</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">False positive rate</text>", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void PrecisionRecallCurves_Area_InLegend() =>
        Assert.Contains(">Gentoo (AP = 0.8123)</text>", Plots.PrecisionRecallCurves([new Curve("Gentoo", [0, 1], [1, 0.5], 0.8123)]), StringComparison.Ordinal);

    [Fact]
    public void TrainingCurve_BestStep_DashedMarkerLabelledEarlyStopping()
    {
        var svg = Plots.TrainingCurve(
            [new MetricSeries("train_loss", [1, 2, 3, 4], [0.9, 0.5, 0.3, 0.2]), new MetricSeries("validation_loss", [1, 2, 3, 4], [1.0, 0.7, 0.8, 0.9])], 2, "Training curve: loss", "loss");

        Assert.Contains(">early stopping (step 2)</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">train_loss</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">validation_loss</text>", svg, StringComparison.Ordinal);
        // The marker is drawn in the reference grey (#7D848C), which no other part of the chart uses.
        Assert.Contains("#7D848C", svg, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TrainingCurve_NoBestStep_NoMarker()
    {
        var svg = Plots.TrainingCurve([new MetricSeries("train_loss", [1, 2, 3], [0.9, 0.5, 0.3])], null, "Training curve: loss", "loss");

        Assert.DoesNotContain("early stopping", svg, StringComparison.Ordinal);
        // One line, no marker: no legend either; the y axis names the metric.
        Assert.DoesNotContain(">train_loss</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">loss</text>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("#7D848C", svg, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void MetricSeries_ManyPoints_ThinnedKeepingEndsAndMissingDropped()
    {
        var steps = Enumerable.Range(1, 5000).Select(step => (long)step).ToArray();
        var values = steps.Select(step => step == 7 ? double.NaN : 1.0 / step).ToArray();

        var series = new MetricSeries("train_loss", steps, values);

        Assert.Equal(4999, series.PointCount);
        Assert.Equal(Plots.MaxCurvePoints, series.Steps.Length);
        Assert.Equal((1L, 5000L), (series.Steps[0], series.Steps[^1]));
        Assert.DoesNotContain(7L, series.Steps);
        Assert.Equal(series.Steps.Select(step => 1.0 / step), series.Values);
    }

    [Fact]
    public void MetricSeries_StepsAndValuesMismatch_Throws() =>
        Assert.Throws<ArgumentException>(() => new MetricSeries("train_loss", [1, 2], [0.5]));

    [Fact]
    public void ScoreComparison_BaselineAndSelected_AreLabelled()
    {
        var svg = Plots.ScoreComparison(
            [new ScoreEntry("dummy", 0.44, 0.01, IsBaseline: true), new ScoreEntry("tree", 0.95, 0.02, IsSelected: true), new ScoreEntry("ridge", 0.9, 0.03)],
            "accuracy");

        Assert.Contains(">dummy (baseline)</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">tree (selected)</text>", svg, StringComparison.Ordinal);
        Assert.True(TextPosition(svg, "dummy (baseline)").Y < TextPosition(svg, "ridge").Y, "Candidates read top to bottom in the order given.");
    }

    [Fact]
    public void FeatureImportance_ManyFeatures_TopOnesLargestFirst()
    {
        var names = Enumerable.Range(0, 30).Select(i => $"feature_{i:00}").ToArray();
        var importances = Enumerable.Range(0, 30).Select(i => (double)((i * 7) % 30)).ToArray();

        var svg = Plots.FeatureImportance(names, importances, maxFeatures: 5);

        Assert.Contains(">Feature importance (top 5 of 30)</text>", svg, StringComparison.Ordinal);
        // feature_17 has 29, the largest (17 · 7 = 119 = 3 · 30 + 29); feature_13 has 1 and is not drawn.
        Assert.True(TextPosition(svg, "feature_17").Y < TextPosition(svg, "feature_04").Y);
        Assert.DoesNotContain(">feature_13<", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Scatter_ManyRows_DrawsAtMostTheCap()
    {
        var random = new KilnRandom(1);
        var actual = Enumerable.Range(0, 100_000).Select(_ => random.NextGaussian()).ToArray();
        var predicted = actual.Select(value => value + (0.3 * random.NextGaussian())).ToArray();

        var residuals = Plots.ResidualsVsPredicted(actual, predicted);
        var scatter = Plots.PredictedVsActual(actual, predicted);

        Assert.InRange(Regex.Count(residuals, "<circle|<ellipse"), Plots.MaxScatterPoints - 10, Plots.MaxScatterPoints);
        Assert.InRange(Regex.Count(scatter, "<circle|<ellipse"), Plots.MaxScatterPoints - 10, Plots.MaxScatterPoints);
        Assert.Contains("(2,000 of 100,000 rows)", residuals, StringComparison.Ordinal);
        Assert.True(residuals.Length < 120_000, $"The residual plot of 100,000 rows is {residuals.Length:N0} characters.");
        Assert.Equal(residuals, Plots.ResidualsVsPredicted(actual, predicted));
    }

    [Fact]
    public void Curve_ManyPoints_ThinnedKeepingEnds()
    {
        var x = Enumerable.Range(0, 10_001).Select(i => i / 10_000.0).ToArray();

        var curve = new Curve("c", x, x, 0.5);

        Assert.Equal(Plots.MaxCurvePoints, curve.X.Length);
        Assert.Equal(0.0, curve.X[0]);
        Assert.Equal(1.0, curve.X[^1]);
        Assert.Equal(10_001, curve.PointCount);
    }

    [Fact]
    public void PredictionSample_MissingRows_Dropped()
    {
        var sample = new PredictionSample([1, double.NaN, 3, 4], [1, 2, double.PositiveInfinity, 4]);

        Assert.Equal([1.0, 4.0], sample.Actual);
        Assert.Equal(2, sample.TotalCount);
        Assert.False(sample.IsSampled);
    }

    [Fact]
    public void Bars_HostileLabel_IsEscaped()
    {
        var svg = Plots.Bars(["<script>alert(1)</script>", "a\u0001b"], [1, 2], "<b>title</b>");

        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", svg, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", svg, StringComparison.Ordinal);
        XElement.Parse(svg);
    }

    [Fact]
    public void Plot_SameInput_SameText() =>
        Assert.Equal(Plots.Bars(Classes, [152, 68, 124], "t"), Plots.Bars(Classes, [152, 68, 124], "t"));

    [Fact]
    public void Plots_Different_ShareNoIds()
    {
        var first = Ids(Plots.Bars(Classes, [152, 68, 124], "t"));
        var second = Ids(Plots.Bars(Classes, [152, 68, 125], "t"));

        Assert.NotEmpty(first);
        Assert.Empty(first.Intersect(second));
    }

    private static string[] Ids(string svg) => Regex.Matches(svg, "id=\"([^\"]+)\"").Select(match => match.Groups[1].Value).ToArray();

    private static (double X, double Y) TextPosition(string svg, string text) => Assert.Single(TextPositions(svg, text));

    // The translate() of each <text> element whose content is exactly the text.
    private static (double X, double Y)[] TextPositions(string svg, string text) =>
        XElement.Parse(svg).Descendants().Where(element => element.Name.LocalName == "text" && element.Value == text)
            .Select(element =>
            {
                var match = Regex.Match((string?)element.Attribute("transform") ?? string.Empty, @"translate\(([-0-9.]+) ([-0-9.]+)\)");
                return (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
            })
            .ToArray();
}
