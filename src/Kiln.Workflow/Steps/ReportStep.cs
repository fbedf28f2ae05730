using System.Text;
using Kiln.Reporting;
using Kiln.Workflow.Configuration;

namespace Kiln.Workflow.Steps;

/// <summary>Step 11: writes <c>report.html</c>, <c>report.json</c>, <c>metrics.json</c> and the resolved <c>kiln.yaml</c>.</summary>
/// <remarks>
/// Reads every earlier step's output; writes <c>metrics.json</c> (see <see cref="MetricsDocument"/>), the report (one
/// self-contained page, and the same numbers as JSON; see <see cref="RunReportBuilder"/>) and <c>kiln.yaml</c>: the
/// configuration as run, every default filled in, without the job name so that running it again starts a new job.
/// </remarks>
internal sealed class ReportStep : IWorkflowStep
{
    public const string HtmlFileName = "report.html";

    public const string JsonFileName = "report.json";

    public string Name => "report";

    public void Run(RunState state)
    {
        var metrics = MetricsDocument.ToText(state);
        File.WriteAllText(state.StagedFile(MetricsDocument.FileName), metrics, new UTF8Encoding(false));
        var header = new List<string>
        {
            $"kiln.yaml as resolved for job {state.Identity.JobName} (run {state.Identity.RunId}).",
            "Every default is filled in; 'kiln run' on this file repeats the run as a new job.",
        };
        if (state.Ingest.TaskReason is { } reason)
            header.Add($"The task was inferred: {reason}.");
        File.WriteAllText(state.StagedFile(KilnYaml.FileName), ResolvedConfigWriter.ToYaml(state.Resolved with { JobName = null }, header), new UTF8Encoding(false));
        var report = RunReportBuilder.Build(state);
        ReportWriter.WriteHtml(report, state.StagedFile(HtmlFileName));
        ReportWriter.WriteJson(report, state.StagedFile(JsonFileName));
        state.Report($"{HtmlFileName}, {JsonFileName}, {MetricsDocument.FileName}, {KilnYaml.FileName}");
    }
}
