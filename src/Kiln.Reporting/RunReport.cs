namespace Kiln.Reporting;

/// <summary>
/// Everything a run's report shows, as plain data: <see cref="ReportWriter"/> turns it into report.html (one
/// self-contained page) and report.json (the same numbers). Parts that are null or empty are left out of the page.
/// </summary>
public sealed record RunReport
{
    /// <summary>The page title; when null, one is made from the model and job names.</summary>
    public string? Title { get; init; }

    /// <summary>Who ran what, when, on which data.</summary>
    public required RunFacts Run { get; init; }

    /// <summary>The data set as a whole: target, features, missing values, rows left out, split sizes.</summary>
    public DataSummary? Data { get; init; }

    /// <summary>Statistics for each column of the data set, in the file's order.</summary>
    public IReadOnlyList<ColumnSummary> Columns { get; init; } = [];

    /// <summary>The number of rows of each target class (classification); empty for regression.</summary>
    public IReadOnlyList<CategoryCount> ClassBalance { get; init; } = [];

    /// <summary>Findings a reader should see first, such as a feature that leaks the target.</summary>
    public IReadOnlyList<ReportWarning> Warnings { get; init; } = [];

    /// <summary>The cross-validated scores of the baseline and every candidate, and which one was selected.</summary>
    public ModelSelectionSummary? Selection { get; init; }

    /// <summary>The selected model as refitted on the training and validation rows.</summary>
    public ChosenModel? Model { get; init; }

    /// <summary>The one evaluation on the sealed test rows, with the task's plots.</summary>
    public TestEvaluation? Test { get; init; }

    /// <summary>Further sections (tuning history, drift, …) shown after the built-in ones, in this order.</summary>
    public IReadOnlyList<ReportSection> Sections { get; init; } = [];
}
