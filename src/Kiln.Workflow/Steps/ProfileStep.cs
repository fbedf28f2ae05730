using System.Globalization;
using System.Text;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Metrics;
using Kiln.Core.Profiling;

namespace Kiln.Workflow.Steps;

/// <summary>Step 2: profiles the features and the target of the rows with a target: per-column statistics and histograms, class balance or the target's range, correlations, duplicates, and warnings (target leakage, id-like, constant or mostly missing columns, imbalance).</summary>
/// <remarks>
/// Reads <see cref="RunState.Ingest"/>; sets <see cref="RunState.Profile"/>; writes <c>steps/profile.json</c>. Ignored columns are
/// not profiled: the user has already set them aside. The profile's warnings join the run's warnings.
/// </remarks>
internal sealed class ProfileStep : IWorkflowStep
{
    public string Name => "profile";

    public void Run(RunState state)
    {
        var data = state.Data;
        var table = data.Table.Select(data.Table.Schema.Where(column => column.Role != ColumnRole.Ignored).Select(column => column.Name));
        var options = new ProfileOptions
        {
            Task = state.Resolved.Task == LearnerTask.Classification ? MetricTask.Classification : MetricTask.Regression,
            MaxDegreeOfParallelism = Math.Max(1, state.Options.MaxDegreeOfParallelism),
        };
        var profile = TableProfile.Compute(table, state.Resolved.Target, options);
        state.Profile = profile;
        File.WriteAllText(state.StagedFile("steps", "profile.json"), ProfileJson.Serialize(profile) + "\n", new UTF8Encoding(false));

        var features = profile.Columns.Where(column => column.Role == ColumnRole.Feature).ToArray();
        var kinds = string.Join(", ", features.GroupBy(column => column.Kind).OrderBy(group => group.Key)
            .Select(group => $"{group.Count()} {Configuration.ConfigNames.Of(group.Key)}"));
        var incomplete = features.Where(column => column.MissingCount > 0).ToArray();
        state.Report(string.Create(CultureInfo.InvariantCulture,
            $"{features.Length} features ({kinds}); {incomplete.Sum(column => column.MissingCount)} missing values in {incomplete.Length} of them; {profile.DuplicateRowCount} duplicate rows"));
        if (profile.Target is { Classes: { } classes })
            state.Report("classes: " + string.Join(", ", classes.Select(share => string.Create(CultureInfo.InvariantCulture, $"{share.Label} {share.Count} ({share.Share:P0})"))));
        else if (profile.Target is { Numeric: { } numeric })
            state.Report(string.Create(CultureInfo.InvariantCulture, $"target from {numeric.Min:G6} to {numeric.Max:G6}, mean {numeric.Mean:G6}, standard deviation {numeric.StandardDeviation:G6}"));
        foreach (var warning in profile.Warnings.Where(warning => warning.Code != ProfileWarningCodes.MissingTarget))
            state.Warn(warning.Message);
    }
}
