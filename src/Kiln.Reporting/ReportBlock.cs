using System.Text.Json.Serialization;

namespace Kiln.Reporting;

/// <summary>One piece of an added section: a <see cref="ParagraphBlock"/>, a <see cref="TableBlock"/> or a <see cref="FigureBlock"/>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ParagraphBlock), "paragraph")]
[JsonDerivedType(typeof(TableBlock), "table")]
[JsonDerivedType(typeof(FigureBlock), "figure")]
public abstract record ReportBlock;
