using System.Globalization;
using ScottPlot;

namespace Kiln.Reporting.Rendering;

// One look for every plot: white background, light grid, muted frame, a sans font that exists on the machine
// (Liberation Sans has Arial's metrics, so the text fits on machines that fall back to Arial or Helvetica),
// and a small palette that prints well and reads for the common colour-vision deficiencies.
internal static class PlotTheme
{
    public static readonly Color Primary = Color.FromHex("#3A6EA5");
    public static readonly Color Accent = Color.FromHex("#D9822B");
    public static readonly Color Muted = Color.FromHex("#8A9099");
    public static readonly Color Reference = Color.FromHex("#7D848C");
    public static readonly Color Ink = Color.FromHex("#1F2328");
    public static readonly Color GridLine = Color.FromHex("#E8EAED");
    public static readonly Color Frame = Color.FromHex("#B4BAC2");
    public static readonly Color HeatLow = Color.FromHex("#F3F6FA");
    public static readonly Color HeatHigh = Color.FromHex("#1F4E85");

    public static readonly Color[] Series =
    [
        Color.FromHex("#3A6EA5"), Color.FromHex("#D9822B"), Color.FromHex("#4C9A5B"), Color.FromHex("#C8453C"),
        Color.FromHex("#7E5BA6"), Color.FromHex("#8C6D4F"), Color.FromHex("#D36EB0"), Color.FromHex("#6B7078"),
        Color.FromHex("#A9A43A"), Color.FromHex("#2EA6B8"),
    ];

    // Skia's SVG canvas and ScottPlot's shared font cache and paint are not documented as thread-safe: build and render one
    // plot at a time. The lock is re-entrant, so helpers that take it inside a Plots method do not deadlock.
    private static readonly Lock RenderGate = new();

    private static readonly Lazy<string> FontName = new(ChooseFont);

    /// <summary>Holds the render lock until disposed; every Plots method holds it from start to end.</summary>
    public static Lock.Scope EnterRenderGate() => RenderGate.EnterScope();

    public static Plot Create(PlotSize size, string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontName.Value);
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = GridLine;
        plot.Axes.Color(Ink);
        plot.Axes.FrameColor(Frame);
        var compact = size.IsCompact;
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Formats.Tick };
            axis.TickLabelStyle.FontSize = compact ? 10 : 12;
            axis.TickLabelStyle.ForeColor = Ink;
            axis.MajorTickStyle.Color = Frame;
            axis.MinorTickStyle.Length = 0;
            axis.Label.Bold = false;
            if (axis is ScottPlot.AxisPanels.AxisBase panel)
                panel.PaddingBetweenTickAndAxisLabels = new PixelPadding(6);
        }
        if (!string.IsNullOrWhiteSpace(title))
        {
            plot.Title(PlotText.Clean(title, 90), compact ? 12 : 15);
            plot.Axes.Title.Label.Bold = true;
            plot.Axes.Title.Label.ForeColor = Ink;
        }
        if (!compact)
        {
            plot.XLabel(PlotText.Clean(xLabel, 80), 13);
            plot.YLabel(PlotText.Clean(yLabel, 60), 13);
        }
        return plot;
    }

    public static void StyleLegend(Plot plot, Alignment alignment)
    {
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = alignment;
        plot.Legend.FontSize = 11;
        plot.Legend.FontName = FontName.Value;
        plot.Legend.OutlineColor = Frame;
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.9);
    }

    /// <summary>A count axis: whole-number ticks with thousands separators.</summary>
    public static void UseCountTicks(IAxis axis)
    {
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            LabelFormatter = value => value.ToString("N0", CultureInfo.InvariantCulture),
        };
    }

    public static string Render(Plot plot, PlotSize size, string accessibleName)
    {
        string raw;
        lock (RenderGate)
        {
            // ScottPlot sizes the axis panels from the ticks of the previous render: a first pass in memory makes the
            // panels fit the final tick labels, so long labels do not run into the axis titles.
            plot.RenderInMemory(size.Width, size.Height);
            raw = plot.GetSvgXml(size.Width, size.Height);
        }
        return SvgMarkup.Finish(raw, accessibleName, plot.Axes.Title.Label.Text);
    }

    /// <summary>A plot with a title and a message in place of data, for input with nothing to draw.</summary>
    public static string Empty(PlotSize size, string title, string message)
    {
        using var plot = Create(size, title, string.Empty, string.Empty);
        plot.HideGrid();
        plot.Axes.Frame(false);
        plot.Axes.Bottom.IsVisible = false;
        plot.Axes.Left.IsVisible = false;
        var text = plot.Add.Text(message, 0, 0);
        text.LabelFontSize = size.IsCompact ? 11 : 14;
        text.LabelFontColor = Muted;
        text.LabelAlignment = Alignment.MiddleCenter;
        plot.Axes.SetLimits(-1, 1, -1, 1);
        return Render(plot, size, string.IsNullOrWhiteSpace(title) ? message : $"{title}: {message}");
    }

    private static string ChooseFont()
    {
        foreach (var candidate in new[] { "Liberation Sans", "Arial", "Helvetica", "DejaVu Sans" })
        {
            lock (RenderGate)
            {
                var typeface = Fonts.GetTypeface(candidate, bold: false, italic: false);
                if (typeface is not null && string.Equals(typeface.FamilyName, candidate, StringComparison.OrdinalIgnoreCase))
                    return candidate;
            }
        }
        return Fonts.Default;
    }
}
