using System.Globalization;
using Kiln.Reporting.Rendering;
using ScottPlot;

namespace Kiln.Reporting;

/// <summary>
/// The report's plots, each returned as one SVG element: no XML declaration, a viewBox so it scales with the page, and ids
/// derived from the plot's content, so the same input gives the same text and two different plots inlined in one page
/// share no id. They share one style: white background, light grid, a sans font, titles at 15 px and axis labels at
/// 13 px at the standard size.
/// </summary>
/// <remarks>
/// Input is plain arrays. Nothing to draw (no values, or only missing ones) gives a plot that says so instead of an
/// exception; NaN and infinite values are skipped; constant data gets a sensible axis range. Large inputs are capped so a
/// report stays small: scatters at <see cref="MaxScatterPoints"/> rows (a fixed-seed uniform sample), curves at
/// <see cref="MaxCurvePoints"/> points (evenly spaced), bar charts at <see cref="MaxBars"/> bars (the first ones given).
/// Inconsistent input (two arrays of different lengths) is a programming error and throws <see cref="ArgumentException"/>.
/// Rendering is serialised inside the library, so the methods can be called from several threads.
/// </remarks>
// Dashed reference lines are always added last: ScottPlot leaves the dash effect on its shared paint, and markers drawn
// after it make Skia's SVG canvas print "Unsupported path effect" to stderr once per marker.
public static class Plots
{
    /// <summary>The most points a scatter plot draws: 2,000 (about 100 KB of SVG).</summary>
    public const int MaxScatterPoints = 2_000;

    /// <summary>The most points a curve draws: 1,000.</summary>
    public const int MaxCurvePoints = 1_000;

    /// <summary>The most bars a bar chart draws: 50.</summary>
    public const int MaxBars = 50;

    /// <summary>Above this many classes a confusion matrix is drawn as colours only, without the count in each cell: 25.</summary>
    public const int MaxAnnotatedClasses = 25;

    private const int MaxTickLabelLength = 28;

    // The average width of a character in a sans font, as a share of the font size: enough to decide on layout.
    private const double AverageCharacterWidth = 0.6;

    /// <summary>A histogram from bin edges and the count in each bin.</summary>
    /// <param name="binEdges">The bin edges in increasing order, one more than there are bins. A bin of zero width (constant data) is drawn one unit wide.</param>
    /// <param name="counts">The number of values in each bin.</param>
    /// <param name="title">The title; empty for none.</param>
    /// <param name="xLabel">The x axis title, e.g. the column name.</param>
    /// <param name="yLabel">The y axis title.</param>
    /// <param name="size">The size; <see cref="PlotSize.Standard"/> when null.</param>
    /// <exception cref="ArgumentException">There is not exactly one more edge than counts.</exception>
    public static string Histogram(
        IReadOnlyList<double> binEdges, IReadOnlyList<double> counts, string title, string xLabel, string yLabel = "rows", PlotSize? size = null)
    {
        using var gate = PlotTheme.EnterRenderGate();
        ArgumentNullException.ThrowIfNull(binEdges);
        ArgumentNullException.ThrowIfNull(counts);
        var plotSize = Resolve(size, PlotSize.Standard);
        if (!(counts.Count == 0 && binEdges.Count <= 1) && binEdges.Count != counts.Count + 1)
            throw new ArgumentException(
                $"A histogram needs one more bin edge than counts, but has {binEdges.Count} edges and {counts.Count} counts.", nameof(binEdges));
        var bars = new List<Bar>(counts.Count);
        for (var bin = 0; bin < counts.Count; bin++)
        {
            var (low, high, count) = (binEdges[bin], binEdges[bin + 1], counts[bin]);
            if (!double.IsFinite(low) || !double.IsFinite(high) || !double.IsFinite(count) || count < 0)
                continue;
            var width = high > low ? high - low : Math.Max(Math.Abs(low) * 0.1, 1.0);
            bars.Add(new Bar
            {
                Position = (low + high) / 2,
                Size = width,
                Value = count,
                FillColor = PlotTheme.Primary,
                LineColor = Colors.White,
                LineWidth = bars.Count < 60 ? 0.5f : 0f,
            });
        }
        if (bars.Count == 0 || bars.All(bar => bar.Value == 0))
            return PlotTheme.Empty(plotSize, title, "no values");
        using var plot = PlotTheme.Create(plotSize, title, xLabel, yLabel);
        plot.Add.Bars(bars);
        PlotTheme.UseCountTicks(plot.Axes.Left);
        plot.Axes.Margins(left: 0.02, right: 0.02, bottom: 0, top: 0.08);
        if (plotSize.IsCompact)
            plot.Grid.IsVisible = false;
        return PlotTheme.Render(plot, plotSize, Describe(title, "histogram"));
    }

    /// <summary>A bar chart of labelled values, such as the class balance or a column's most frequent categories.</summary>
    /// <remarks>
    /// Up to 8 short labels are drawn as vertical bars; more, or longer ones, as horizontal bars read top to bottom in the
    /// order given. Each bar is labelled with its value. Bars whose value is missing are left out; only the first
    /// <see cref="MaxBars"/> are drawn.
    /// </remarks>
    /// <param name="labels">One label per bar.</param>
    /// <param name="values">One value per bar.</param>
    /// <param name="title">The title; empty for none.</param>
    /// <param name="valueLabel">The title of the value axis.</param>
    /// <param name="size">The size; when null, the standard width and a height that fits the bars.</param>
    /// <exception cref="ArgumentException"><paramref name="labels"/> and <paramref name="values"/> differ in length.</exception>
    public static string Bars(IReadOnlyList<string> labels, IReadOnlyList<double> values, string title, string valueLabel = "rows", PlotSize? size = null)
    {
        using var gate = PlotTheme.EnterRenderGate();
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(values);
        if (labels.Count != values.Count)
            throw new ArgumentException($"A bar chart needs one value per label, but has {labels.Count} labels and {values.Count} values.", nameof(values));
        var shown = Enumerable.Range(0, labels.Count).Where(i => double.IsFinite(values[i])).Take(MaxBars).ToArray();
        var horizontal = shown.Length > 8 || shown.Any(i => (labels[i] ?? string.Empty).Length > 12);
        var defaultSize = horizontal ? new PlotSize(PlotSize.Standard.Width, Math.Clamp(90 + (26 * shown.Length), 220, 1400)) : PlotSize.Standard;
        var plotSize = Resolve(size, defaultSize);
        if (shown.Length == 0)
            return PlotTheme.Empty(plotSize, title, "no values");
        var compact = plotSize.IsCompact;
        using var plot = PlotTheme.Create(plotSize, title, horizontal ? valueLabel : string.Empty, horizontal ? string.Empty : valueLabel);
        var bars = new Bar[shown.Length];
        var positions = new double[shown.Length];
        var tickLabels = new string[shown.Length];
        for (var k = 0; k < shown.Length; k++)
        {
            var value = values[shown[k]];
            positions[k] = horizontal ? shown.Length - 1 - k : k;
            tickLabels[k] = PlotText.Clean(labels[shown[k]], compact ? 16 : MaxTickLabelLength);
            bars[k] = new Bar
            {
                Position = positions[k],
                Value = value,
                Size = 0.7,
                FillColor = PlotTheme.Primary,
                LineWidth = 0,
                Label = compact ? string.Empty : FormatValue(value),
            };
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = horizontal;
        barPlot.ValueLabelStyle.FontSize = 11;
        barPlot.ValueLabelStyle.ForeColor = PlotTheme.Ink;
        IAxis categoryAxis = horizontal ? plot.Axes.Left : plot.Axes.Bottom;
        IAxis valueAxis = horizontal ? plot.Axes.Bottom : plot.Axes.Left;
        categoryAxis.SetTicks(positions, tickLabels);
        categoryAxis.MajorTickStyle.Length = 0;
        if (values.Where(double.IsFinite).All(value => value == Math.Round(value)))
            PlotTheme.UseCountTicks(valueAxis);
        if (horizontal)
        {
            plot.Grid.YAxisStyle.IsVisible = false;
            plot.Axes.Margins(left: 0, right: 0.12, bottom: 0.02, top: 0.02);
        }
        else
        {
            plot.Grid.XAxisStyle.IsVisible = false;
            plot.Axes.Margins(left: 0.04, right: 0.04, bottom: 0, top: 0.12);
        }
        if (compact)
            plot.Grid.IsVisible = false;
        return PlotTheme.Render(plot, plotSize, Describe(title, "bar chart"));
    }

    /// <summary>A confusion matrix as a heat map: rows are true classes, columns predicted ones, each cell shows its count.</summary>
    /// <remarks>
    /// Colour is the cell's share of its row (the true class), so errors stay visible when classes are unbalanced. Above
    /// <see cref="MaxAnnotatedClasses"/> classes the counts are left out and only colours are drawn.
    /// </remarks>
    /// <param name="classLabels">The class labels, in the order of the matrix's rows and columns.</param>
    /// <param name="counts">counts[t][p]: the number of rows of true class t predicted as class p.</param>
    /// <param name="title">The title; empty for none.</param>
    /// <param name="size">The size; when null, a square that fits the classes.</param>
    /// <exception cref="ArgumentException">The matrix is not square with one row and column per label, or holds a negative count.</exception>
    public static string ConfusionMatrix(IReadOnlyList<string> classLabels, long[][] counts, string title = "Confusion matrix", PlotSize? size = null)
    {
        using var gate = PlotTheme.EnterRenderGate();
        ArgumentNullException.ThrowIfNull(classLabels);
        ArgumentNullException.ThrowIfNull(counts);
        var classCount = classLabels.Count;
        if (counts.Length != classCount || counts.Any(row => row is null || row.Length != classCount))
            throw new ArgumentException(
                $"A confusion matrix over {classCount} classes needs {classCount} rows of {classCount} counts, " +
                $"but has {counts.Length} rows of lengths [{string.Join(", ", counts.Select(row => row?.Length ?? 0))}].", nameof(counts));
        if (counts.Any(row => row.Any(count => count < 0)))
            throw new ArgumentException("A confusion matrix holds counts, but one is negative.", nameof(counts));
        var side = Math.Clamp(150 + (52 * classCount), 380, 860);
        var plotSize = Resolve(size, new PlotSize(side + 90, side));
        if (classCount == 0)
            return PlotTheme.Empty(plotSize, title, "no classes");
        using var plot = PlotTheme.Create(plotSize, title, "Predicted class", "True class");
        plot.HideGrid();
        var cellPixels = Math.Max(4.0, (plotSize.Height - 140.0) / classCount);
        var fontSize = (float)Math.Clamp(cellPixels * 0.26, 9, 16);
        for (var truth = 0; truth < classCount; truth++)
        {
            var rowTotal = counts[truth].Sum();
            var y = classCount - 1 - truth;
            for (var predicted = 0; predicted < classCount; predicted++)
            {
                var count = counts[truth][predicted];
                var share = rowTotal > 0 ? (double)count / rowTotal : 0.0;
                var cell = plot.Add.Rectangle(predicted - 0.5, predicted + 0.5, y - 0.5, y + 0.5);
                cell.FillColor = PlotTheme.HeatLow.InterpolateRgb(PlotTheme.HeatHigh, share);
                cell.LineColor = Colors.White;
                cell.LineWidth = classCount <= 40 ? 1 : 0;
                if (classCount > MaxAnnotatedClasses)
                    continue;
                var text = plot.Add.Text(count.ToString("N0", CultureInfo.InvariantCulture), predicted, y);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = fontSize;
                text.LabelFontColor = share > 0.5 ? Colors.White : PlotTheme.Ink;
            }
        }
        var positions = Enumerable.Range(0, classCount).Select(i => (double)i).ToArray();
        var bottomLabels = classLabels.Select(label => PlotText.Clean(label, 18)).ToArray();
        var leftLabels = Enumerable.Range(0, classCount).Select(i => PlotText.Clean(classLabels[classCount - 1 - i], 18)).ToArray();
        plot.Axes.Bottom.SetTicks(positions, bottomLabels);
        plot.Axes.Left.SetTicks(positions, leftLabels);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        // Labels wider than their column are turned 45° and the axis made tall enough to hold them.
        var longestLabelPixels = bottomLabels.Max(label => label.Length) * AverageCharacterWidth * 12;
        var columnPixels = (plotSize.Width - 160.0) / classCount;
        if (longestLabelPixels > columnPixels * 0.9)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            plot.Axes.Bottom.MinimumSize = (float)((longestLabelPixels * Math.Sqrt(0.5)) + 40);
            plot.Axes.Right.MinimumSize = (float)Math.Max(10, (longestLabelPixels * Math.Sqrt(0.5)) - (columnPixels / 2));
        }
        plot.Axes.SetLimits(-0.5, classCount - 0.5, -0.5, classCount - 0.5);
        return PlotTheme.Render(plot, plotSize, Describe(title, "confusion matrix"));
    }

    /// <summary>ROC curves (true positive rate against false positive rate) with the chance diagonal and the AUC in the legend.</summary>
    /// <remarks>One curve for a binary task; one per class (one-vs-rest) for a multiclass one. Curves without points are left out.</remarks>
    /// <param name="curves">The curves: x the false positive rate, y the true positive rate, area the AUC.</param>
    /// <param name="title">The title; empty for none.</param>
    /// <param name="size">The size; 480 × 420 when null.</param>
    public static string RocCurves(IReadOnlyList<Curve> curves, string title = "ROC curve", PlotSize? size = null)
    {
        using var gate = PlotTheme.EnterRenderGate();
        ArgumentNullException.ThrowIfNull(curves);
        var plotSize = Resolve(size, new PlotSize(480, 420));
        var drawn = curves.Where(curve => curve.X.Length > 0).ToArray();
        if (drawn.Length == 0)
            return PlotTheme.Empty(plotSize, title, "no curve");
        using var plot = PlotTheme.Create(plotSize, title, "False positive rate", "True positive rate");
        AddCurves(plot, drawn, "AUC");
        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.LineColor = PlotTheme.Reference;
        chance.LinePattern = LinePattern.Dashed;
        chance.LineWidth = 1;
        chance.LegendText = "chance";
        plot.Axes.SetLimits(-0.02, 1.02, -0.02, 1.02);
        PlotTheme.StyleLegend(plot, Alignment.LowerRight);
        return PlotTheme.Render(plot, plotSize, Describe(title, "ROC curve"));
    }

    /// <summary>Precision-recall curves (precision against recall) with the average precision in the legend.</summary>
    /// <param name="curves">The curves: x the recall, y the precision, area the average precision.</param>
    /// <param name="title">The title; empty for none.</param>
    /// <param name="size">The size; 480 × 420 when null.</param>
    public static string PrecisionRecallCurves(IReadOnlyList<Curve> curves, string title = "Precision-recall curve", PlotSize? size = null)
    {
        using var gate = PlotTheme.EnterRenderGate();
        ArgumentNullException.ThrowIfNull(curves);
        var plotSize = Resolve(size, new PlotSize(480, 420));
        var drawn = curves.Where(curve => curve.X.Length > 0).ToArray();
        if (drawn.Length == 0)
            return PlotTheme.Empty(plotSize, title, "no curve");
        using var plot = PlotTheme.Create(plotSize, title, "Recall", "Precision");
        AddCurves(plot, drawn, "AP");
        plot.Axes.SetLimits(-0.02, 1.02, -0.02, 1.05);
        PlotTheme.StyleLegend(plot, Alignment.LowerLeft);
        return PlotTheme.Render(plot, plotSize, Describe(title, "precision-recall curve"));
    }

    /// <summary>Residuals (actual − predicted) against predictions, with a dashed line at zero.</summary>
    /// <remarks>Rows with a missing value are skipped; above <see cref="MaxScatterPoints"/> rows a fixed-seed sample is drawn and the title says so.</remarks>
    /// <param name="actual">The true values.</param>
    /// <param name="predicted">The predictions, one per true value.</param>
    /// <param name="title">The title; empty for none.</param>
    /// <param name="size">The size; <see cref="PlotSize.Standard"/> when null.</param>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    public static string ResidualsVsPredicted(
        IReadOnlyList<double> actual, IReadOnlyList<double> predicted, string title = "Residuals vs predicted", PlotSize? size = null)
    {
        using var gate = PlotTheme.EnterRenderGate();
        var sample = new PredictionSample(actual, predicted);
        var plotSize = Resolve(size, PlotSize.Standard);
        var shownTitle = SampledTitle(title, sample);
        if (sample.Actual.Length == 0)
            return PlotTheme.Empty(plotSize, title, "no rows");
        using var plot = PlotTheme.Create(plotSize, shownTitle, "Predicted", "Residual (actual \u2212 predicted)");
        var residuals = sample.Actual.Zip(sample.Predicted, (truth, prediction) => truth - prediction).ToArray();
        AddPoints(plot, sample.Predicted, residuals, sample.Actual.Length);
        var zero = plot.Add.HorizontalLine(0, 1.5f, PlotTheme.Reference, LinePattern.Dashed);
        zero.ExcludeFromLegend = true;
        PadConstantRange(plot, sample.Predicted, residuals);
        return PlotTheme.Render(plot, plotSize, Describe(title, "scatter plot"));
    }

    /// <summary>Predictions against true values, with the dashed line y = x where a perfect model's points would lie.</summary>
    /// <remarks>Both axes share one range, so distance from the line reads the same in either direction.</remarks>
    /// <param name="actual">The true values.</param>
    /// <param name="predicted">The predictions, one per true value.</param>
    /// <param name="title">The title; empty for none.</param>
    /// <param name="size">The size; 480 × 440 when null.</param>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    public static string PredictedVsActual(
        IReadOnlyList<double> actual, IReadOnlyList<double> predicted, string title = "Predicted vs actual", PlotSize? size = null)
    {
        using var gate = PlotTheme.EnterRenderGate();
        var sample = new PredictionSample(actual, predicted);
        var plotSize = Resolve(size, new PlotSize(480, 440));
        if (sample.Actual.Length == 0)
            return PlotTheme.Empty(plotSize, title, "no rows");
        using var plot = PlotTheme.Create(plotSize, SampledTitle(title, sample), "Actual", "Predicted");
        var low = Math.Min(sample.Actual.Min(), sample.Predicted.Min());
        var high = Math.Max(sample.Actual.Max(), sample.Predicted.Max());
        var pad = high > low ? (high - low) * 0.05 : Math.Max(Math.Abs(low) * 0.1, 1.0);
        AddPoints(plot, sample.Actual, sample.Predicted, sample.Actual.Length);
        var identity = plot.Add.Line(low - pad, low - pad, high + pad, high + pad);
        identity.LineColor = PlotTheme.Reference;
        identity.LinePattern = LinePattern.Dashed;
        identity.LineWidth = 1.5f;
        plot.Axes.SetLimits(low - pad, high + pad, low - pad, high + pad);
        return PlotTheme.Render(plot, plotSize, Describe(title, "scatter plot"));
    }

    /// <summary>Named lines over shared x steps, such as learning curves (score by training size) or validation curves (score by a hyperparameter).</summary>
    /// <param name="steps">The x value of each step.</param>
    /// <param name="series">The lines; each has one value per step, NaN where it has none.</param>
    /// <param name="title">The title; empty for none.</param>
    /// <param name="xLabel">The x axis title.</param>
    /// <param name="yLabel">The y axis title.</param>
    /// <param name="size">The size; <see cref="PlotSize.Standard"/> when null.</param>
    /// <exception cref="ArgumentException">A series has a different number of values than there are steps.</exception>
    public static string Lines(
        IReadOnlyList<double> steps, IReadOnlyList<LineSeries> series, string title, string xLabel, string yLabel, PlotSize? size = null)
    {
        using var gate = PlotTheme.EnterRenderGate();
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(series);
        foreach (var line in series)
        {
            if (line.Values.Count != steps.Count)
                throw new ArgumentException(
                    $"Series '{line.Name}' has {line.Values.Count} values but there are {steps.Count} steps; give one value per step (NaN for none).", nameof(series));
        }
        var plotSize = Resolve(size, PlotSize.Standard);
        var points = series
            .Select(line => (line.Name, Rows: Enumerable.Range(0, steps.Count).Where(i => double.IsFinite(steps[i]) && double.IsFinite(line.Values[i])).ToArray()))
            .Where(line => line.Rows.Length > 0)
            .ToArray();
        if (points.Length == 0)
            return PlotTheme.Empty(plotSize, title, "no values");
        using var plot = PlotTheme.Create(plotSize, title, xLabel, yLabel);
        for (var k = 0; k < points.Length; k++)
        {
            var values = series.First(line => line.Name == points[k].Name).Values;
            var xs = points[k].Rows.Select(i => steps[i]).ToArray();
            var ys = points[k].Rows.Select(i => values[i]).ToArray();
            var scatter = plot.Add.ScatterLine(xs, ys, PlotTheme.Series[k % PlotTheme.Series.Length]);
            scatter.LineWidth = 2;
            scatter.MarkerSize = 6;
            scatter.MarkerShape = MarkerShape.FilledCircle;
            scatter.LegendText = PlotText.Clean(points[k].Name, 40);
        }
        if (steps.Where(double.IsFinite).All(step => step == Math.Round(step)))
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true, LabelFormatter = Formats.Tick };
        PadConstantRange(plot, points.SelectMany(line => line.Rows.Select(i => steps[i])).ToArray(),
            points.SelectMany(line => series.First(s => s.Name == line.Name).Values.Where(double.IsFinite)).ToArray());
        if (points.Length > 1)
        {
            // Outside the data area: learning curves fill any corner a legend could take.
            PlotTheme.StyleLegend(plot, Alignment.UpperLeft);
            plot.ShowLegend(Edge.Bottom);
        }
        return PlotTheme.Render(plot, plotSize, Describe(title, "line chart"));
    }

    /// <summary>
    /// A training curve: metrics by step (boosting round, epoch, number of trees), such as the train and validation loss
    /// of one fit, with a dashed vertical line at the step whose model the learner kept, labelled "early stopping".
    /// </summary>
    /// <remarks>Each series keeps its own steps (a validation series may start later or stop earlier). Series without values are left out.</remarks>
    /// <param name="series">The lines; the legend shows their names.</param>
    /// <param name="bestStep">The step to mark as the early-stopping point, or null for no marker.</param>
    /// <param name="title">The title; empty for none.</param>
    /// <param name="yLabel">The y axis title, e.g. the metric.</param>
    /// <param name="xLabel">The x axis title.</param>
    /// <param name="size">The size; <see cref="PlotSize.Standard"/> when null.</param>
    public static string TrainingCurve(
        IReadOnlyList<MetricSeries> series, long? bestStep, string title = "Training curve", string yLabel = "value", string xLabel = "step", PlotSize? size = null)
    {
        using var gate = PlotTheme.EnterRenderGate();
        ArgumentNullException.ThrowIfNull(series);
        var plotSize = Resolve(size, PlotSize.Standard);
        var drawn = series.Where(line => line.Values.Length > 0).ToArray();
        if (drawn.Length == 0)
            return PlotTheme.Empty(plotSize, title, "no values");
        using var plot = PlotTheme.Create(plotSize, title, xLabel, yLabel);
        for (var k = 0; k < drawn.Length; k++)
        {
            var xs = drawn[k].Steps.Select(step => (double)step).ToArray();
            var line = plot.Add.ScatterLine(xs, drawn[k].Values, PlotTheme.Series[k % PlotTheme.Series.Length]);
            line.LineWidth = 2;
            // Markers show where the values are when there are few; on long curves they would only blur the line.
            line.MarkerSize = xs.Length <= 30 ? 5 : 0;
            line.MarkerShape = MarkerShape.FilledCircle;
            line.LegendText = PlotText.Clean(drawn[k].Name, 40);
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true, LabelFormatter = Formats.Tick };
        var allSteps = drawn.SelectMany(line => line.Steps.Select(step => (double)step)).ToArray();
        PadConstantRange(plot, allSteps, drawn.SelectMany(line => line.Values).ToArray());
        if (bestStep is { } best)
        {
            var limits = plot.Axes.GetLimits();
            if (best < limits.Left || best > limits.Right)
                plot.Axes.SetLimitsX(Math.Min(limits.Left, best - 0.5), Math.Max(limits.Right, best + 0.5));
            var marker = plot.Add.VerticalLine(best, 1.5f, PlotTheme.Reference, LinePattern.Dashed);
            marker.LegendText = string.Create(CultureInfo.InvariantCulture, $"early stopping (step {best:N0})");
        }
        if (drawn.Length > 1 || bestStep is not null)
        {
            PlotTheme.StyleLegend(plot, Alignment.UpperLeft);
            plot.ShowLegend(Edge.Bottom);
        }
        else
        {
            // One line needs no legend: the y axis names its metric.
            plot.Legend.IsVisible = false;
        }
        return PlotTheme.Render(plot, plotSize, Describe(title, "training curve"));
    }

    /// <summary>
    /// Cross-validated scores of the candidates side by side: a dot at each mean with a bar of ± one standard deviation,
    /// read top to bottom in the order given. The baseline is grey with a dashed reference line at its mean; the selected
    /// candidate is drawn in the accent colour.
    /// </summary>
    /// <param name="entries">One entry per candidate; entries with a missing mean are left out.</param>
    /// <param name="metric">The metric's name, shown on the x axis.</param>
    /// <param name="title">The title; empty for none.</param>
    /// <param name="size">The size; when null, the standard width and a height that fits the candidates.</param>
    public static string ScoreComparison(IReadOnlyList<ScoreEntry> entries, string metric, string title = "Cross-validation scores", PlotSize? size = null)
    {
        using var gate = PlotTheme.EnterRenderGate();
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(metric);
        var shown = entries.Where(entry => double.IsFinite(entry.Mean)).Take(MaxBars).ToArray();
        var plotSize = Resolve(size, new PlotSize(PlotSize.Standard.Width, Math.Clamp(110 + (36 * shown.Length), 220, 1400)));
        if (shown.Length == 0)
            return PlotTheme.Empty(plotSize, title, "no scores");
        using var plot = PlotTheme.Create(plotSize, title, $"{PlotText.Clean(metric, 40)} (mean \u00B1 std over folds)", string.Empty);
        var positions = new double[shown.Length];
        var labels = new string[shown.Length];
        for (var k = 0; k < shown.Length; k++)
        {
            var entry = shown[k];
            var y = shown.Length - 1 - k;
            positions[k] = y;
            var suffix = entry.IsSelected ? " (selected)" : entry.IsBaseline ? " (baseline)" : string.Empty;
            labels[k] = PlotText.Clean(entry.Name, MaxTickLabelLength) + suffix;
            var color = entry.IsSelected ? PlotTheme.Accent : entry.IsBaseline ? PlotTheme.Muted : PlotTheme.Primary;
            var deviation = double.IsFinite(entry.StandardDeviation) ? Math.Abs(entry.StandardDeviation) : 0.0;
            if (deviation > 0)
                AddErrorBar(plot, entry.Mean, y, deviation, color, 2f);
            var marker = plot.Add.Marker(entry.Mean, y, entry.IsBaseline ? MarkerShape.FilledSquare : MarkerShape.FilledCircle,
                entry.IsSelected ? 12 : 9, color);
            marker.LegendText = string.Empty;
        }
        var baseline = shown.FirstOrDefault(entry => entry.IsBaseline);
        if (baseline is not null)
        {
            var line = plot.Add.VerticalLine(baseline.Mean, 1.5f, PlotTheme.Muted, LinePattern.Dashed);
            line.ExcludeFromLegend = true;
        }
        plot.Axes.Left.SetTicks(positions, labels);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Grid.YAxisStyle.IsVisible = false;
        var lows = shown.Select(entry => entry.Mean - (double.IsFinite(entry.StandardDeviation) ? Math.Abs(entry.StandardDeviation) : 0)).ToArray();
        var highs = shown.Select(entry => entry.Mean + (double.IsFinite(entry.StandardDeviation) ? Math.Abs(entry.StandardDeviation) : 0)).ToArray();
        var (low, high) = (lows.Min(), highs.Max());
        var pad = high > low ? (high - low) * 0.08 : Math.Max(Math.Abs(low) * 0.05, 0.05);
        plot.Axes.SetLimits(low - pad, high + pad, -0.6, shown.Length - 0.4);
        return PlotTheme.Render(plot, plotSize, Describe(title, "score comparison"));
    }

    /// <summary>Feature importances as horizontal bars, largest at the top, with optional ± error bars.</summary>
    /// <param name="features">The feature names.</param>
    /// <param name="importances">One importance per feature; missing ones are left out.</param>
    /// <param name="errors">One standard deviation per feature (e.g. over permutation repeats), or null.</param>
    /// <param name="title">The title; empty for none.</param>
    /// <param name="maxFeatures">The most features to draw; the title says how many there were when some are left out.</param>
    /// <param name="size">The size; when null, the standard width and a height that fits the bars.</param>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxFeatures"/> is not positive.</exception>
    public static string FeatureImportance(
        IReadOnlyList<string> features, IReadOnlyList<double> importances, IReadOnlyList<double>? errors = null,
        string title = "Feature importance", int maxFeatures = 20, PlotSize? size = null)
    {
        using var gate = PlotTheme.EnterRenderGate();
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(importances);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFeatures);
        if (features.Count != importances.Count || (errors is not null && errors.Count != features.Count))
            throw new ArgumentException(
                $"Feature importance needs one importance (and error) per feature, but has {features.Count} features, " +
                $"{importances.Count} importances and {errors?.Count.ToString(CultureInfo.InvariantCulture) ?? "no"} errors.", nameof(importances));
        var finite = Enumerable.Range(0, features.Count).Where(i => double.IsFinite(importances[i])).ToArray();
        var shown = finite.OrderByDescending(i => importances[i]).ThenBy(i => i).Take(Math.Min(maxFeatures, MaxBars)).ToArray();
        var plotSize = Resolve(size, new PlotSize(PlotSize.Standard.Width, Math.Clamp(90 + (26 * shown.Length), 220, 1400)));
        if (shown.Length == 0)
            return PlotTheme.Empty(plotSize, title, "no importances");
        var shownTitle = shown.Length < finite.Length && !string.IsNullOrWhiteSpace(title)
            ? $"{title} (top {shown.Length} of {finite.Length})"
            : title;
        using var plot = PlotTheme.Create(plotSize, shownTitle, "importance", string.Empty);
        var bars = new Bar[shown.Length];
        var positions = new double[shown.Length];
        var labels = new string[shown.Length];
        for (var k = 0; k < shown.Length; k++)
        {
            var feature = shown[k];
            positions[k] = shown.Length - 1 - k;
            labels[k] = PlotText.Clean(features[feature], MaxTickLabelLength);
            var error = errors is not null && double.IsFinite(errors[feature]) ? Math.Abs(errors[feature]) : 0;
            bars[k] = new Bar
            {
                Position = positions[k],
                Value = importances[feature],
                Size = 0.7,
                FillColor = PlotTheme.Primary,
                LineWidth = 0,
            };
            if (error > 0)
                AddErrorBar(plot, importances[feature], positions[k], error, PlotTheme.Ink, 1.5f);
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        plot.Axes.Left.SetTicks(positions, labels);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Grid.YAxisStyle.IsVisible = false;
        plot.Axes.Margins(left: 0, right: 0.06, bottom: 0.02, top: 0.02);
        return PlotTheme.Render(plot, plotSize, Describe(title, "feature importance"));
    }

    private static PlotSize Resolve(PlotSize? size, PlotSize fallback)
    {
        var resolved = size ?? fallback;
        resolved.Validate();
        return resolved;
    }

    private static void AddCurves(Plot plot, Curve[] curves, string areaName)
    {
        for (var k = 0; k < curves.Length; k++)
        {
            var curve = curves[k];
            var line = plot.Add.ScatterLine(curve.X, curve.Y, PlotTheme.Series[k % PlotTheme.Series.Length]);
            line.LineWidth = 2;
            line.MarkerSize = curve.X.Length == 1 ? 6 : 0;
            var name = PlotText.Clean(curve.Name, 28);
            line.LegendText = curve.Area is { } area ? $"{name} ({areaName} = {Formats.Number(area)})" : name;
        }
    }

    // A horizontal ± bar with end caps at height y.
    private static void AddErrorBar(Plot plot, double center, double y, double deviation, Color color, float width)
    {
        var bar = plot.Add.Line(center - deviation, y, center + deviation, y);
        bar.LineColor = color;
        bar.LineWidth = width;
        bar.MarkerSize = 0;
        foreach (var end in new[] { center - deviation, center + deviation })
        {
            var cap = plot.Add.Line(end, y - 0.15, end, y + 0.15);
            cap.LineColor = color;
            cap.LineWidth = width;
            cap.MarkerSize = 0;
        }
    }

    private static void AddPoints(Plot plot, double[] xs, double[] ys, int count)
    {
        var points = plot.Add.ScatterPoints(xs, ys, PlotTheme.Primary.WithAlpha(count > 500 ? 0.35 : 0.6));
        points.MarkerSize = count > 500 ? 4 : 6;
        points.MarkerShape = MarkerShape.FilledCircle;
    }

    // ScottPlot zooms far in on a constant series; give it a visible range around the value instead.
    private static void PadConstantRange(Plot plot, double[] xs, double[] ys)
    {
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        var (left, right, bottom, top) = (limits.Left, limits.Right, limits.Bottom, limits.Top);
        if (xs.Length > 0 && xs.Max() == xs.Min())
            (left, right) = (xs[0] - Spread(xs[0]), xs[0] + Spread(xs[0]));
        if (ys.Length > 0 && ys.Max() == ys.Min())
            (bottom, top) = (ys[0] - Spread(ys[0]), ys[0] + Spread(ys[0]));
        plot.Axes.SetLimits(left, right, bottom, top);
    }

    private static double Spread(double value) => Math.Max(Math.Abs(value) * 0.1, 1.0);

    private static string SampledTitle(string title, PredictionSample sample) =>
        sample.IsSampled && !string.IsNullOrWhiteSpace(title)
            ? $"{title} ({sample.Actual.Length:N0} of {sample.TotalCount:N0} rows)"
            : title;

    private static string FormatValue(double value) =>
        value == Math.Round(value) && Math.Abs(value) < 1e15
            ? value.ToString("N0", CultureInfo.InvariantCulture)
            : Formats.Number(value);

    private static string Describe(string title, string kind) => string.IsNullOrWhiteSpace(title) ? kind : title;
}
