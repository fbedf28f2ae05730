using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.Workflow.Configuration;

/// <summary>The spellings kiln.yaml uses for tasks, validation methods, formats and column kinds, both ways.</summary>
internal static class ConfigNames
{
    public static readonly IReadOnlyList<(string Name, LearnerTask Value)> Tasks =
        [("classification", LearnerTask.Classification), ("regression", LearnerTask.Regression)];

    public static readonly IReadOnlyList<(string Name, ValidationMethod Value)> Methods =
        [("kfold", ValidationMethod.KFold), ("stratified_kfold", ValidationMethod.StratifiedKFold), ("holdout", ValidationMethod.Holdout)];

    public static readonly IReadOnlyList<(string Name, DataFormat Value)> Formats =
        [("csv", DataFormat.Csv), ("parquet", DataFormat.Parquet)];

    public static readonly IReadOnlyList<(string Name, ColumnKind Value)> Kinds =
        [("numeric", ColumnKind.Numeric), ("categorical", ColumnKind.Categorical), ("boolean", ColumnKind.Boolean), ("datetime", ColumnKind.DateTime), ("text", ColumnKind.Text)];

    public static string Of(LearnerTask task) => Tasks.First(pair => pair.Value == task).Name;

    public static string Of(ValidationMethod method) => Methods.First(pair => pair.Value == method).Name;

    public static string Of(DataFormat format) => Formats.First(pair => pair.Value == format).Name;

    public static string Of(ColumnKind kind) => Kinds.First(pair => pair.Value == kind).Name;

    /// <summary>The format a file's extension implies, or <see langword="null"/> when it implies none.</summary>
    public static DataFormat? FormatFromExtension(string path)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        if (name.EndsWith(".parquet", StringComparison.Ordinal) || name.EndsWith(".pq", StringComparison.Ordinal))
            return DataFormat.Parquet;
        string[] delimited = [".csv", ".tsv", ".txt", ".csv.gz", ".tsv.gz", ".txt.gz"];
        return delimited.Any(extension => name.EndsWith(extension, StringComparison.Ordinal)) ? DataFormat.Csv : null;
    }
}
