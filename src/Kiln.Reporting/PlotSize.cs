namespace Kiln.Reporting;

/// <summary>The size of a plot in CSS pixels; the SVG scales down with the page, keeping its proportions.</summary>
/// <param name="Width">Width in pixels, from 100 to 4000.</param>
/// <param name="Height">Height in pixels, from 60 to 4000.</param>
public readonly record struct PlotSize(int Width, int Height)
{
    /// <summary>The size of most report plots: 560 × 360.</summary>
    public static PlotSize Standard { get; } = new(560, 360);

    /// <summary>The size of the small per-column plots in the column table: 260 × 120. Small sizes get small fonts and no axis titles.</summary>
    public static PlotSize Compact { get; } = new(260, 120);

    internal bool IsCompact => Height < 200;

    internal void Validate()
    {
        if (Width is < 100 or > 4000 || Height is < 60 or > 4000)
            throw new ArgumentOutOfRangeException(
                nameof(PlotSize), this, $"A plot must be 100 to 4000 pixels wide and 60 to 4000 high, but {Width} × {Height} was asked for.");
    }
}
