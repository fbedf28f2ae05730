namespace Kiln.Reporting;

/// <summary>A paragraph of plain text (escaped, never read as markup).</summary>
/// <param name="Text">The text.</param>
public sealed record ParagraphBlock(string Text) : ReportBlock;
