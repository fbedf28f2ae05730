namespace Kiln.Reporting;

/// <summary>A table of values, written with the report's number formats; report.json keeps the raw numbers.</summary>
/// <param name="Headers">The column headings.</param>
/// <param name="Rows">The rows, each with one value per heading.</param>
/// <param name="Caption">A line under the table; null for none.</param>
public sealed record TableBlock(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<ReportValue>> Rows, string? Caption = null) : ReportBlock;
