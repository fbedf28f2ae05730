using System.Text.Json.Serialization;

namespace Kiln.Reporting;

/// <summary>A plot made with <see cref="Plots"/>, with a caption.</summary>
/// <remarks>
/// The writer refuses SVG that is not one &lt;svg&gt; element or that holds scripts, event handlers or foreign objects.
/// report.json keeps the caption only: put the plotted numbers in a <see cref="TableBlock"/> next to the figure.
/// </remarks>
/// <param name="Svg">The SVG text, as a <see cref="Plots"/> method returns it.</param>
/// <param name="Caption">A line under the plot; null for none.</param>
public sealed record FigureBlock([property: JsonIgnore] string Svg, string? Caption = null) : ReportBlock;
