using System.Globalization;
using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.Workflow.Steps;

/// <summary>Step 2: describes the rows with a target: each column's kind, role, missing and distinct values, and the target's classes or range.</summary>
/// <remarks>Reads <see cref="RunState.Ingest"/>; sets <see cref="RunState.Profile"/>; writes <c>steps/profile.json</c>.</remarks>
internal sealed class ProfileStep : IWorkflowStep
{
    public string Name => "profile";

    public void Run(RunState state)
    {
        var data = state.Data;
        var table = data.Table;
        var columns = table.Schema.Select(info => new ColumnSummary(info, table[info.Name])).ToArray();
        state.Profile = columns;
        JsonFiles.Write(state.StagedFile("steps", "profile.json"), json =>
        {
            json.WriteStartObject();
            json.WriteNumber("rows", table.RowCount);
            json.WriteStartArray("columns");
            foreach (var column in columns)
            {
                json.WriteStartObject();
                json.WriteString("name", column.Info.Name);
                json.WriteString("kind", Configuration.ConfigNames.Of(column.Info.Kind));
                json.WriteString("role", column.Info.Role.ToString().ToLowerInvariant());
                json.WriteNumber("missing", column.Missing);
                json.WriteNumber("distinct", column.Distinct);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("target");
            if (data.Labels is { } labels)
            {
                json.WriteStartObject("classes");
                foreach (var (name, count) in ClassCounts(labels))
                    json.WriteNumber(name, count);
                json.WriteEndObject();
            }
            else
            {
                var values = data.Values!;
                JsonFiles.Number(json, "min", values.Min());
                JsonFiles.Number(json, "mean", values.Average());
                JsonFiles.Number(json, "max", values.Max());
            }
            json.WriteEndObject();
            json.WriteEndObject();
        });

        var features = columns.Where(column => column.Info.Role == ColumnRole.Feature).ToArray();
        var kinds = string.Join(", ", features.GroupBy(column => column.Info.Kind).OrderBy(group => group.Key)
            .Select(group => $"{group.Count()} {Configuration.ConfigNames.Of(group.Key)}"));
        var incomplete = features.Where(column => column.Missing > 0).ToArray();
        state.Report(string.Create(CultureInfo.InvariantCulture,
            $"{features.Length} features ({kinds}); {incomplete.Sum(column => column.Missing)} missing values in {incomplete.Length} of them"));
        state.Report(data.Labels is { } classes
            ? "classes: " + string.Join(", ", ClassCounts(classes).Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Name} {pair.Count}")))
            : string.Create(CultureInfo.InvariantCulture, $"target from {data.Values!.Min():G6} to {data.Values!.Max():G6}, mean {data.Values!.Average():G6}"));
    }

    private static IEnumerable<(string Name, int Count)> ClassCounts(ClassLabels labels)
    {
        var counts = new int[labels.ClassCount];
        foreach (var code in labels.Codes)
            counts[code]++;
        return labels.Classes.Select((name, code) => (name, counts[code]));
    }

    private sealed class ColumnSummary(ColumnInfo info, Column column)
    {
        public ColumnInfo Info { get; } = info;

        public int Missing { get; } = column.MissingCount;

        public int Distinct { get; } = Enumerable.Range(0, column.Length).Select(column.FormatValue).OfType<string>().Distinct(StringComparer.Ordinal).Count();
    }
}
