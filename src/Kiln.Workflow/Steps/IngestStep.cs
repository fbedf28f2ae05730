using System.Globalization;
using Kiln.Core;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Workflow.Store;

namespace Kiln.Workflow.Steps;

/// <summary>Step 1: reads the data file, leaves out the rows without a target, checks the target and the ignored columns, and settles the task.</summary>
/// <remarks>
/// Reads <see cref="RunState.Config"/>; sets <see cref="RunState.Ingest"/>; writes <c>steps/ingest.json</c>. The file is hashed
/// before and after it is read, so the rows used are exactly the content whose hash names the data version; the version itself
/// is stored when the run is published, so a failed run leaves no trace in the store.
/// </remarks>
internal sealed class IngestStep : IWorkflowStep
{
    private const int MaxListedRows = 1000;

    public string Name => "ingest";

    public void Run(RunState state)
    {
        var config = state.Config;
        var source = config.Data;
        var dataKey = config.Locations.ContainsKey("data.path") ? "data.path" : "data";
        var fileName = Path.GetFileName(source.Path);
        if (!File.Exists(source.Path))
        {
            throw config.Error(dataKey,
                $"the data file {source.Path} does not exist. Check the path; a relative path starts at the folder of {Path.GetFileName(config.File)}.");
        }
        var (sha256, length) = DataVersions.Hash(source.Path);
        Table raw;
        try
        {
            raw = DataFiles.Read(source.Path, source.Format, source.Schema);
        }
        catch (SchemaMismatchException exception)
        {
            throw config.Error("data.schema", exception.Message);
        }
        if (DataVersions.Hash(source.Path).Sha256 != sha256)
            throw new KilnException($"{source.Path} changed while Kiln read it; run again once nothing writes to it.");
        if (raw.RowCount == 0)
            throw new KilnException($"{source.Path} has column names but no rows; a run needs data rows to learn from.");

        CheckColumns(state, raw, fileName);
        var target = raw[config.Target];
        if (target.MissingCount == target.Length)
        {
            throw config.Error("target",
                $"'{config.Target}' is missing in all {raw.RowCount} rows of {fileName}, so there is nothing to learn from. Fill in the target, or choose another column.");
        }
        var (task, reason) = Task(state, target);
        // A regression cannot learn from an infinite target any more than from a missing one: both are left out and counted.
        var numbers = task == LearnerTask.Regression ? (NumericColumn)target : null;
        var kept = new List<int>(raw.RowCount);
        var missing = new List<int>();
        for (var row = 0; row < raw.RowCount; row++)
            (target.IsMissing(row) || (numbers is not null && double.IsInfinity(numbers[row])) ? missing : kept).Add(row);
        if (kept.Count == 0)
        {
            throw config.Error("target",
                $"'{config.Target}' is infinite or missing in all {raw.RowCount} rows of {fileName}, so there is nothing to learn from. Fill in the target, or choose another column.");
        }
        var table = missing.Count == 0 ? raw : raw.Take(kept.ToArray());
        table = table.WithRole(config.Target, ColumnRole.Target);
        foreach (var column in config.Ignore)
            table = table.WithRole(column, ColumnRole.Ignored);
        if (!table.Schema.Features.Any())
        {
            throw config.Error(config.Ignore.Count > 0 ? "ignore" : "target",
                $"no feature column is left in {fileName}: every column is the target or ignored. Keep at least one column to learn from.");
        }

        var resolved = config.Resolve(task);
        var data = new ModelingData(table, task);
        if (data.Labels is { ClassCount: < 2 } labels)
        {
            throw config.Error("target",
                $"'{config.Target}' has one class, '{labels.Classes[0]}', in all {kept.Count} rows that have a target; classification needs at least two classes. " +
                "Check the column, or choose another target.");
        }

        state.Ingest = new IngestOutput(source, sha256, length, StoreNames.FromFileName(source.Path), DataVersions.VersionOf(sha256),
            raw.RowCount, table.Schema, [.. missing], [.. kept], data, resolved, reason);
        JsonFiles.Write(state.StagedFile("steps", "ingest.json"), json => Write(json, state.Ingest, raw));

        state.Report(string.Create(CultureInfo.InvariantCulture,
            $"{fileName}: {raw.RowCount} rows, {raw.ColumnCount} columns, data version {state.Ingest.Version}"));
        state.Report(reason is null ? $"task: {Configuration.ConfigNames.Of(task)}" : $"task: {Configuration.ConfigNames.Of(task)} (inferred: {reason}; write 'task:' to choose)");
        if (missing.Count > 0)
        {
            var listed = string.Join(", ", missing.Take(5).Select(row => (row + 2).ToString(CultureInfo.InvariantCulture))) + (missing.Count > 5 ? ", …" : string.Empty);
            state.Warn(string.Create(CultureInfo.InvariantCulture,
                $"{missing.Count} of {raw.RowCount} rows have no '{config.Target}'{(numbers is null ? string.Empty : " (or an infinite one)")} and are left out of training and evaluation (lines {listed} of {fileName})."));
        }
    }

    private static void CheckColumns(RunState state, Table raw, string fileName)
    {
        var config = state.Config;
        var names = raw.Schema.Names.ToArray();
        if (!raw.Schema.Contains(config.Target))
        {
            throw config.Error("target",
                $"'{config.Target}' is not a column of {fileName}{NearestName.Hint(config.Target, names)} Its columns are: {string.Join(", ", names)}.");
        }
        foreach (var column in config.Ignore)
        {
            if (column == config.Target)
                throw config.Error("ignore", $"'{column}' is the target; a target cannot also be ignored. Remove it from 'ignore'.");
            if (!raw.Schema.Contains(column))
            {
                throw config.Error("ignore",
                    $"'{column}' is not a column of {fileName}{NearestName.Hint(column, names)} Its columns are: {string.Join(", ", names)}.");
            }
        }
    }

    private static (LearnerTask Task, string? Reason) Task(RunState state, Column target)
    {
        var config = state.Config;
        LearnerTask task;
        string? reason = null;
        if (config.Task is { } given)
        {
            task = given;
        }
        else
        {
            try
            {
                var guess = TaskInference.Infer(target);
                (task, reason) = (guess.Task, guess.Reason);
            }
            catch (KilnException exception)
            {
                throw config.Error("target", exception.Message);
            }
        }
        if (task == LearnerTask.Regression && target is not NumericColumn)
        {
            var examples = Enumerable.Range(0, target.Length).Select(target.FormatValue).OfType<string>().Distinct(StringComparer.Ordinal).Take(3);
            throw config.Error(config.Task is null ? "target" : "task",
                $"regression needs a numeric target, but '{target.Name}' is {target.Kind.ToString().ToLowerInvariant()} (values such as {string.Join(", ", examples.Select(value => $"'{value}'"))}). " +
                "Predict it with 'task: classification', or choose a numeric target.");
        }
        return (task, reason);
    }

    private static void Write(System.Text.Json.Utf8JsonWriter json, IngestOutput ingest, Table raw)
    {
        json.WriteStartObject();
        json.WriteString("path", ingest.Source.Path);
        json.WriteString("format", Configuration.ConfigNames.Of(ingest.Source.Format));
        json.WriteNumber("bytes", ingest.Length);
        json.WriteString("sha256", ingest.Sha256);
        json.WriteString("dataset", ingest.Dataset);
        json.WriteString("version", ingest.Version);
        json.WriteNumber("rows", ingest.RowsRead);
        json.WriteStartArray("columns");
        foreach (var column in ingest.Schema)
        {
            json.WriteStartObject();
            json.WriteString("name", column.Name);
            json.WriteString("kind", Configuration.ConfigNames.Of(column.Kind));
            json.WriteString("role", column.Role.ToString().ToLowerInvariant());
            json.WriteNumber("missing", raw[column.Name].MissingCount);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNumber("rows_missing_target", ingest.MissingTargetRows.Length);
        JsonFiles.Integers(json, "missing_target_rows", ingest.MissingTargetRows.Take(MaxListedRows));
        json.WriteString("task", Configuration.ConfigNames.Of(ingest.Config.Task));
        json.WriteBoolean("task_inferred", ingest.TaskReason is not null);
        if (ingest.TaskReason is { } reason)
            json.WriteString("task_reason", reason);
        json.WriteEndObject();
    }
}
