using System.Globalization;
using System.Text;
using Kiln.Core.Data;
using Kiln.Core.Metrics;

namespace Kiln.Reporting.Rendering;

// Builds report.html: one page, inline CSS and SVG, no script, no external reference (a Content-Security-Policy says
// so to the browser too). Every string from the report goes through Html.Escape. The markup is also well-formed XML
// (void elements closed, only numeric or XML entities), which lets the tests parse it strictly.
internal sealed class HtmlReport
{
    private readonly RunReport _report;
    private readonly List<(string Id, string Title)> _contents = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly StringBuilder _sections = new(1 << 16);
    private int _figureCount;

    private HtmlReport(RunReport report) => _report = report;

    public static string Render(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(report.Run, nameof(report));
        return new HtmlReport(report).Build();
    }

    private RunFacts Run => _report.Run;

    private string Build()
    {
        AppendRun();
        AppendWarnings();
        AppendData();
        AppendColumns();
        AppendClassBalance();
        AppendSelection();
        AppendModel();
        AppendTraining();
        AppendTest();
        foreach (var section in _report.Sections)
            AppendExtra(section);

        var title = _report.Title ?? $"{Run.ModelName}: {Run.JobName}";
        var page = new StringBuilder(_sections.Length + 16_384);
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\" />\n")
            .Append("<meta name=\"generator\" content=\"Kiln ").Append(Html.Escape(Run.KilnVersion)).Append("\" />\n")
            .Append("<title>").Append(Html.Escape(title)).Append("</title>\n")
            .Append("<style>\n").Append(ReportStyles.Css).Append("</style>\n</head>\n<body>\n<div class=\"page\">\n");
        AppendHeader(page, title);
        AppendContents(page);
        page.Append(_sections);
        page.Append("<footer>Made by Kiln ").Append(Html.Escape(Run.KilnVersion)).Append(" for run <code>")
            .Append(Html.Escape(Run.RunId)).Append("</code>");
        if (Run.EndedAt is { } ended)
            page.Append(", ").Append(Html.Escape(Formats.Instant(ended)));
        page.Append(". This page is self-contained: no script, no network.</footer>\n</div>\n</body>\n</html>\n");
        return page.ToString();
    }

    private void AppendHeader(StringBuilder page, string title)
    {
        page.Append("<header>\n<h1>").Append(Html.Escape(title)).Append("</h1>\n<p class=\"subtitle\">")
            .Append(Html.Escape(TaskName(Run.Task))).Append(" of <code>").Append(Html.Escape(Run.Target)).Append("</code>")
            .Append(" · selection metric <strong>").Append(Html.Escape(Run.Metric)).Append("</strong>")
            .Append(" · job <code>").Append(Html.Escape(Run.JobName)).Append("</code>")
            .Append(" · namespace <code>").Append(Html.Escape(Run.Namespace)).Append("</code></p>\n");
        var tiles = new List<(string Label, string Value, string Note)>();
        var testScore = _report.Test?.Metrics.FirstOrDefault(metric => metric.Name == Run.Metric);
        if (testScore is not null)
            tiles.Add(($"Test {Run.Metric}", Formats.Number(testScore.Value), $"on {Formats.Count(_report.Test!.RowCount)} sealed test rows"));
        var selection = _report.Selection;
        var selected = selection?.Candidates.FirstOrDefault(candidate => candidate.IsSelected);
        var baseline = selection?.Candidates.FirstOrDefault(candidate => candidate.IsBaseline);
        if (selected is not null)
            tiles.Add(("Selected model", selected.Name, $"CV {selection!.SelectionMetric} {ScoreText(selected, selection.SelectionMetric)}"));
        else if (_report.Model is not null)
            tiles.Add(("Selected model", _report.Model.Name, string.Empty));
        if (baseline is not null && baseline.Scores.TryGetValue(selection!.SelectionMetric, out var baselineScore))
            tiles.Add(("Baseline (CV)", Formats.Number(baselineScore.Mean), BaselineNote(selection, baseline, selected)));
        var rowsNote = $"{Formats.Count(Run.Data.ColumnCount)} columns";
        if (_report.Data is { RowsWithMissingTarget: > 0 } data)
            rowsNote += $" · {Formats.Count(data.RowsWithMissingTarget)} without a target, left out";
        tiles.Add(("Rows", Formats.Count(Run.Data.RowCount), rowsNote));
        page.Append("<div class=\"tiles\">\n");
        foreach (var (label, value, note) in tiles)
        {
            page.Append("<div class=\"tile\"><div class=\"label\">").Append(Html.Escape(label)).Append("</div><div class=\"value\">")
                .Append(Html.Escape(value)).Append("</div>");
            if (note.Length > 0)
                page.Append("<div class=\"note\">").Append(Html.Escape(note)).Append("</div>");
            page.Append("</div>\n");
        }
        page.Append("</div>\n</header>\n");
    }

    private void AppendContents(StringBuilder page)
    {
        page.Append("<nav class=\"contents\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n");
        foreach (var (id, title) in _contents)
            page.Append("<li><a href=\"#").Append(id).Append("\">").Append(Html.Escape(title)).Append("</a></li>\n");
        page.Append("</ol>\n</nav>\n");
    }

    private void AppendRun()
    {
        var html = StartSection("run", "Run");
        var facts = new List<(string, string)>
        {
            ("Model name", Code(Run.ModelName)),
            ("Job name", Code(Run.JobName)),
            ("Run id", Code(Run.RunId)),
            ("Namespace", Code(Run.Namespace)),
            ("Task", Html.Escape(TaskName(Run.Task))),
            ("Target", Code(Run.Target)),
            ("Selection metric", Html.Escape(Run.Metric)),
            ("Seed", Html.Escape(Run.Seed.ToString(CultureInfo.InvariantCulture))),
            ("Data file", Code(Run.Data.Path)),
            ("Rows × columns", Html.Escape($"{Formats.Count(Run.Data.RowCount)} × {Formats.Count(Run.Data.ColumnCount)}")),
            ("Content hash", Code(Run.Data.ContentHash)),
        };
        if (Run.StartedAt is { } started)
            facts.Add(("Started", Html.Escape(Formats.Instant(started))));
        if (Run.EndedAt is { } ended)
            facts.Add(("Ended", Html.Escape(Formats.Instant(ended))));
        if (Run.StartedAt is { } from && Run.EndedAt is { } to)
            facts.Add(("Duration", Html.Escape(Formats.Duration(to - from))));
        facts.Add(("Kiln version", Html.Escape(Run.KilnVersion)));
        AppendFacts(html, facts);
        EndSection(html);
    }

    private void AppendWarnings()
    {
        if (_report.Warnings.Count == 0)
            return;
        var html = StartSection("warnings", $"Warnings ({_report.Warnings.Count})");
        foreach (var warning in _report.Warnings.OrderByDescending(warning => warning.Severity))
        {
            var severity = warning.Severity switch
            {
                WarningSeverity.Critical => "critical",
                WarningSeverity.Warning => "warning",
                _ => "info",
            };
            html.Append("<div class=\"warning severity-").Append(severity).Append("\"><span class=\"severity\">").Append(severity).Append("</span>");
            if (!string.IsNullOrEmpty(warning.Column))
                html.Append(Code(warning.Column)).Append(": ");
            html.Append(Html.Escape(warning.Message)).Append("</div>\n");
        }
        EndSection(html);
    }

    private void AppendData()
    {
        if (_report.Data is not { } data)
            return;
        var html = StartSection("data", "Data");
        var rows = Run.Data.RowCount;
        var cells = rows * Math.Max(1, Run.Data.ColumnCount);
        var facts = new List<(string, string)>
        {
            ("Rows read", Html.Escape(Formats.Count(rows))),
            ("Columns", Html.Escape(Formats.Count(Run.Data.ColumnCount))),
            ("Target", Code(Run.Target)),
            ("Features", Html.Escape(Formats.Count(data.FeatureCount))),
            ("Ignored columns", data.IgnoredColumns.Count == 0 ? "none" : string.Join(", ", data.IgnoredColumns.Select(Code))),
            ("Missing cells", Html.Escape(Formats.CountWithShare(data.MissingCellCount, cells))),
            ("Rows without a target (left out)", Html.Escape(Formats.CountWithShare(data.RowsWithMissingTarget, rows))),
        };
        if (data.DuplicateRowCount is { } duplicates)
            facts.Add(("Duplicate rows", Html.Escape(Formats.CountWithShare(duplicates, rows))));
        if (data.Split is { } split)
        {
            var total = split.Train + split.Validation + split.Test;
            facts.Add(("Training rows", Html.Escape(Formats.CountWithShare(split.Train, total))));
            facts.Add(("Validation rows", Html.Escape(Formats.CountWithShare(split.Validation, total))));
            facts.Add(("Test rows (sealed)", Html.Escape(Formats.CountWithShare(split.Test, total))));
        }
        AppendFacts(html, facts);
        EndSection(html);
    }

    private void AppendColumns()
    {
        if (_report.Columns.Count == 0)
            return;
        var html = StartSection("columns", "Columns");
        html.Append("<div class=\"table-scroll\">\n<table class=\"columns\">\n<thead><tr><th>Column</th><th class=\"num\">Missing</th>")
            .Append("<th class=\"num\">Distinct</th><th>Statistics</th><th>Distribution</th></tr></thead>\n<tbody>\n");
        foreach (var column in _report.Columns)
        {
            html.Append("<tr><td><div class=\"column-name\">").Append(Html.Escape(column.Name)).Append("</div><div class=\"muted\">")
                .Append(Html.Escape(KindName(column.Kind))).Append(" · ").Append(Html.Escape(column.Role)).Append("</div></td>")
                .Append("<td class=\"num\">").Append(Html.Escape(Formats.CountWithShare(column.MissingCount, Run.Data.RowCount))).Append("</td>")
                .Append("<td class=\"num\">").Append(column.DistinctCount is { } distinct ? Html.Escape(Formats.Count(distinct)) : Formats.Missing).Append("</td>")
                .Append("<td>");
            AppendColumnStatistics(html, column);
            html.Append("</td><td class=\"plot-cell\">");
            AppendColumnPlot(html, column);
            html.Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n</div>\n");
        EndSection(html);
    }

    private void AppendColumnStatistics(StringBuilder html, ColumnSummary column)
    {
        var lines = new List<string>();
        if (column.Mean is not null || column.StandardDeviation is not null)
            lines.Add($"mean {Formats.Number(column.Mean ?? double.NaN)} · std {Formats.Number(column.StandardDeviation ?? double.NaN)}");
        if (column.Min is not null || column.Max is not null)
            lines.Add($"min {Formats.Number(column.Min ?? double.NaN)} · max {Formats.Number(column.Max ?? double.NaN)}");
        if (column.Earliest is { } earliest)
            lines.Add($"from {Formats.Instant(earliest)}");
        if (column.Latest is { } latest)
            lines.Add($"to {Formats.Instant(latest)}");
        var nonMissing = Run.Data.RowCount - column.MissingCount;
        foreach (var category in column.TopCategories.Take(5))
            lines.Add($"{category.Value}: {Formats.CountWithShare(category.Count, nonMissing)}");
        if (column.TopCategories.Count > 5)
            lines.Add($"… {Formats.Count(column.TopCategories.Count - 5)} more listed in report.json");
        if (lines.Count == 0)
        {
            html.Append("<span class=\"muted\">\u2014</span>");
            return;
        }
        html.Append(string.Join("<br />", lines.Select(line => $"<span class=\"stat-line\">{Html.Escape(line)}</span>")));
    }

    private void AppendColumnPlot(StringBuilder html, ColumnSummary column)
    {
        string? svg = null;
        if (column.Histogram is { } histogram)
        {
            if (histogram.BinEdges.Length != histogram.Counts.Length + 1)
                throw new ArgumentException(
                    $"The histogram of column '{column.Name}' has {histogram.BinEdges.Length} bin edges and {histogram.Counts.Length} counts; " +
                    "it needs one more edge than counts.", nameof(column));
            svg = Plots.Histogram(histogram.BinEdges, ToDoubles(histogram.Counts), string.Empty, column.Name, size: PlotSize.Compact);
        }
        else if (column.TopCategories.Count > 0)
        {
            var top = column.TopCategories.Take(6).ToArray();
            svg = Plots.Bars(top.Select(category => category.Value).ToArray(), top.Select(category => (double)category.Count).ToArray(),
                string.Empty, size: PlotSize.Compact);
        }
        html.Append(svg is null ? Formats.Missing : Embed(svg));
    }

    private void AppendClassBalance()
    {
        if (_report.ClassBalance.Count == 0)
            return;
        var html = StartSection("class-balance", "Class balance");
        var total = _report.ClassBalance.Sum(entry => entry.Count);
        html.Append("<div class=\"figures\">\n");
        AppendFigure(html,
            Plots.Bars(_report.ClassBalance.Select(entry => entry.Value).ToArray(), _report.ClassBalance.Select(entry => (double)entry.Count).ToArray(),
                $"Rows per class of {Run.Target}"),
            "Rows with a target, per class, before the split.");
        html.Append("<div class=\"table-scroll\">\n<table>\n<thead><tr><th>Class</th><th class=\"num\">Rows</th><th class=\"num\">Share</th></tr></thead>\n<tbody>\n");
        foreach (var entry in _report.ClassBalance)
        {
            html.Append("<tr><td>").Append(Html.Escape(entry.Value)).Append("</td><td class=\"num\">").Append(Html.Escape(Formats.Count(entry.Count)))
                .Append("</td><td class=\"num\">").Append(Html.Escape(total > 0 ? Formats.Share((double)entry.Count / total) : Formats.Missing)).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n</div>\n</div>\n");
        EndSection(html);
    }

    private void AppendSelection()
    {
        if (_report.Selection is not { } selection)
            return;
        var html = StartSection("model-selection", "Model selection");
        html.Append("<p>Scores by ").Append(Html.Escape(selection.ValidationMethod))
            .Append("; with several folds, each is the mean ± standard deviation over them. ")
            .Append("The selection metric is <strong>").Append(Html.Escape(selection.SelectionMetric)).Append("</strong> (")
            .Append(selection.HigherIsBetter ? "higher is better" : "lower is better").Append(").</p>\n");
        html.Append("<div class=\"table-scroll\">\n<table class=\"scores\">\n<thead><tr><th>Candidate</th><th>Options</th>");
        foreach (var metric in selection.Metrics)
        {
            html.Append(metric == selection.SelectionMetric ? "<th class=\"num key\">" : "<th class=\"num\">")
                .Append(Html.Escape(metric)).Append("</th>");
        }
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var candidate in selection.Candidates)
        {
            var rowClass = candidate.IsSelected ? " class=\"selected\"" : candidate.IsBaseline ? " class=\"baseline\"" : string.Empty;
            html.Append("<tr").Append(rowClass).Append("><td>").Append(Code(candidate.Name));
            if (candidate.IsSelected)
                html.Append("<span class=\"badge selected\">selected</span>");
            if (candidate.IsBaseline)
                html.Append("<span class=\"badge baseline\">baseline</span>");
            html.Append("</td><td class=\"options\">").Append(Html.Escape(OptionsText(candidate.Options))).Append("</td>");
            if (candidate.Failure is not null)
            {
                html.Append("<td class=\"muted\" colspan=\"").Append(Math.Max(1, selection.Metrics.Count)).Append("\">failed: ")
                    .Append(Html.Escape(candidate.Failure)).Append("</td></tr>\n");
                continue;
            }
            foreach (var metric in selection.Metrics)
                html.Append("<td class=\"num\">").Append(Html.Escape(ScoreText(candidate, metric))).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n</div>\n");
        var entries = selection.Candidates
            .Where(candidate => candidate.Scores.ContainsKey(selection.SelectionMetric))
            .Select(candidate =>
            {
                var score = candidate.Scores[selection.SelectionMetric];
                return new ScoreEntry(candidate.Name, score.Mean, score.StandardDeviation, candidate.IsBaseline, candidate.IsSelected);
            })
            .ToArray();
        if (entries.Length > 0)
        {
            html.Append("<div class=\"figures\">\n");
            AppendFigure(html, Plots.ScoreComparison(entries, selection.SelectionMetric),
                "Each dot is a candidate's mean score; the bar spans ± one standard deviation. The dashed line is the baseline.");
            html.Append("</div>\n");
        }
        EndSection(html);
    }

    private void AppendModel()
    {
        if (_report.Model is not { } model)
            return;
        var html = StartSection("chosen-model", "Chosen model");
        var facts = new List<(string, string)> { ("Learner", Code(model.Name)) };
        if (!string.IsNullOrWhiteSpace(model.Description))
            facts.Add(("Description", Html.Escape(model.Description)));
        facts.Add(("Options", Html.Escape(OptionsText(model.Options))));
        if (model.TrainingRowCount is { } trainingRows)
            facts.Add(("Refitted on", Html.Escape($"{Formats.Count(trainingRows)} rows (training and validation)")));
        AppendFacts(html, facts);
        if (model.Diagnostics.Count > 0)
        {
            html.Append("<h3>Notes from fitting</h3>\n<ul>\n");
            foreach (var note in model.Diagnostics)
                html.Append("<li>").Append(Html.Escape(note)).Append("</li>\n");
            html.Append("</ul>\n");
        }
        if (model.FeatureImportances.Count > 0)
        {
            html.Append("<div class=\"figures\">\n");
            AppendFigure(html, Plots.FeatureImportance(
                model.FeatureImportances.Select(entry => entry.Feature).ToArray(),
                model.FeatureImportances.Select(entry => entry.Importance).ToArray(),
                model.FeatureImportances.Select(entry => entry.StandardDeviation).ToArray()), null);
            html.Append("</div>\n");
        }
        EndSection(html);
    }

    private void AppendTraining()
    {
        if (_report.Model?.Training is not { } training || !training.Curves.Any(curve => curve.Values.Length > 0))
            return;
        var html = StartSection("training-curve", "Training curve");
        if (!string.IsNullOrWhiteSpace(training.Note))
            html.Append("<p>").Append(Html.Escape(training.Note)).Append("</p>\n");
        if (training.BestStep is { } marked)
        {
            html.Append("<p>The learner stopped early and kept its model of step <strong>").Append(Html.Escape(Formats.Count(marked)))
                .Append("</strong>, marked by the dashed line.</p>\n");
        }
        var curves = training.Curves.Where(curve => curve.Values.Length > 0).ToArray();
        html.Append("<div class=\"figures\">\n");
        foreach (var (metric, series) in TrainingCurveCharts.Group(curves))
            AppendFigure(html, Plots.TrainingCurve(series, training.BestStep, $"Training curve: {metric}", metric), null);
        html.Append("</div>\n");
        html.Append("<table class=\"metrics\">\n<thead><tr><th>Metric</th><th class=\"num\">Steps</th><th class=\"num\">First</th><th class=\"num\">Last</th>");
        if (training.BestStep is not null)
            html.Append("<th class=\"num\">At the early-stopping step</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var curve in curves)
        {
            html.Append("<tr><th>").Append(Html.Escape(curve.Name)).Append("</th>")
                .Append("<td class=\"num\">").Append(Html.Escape(Formats.Count(curve.PointCount))).Append("</td>")
                .Append("<td class=\"num\">").Append(Html.Escape(Formats.Number(curve.Values[0]))).Append("</td>")
                .Append("<td class=\"num\">").Append(Html.Escape(Formats.Number(curve.Values[^1]))).Append("</td>");
            if (training.BestStep is { } best)
            {
                var at = Array.IndexOf(curve.Steps, best);
                html.Append("<td class=\"num\">").Append(Html.Escape(at >= 0 ? Formats.Number(curve.Values[at]) : "\u2014")).Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        EndSection(html);
    }

    private void AppendTest()
    {
        if (_report.Test is not { } test)
            return;
        var html = StartSection("test-evaluation", "Test evaluation");
        html.Append("<p>The chosen model, refitted on the training and validation rows, scored once on ")
            .Append(Html.Escape(Formats.Count(test.RowCount))).Append(" test rows that no earlier step saw.</p>\n");
        var selected = _report.Selection?.Candidates.FirstOrDefault(candidate => candidate.IsSelected);
        html.Append("<table class=\"metrics\">\n<thead><tr><th>Metric</th><th class=\"num\">Test</th>");
        if (selected is not null)
            html.Append("<th class=\"num\">Cross-validation (").Append(Html.Escape(selected.Name)).Append(")</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var metric in test.Metrics)
        {
            html.Append(metric.Name == Run.Metric ? "<tr><th class=\"key\">" : "<tr><th>").Append(Html.Escape(metric.Name)).Append("</th>")
                .Append("<td class=\"num\">").Append(Html.Escape(Formats.Number(metric.Value))).Append("</td>");
            if (selected is not null)
                html.Append("<td class=\"num\">").Append(Html.Escape(ScoreText(selected, metric.Name))).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        if (test.Classification is { } classification)
        {
            html.Append("<div class=\"figures\">\n");
            AppendFigure(html, Plots.ConfusionMatrix(classification.ClassLabels, classification.ConfusionMatrix),
                "Rows are true classes, columns predicted ones. Colour is the share of the true class.");
            if (classification.RocCurves.Count > 0)
            {
                AppendFigure(html, Plots.RocCurves(classification.RocCurves),
                    classification.RocCurves.Count > 1 ? "One curve per class, that class against the rest." : null);
            }
            if (classification.PrecisionRecallCurves.Count > 0)
            {
                AppendFigure(html, Plots.PrecisionRecallCurves(classification.PrecisionRecallCurves),
                    classification.PrecisionRecallCurves.Count > 1 ? "One curve per class, that class against the rest." : null);
            }
            html.Append("</div>\n");
        }
        if (test.Regression is { } regression)
        {
            var sample = regression.Predictions;
            var note = sample.IsSampled
                ? $" A fixed sample of {Formats.Count(sample.Actual.Length)} of the {Formats.Count(sample.TotalCount)} rows is drawn."
                : string.Empty;
            html.Append("<div class=\"figures\">\n");
            AppendFigure(html, Plots.ResidualsVsPredicted(sample.Actual, sample.Predicted),
                "Residual = actual − predicted; a good model scatters evenly around zero." + note);
            AppendFigure(html, Plots.PredictedVsActual(sample.Actual, sample.Predicted),
                "A perfect model's points lie on the dashed line." + note);
            html.Append("</div>\n");
        }
        EndSection(html);
    }

    private void AppendExtra(ReportSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var html = StartSection(ExtraId(section.Id), section.Title);
        foreach (var block in section.Blocks)
        {
            switch (block)
            {
                case ParagraphBlock paragraph:
                    html.Append("<p>").Append(Html.Escape(paragraph.Text)).Append("</p>\n");
                    break;
                case TableBlock table:
                    AppendTable(html, table);
                    break;
                case FigureBlock figure:
                    SvgMarkup.EnsureInert(figure.Svg, nameof(section));
                    html.Append("<div class=\"figures\">\n");
                    AppendFigure(html, figure.Svg, figure.Caption);
                    html.Append("</div>\n");
                    break;
                default:
                    throw new ArgumentException(
                        $"Section '{section.Title}' holds a block of type {block?.GetType().Name ?? "null"}; use ParagraphBlock, TableBlock or FigureBlock.",
                        nameof(section));
            }
        }
        EndSection(html);
    }

    private static void AppendTable(StringBuilder html, TableBlock table)
    {
        var numeric = Enumerable.Range(0, table.Headers.Count)
            .Select(j => table.Rows.Count > 0 && table.Rows.All(row => j >= row.Count || row[j].Kind != ReportValueKind.Text))
            .ToArray();
        html.Append("<div class=\"table-scroll\">\n<table>\n<thead><tr>");
        for (var j = 0; j < table.Headers.Count; j++)
            html.Append(numeric[j] ? "<th class=\"num\">" : "<th>").Append(Html.Escape(table.Headers[j])).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            for (var j = 0; j < row.Count; j++)
                html.Append(j < numeric.Length && numeric[j] ? "<td class=\"num\">" : "<td>").Append(Html.Escape(row[j].ToString())).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n</div>\n");
        if (!string.IsNullOrWhiteSpace(table.Caption))
            html.Append("<p class=\"muted\">").Append(Html.Escape(table.Caption)).Append("</p>\n");
    }

    private StringBuilder StartSection(string id, string title)
    {
        _ids.Add(id);
        _contents.Add((id, title));
        return _sections.Append("<section id=\"").Append(id).Append("\">\n<h2>").Append(Html.Escape(title)).Append("</h2>\n");
    }

    private static void EndSection(StringBuilder html) => html.Append("</section>\n");

    private void AppendFigure(StringBuilder html, string svg, string? caption)
    {
        html.Append("<figure>\n").Append(Embed(svg));
        if (!string.IsNullOrWhiteSpace(caption))
            html.Append("<figcaption>").Append(Html.Escape(caption)).Append("</figcaption>\n");
        html.Append("</figure>\n");
    }

    // Each figure's ids get the figure's number, so no two figures of the page share one.
    private string Embed(string svg)
    {
        _figureCount++;
        return SvgMarkup.RenameIds(svg, $"f{_figureCount.ToString(CultureInfo.InvariantCulture)}-").TrimEnd() + "\n";
    }

    // Label-value pairs flow into as many columns as the page is wide.
    private static void AppendFacts(StringBuilder html, IEnumerable<(string Label, string ValueHtml)> facts)
    {
        html.Append("<dl class=\"facts\">\n");
        foreach (var (label, valueHtml) in facts)
            html.Append("<div><dt>").Append(Html.Escape(label)).Append("</dt><dd>").Append(valueHtml).Append("</dd></div>\n");
        html.Append("</dl>\n");
    }

    // Ids of added sections: lower-case letters, digits and '-', prefixed so they cannot clash with the built-in ones.
    private string ExtraId(string requested)
    {
        var slug = new string((requested ?? string.Empty).ToLowerInvariant()
            .Select(character => character is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? character : '-').ToArray()).Trim('-');
        var id = "section-" + (slug.Length == 0 ? "untitled" : slug);
        var unique = id;
        for (var suffix = 2; _ids.Contains(unique); suffix++)
            unique = $"{id}-{suffix.ToString(CultureInfo.InvariantCulture)}";
        return unique;
    }

    private static string Code(string? text) => $"<code>{Html.Escape(text)}</code>";

    private static string TaskName(MetricTask task) => task == MetricTask.Classification ? "Classification" : "Regression";

    private static string KindName(ColumnKind kind) => kind switch
    {
        ColumnKind.Numeric => "numeric",
        ColumnKind.Categorical => "categorical",
        ColumnKind.Boolean => "boolean",
        ColumnKind.DateTime => "date-time",
        _ => "text",
    };

    private static string OptionsText(IReadOnlyDictionary<string, string> options) =>
        options.Count == 0 ? "defaults" : string.Join(", ", options.Select(option => $"{option.Key} = {option.Value}"));

    private static string ScoreText(CandidateResult candidate, string metric) =>
        candidate.Scores.TryGetValue(metric, out var score) ? Formats.MeanStd(score.Mean, score.StandardDeviation) : Formats.Missing;

    private static string BaselineNote(ModelSelectionSummary selection, CandidateResult baseline, CandidateResult? selected)
    {
        if (selected is null || selected == baseline || !selected.Scores.TryGetValue(selection.SelectionMetric, out var chosen))
            return baseline.Name;
        var difference = chosen.Mean - baseline.Scores[selection.SelectionMetric].Mean;
        var better = selection.HigherIsBetter ? difference > 0 : difference < 0;
        return difference == 0
            ? $"{baseline.Name}; the selected model ties it"
            : $"{baseline.Name}; the selected model is {Formats.Number(Math.Abs(difference))} {(better ? "better" : "worse")}";
    }

    private static double[] ToDoubles(long[] counts) => counts.Select(count => (double)count).ToArray();
}
