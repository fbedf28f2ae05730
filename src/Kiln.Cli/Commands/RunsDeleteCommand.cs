using System.CommandLine;
using Kiln.Core;
using Kiln.Tracking;
using Kiln.Tracking.Artifacts;
using Kiln.Tracking.Registry;
using Kiln.Workflow.Store;
using Kiln.Workflow.Tracking;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln runs delete RUN...</c>: deletes runs with their child runs and their artifacts (the job folder), and says which artifacts it could not delete.</summary>
/// <remarks>
/// A running run is refused (its process would go on writing). The rows go first, in one transaction per run; then the job
/// folder is moved under the store's <c>.staging</c> in one rename and deleted there, so the layout never shows half a job.
/// A folder that cannot be deleted is named on standard error and the exit code is 1. Data versions are kept: other runs
/// may use them. Without a terminal, <c>--yes</c> is required.
/// </remarks>
internal sealed class RunsDeleteCommand(CliContext context, Func<bool> isTerminal, TextReader input)
{
    public Command Build()
    {
        var runs = new Argument<string[]>("runs") { Description = "The run ids or job names to delete.", Arity = ArgumentArity.OneOrMore };
        var store = RunCommand.StoreOption();
        var environment = RunCommand.EnvironmentOption();
        var ns = RunsCommand.NamespaceOption("The namespace of the job names (when several namespaces use one).");
        var yes = new Option<bool>("--yes") { Description = "Delete without asking (required when standard input is not a terminal)." };
        var force = new Option<bool>("--force") { Description = "Delete even a run whose model is a registered version (that version's bundle goes with the job folder)." };
        var command = new Command("delete", "Delete runs, their child runs and their job folders.") { runs, store, environment, ns, yes, force };
        command.SetAction(parsed => Execute(parsed.GetValue(runs)!, parsed.GetValue(store), parsed.GetValue(environment), parsed.GetValue(ns), parsed.GetValue(yes), parsed.GetValue(force)));
        return command;
    }

    internal int Execute(IReadOnlyList<string> references, string? store, string? environment, string? ns, bool yes, bool force = false)
    {
        using var opened = RunsStore.Open(context, store, environment);
        var runs = references.Select(reference => opened.Find(reference, ns)).DistinctBy(run => run.Id).ToArray();
        foreach (var run in runs)
        {
            if (run.Status == RunStatus.Running)
                throw new CliUsageException($"Run {run.Id} ({run.JobName}) is still running; wait for it to end (a run whose process died is marked killed after {TrackingStores.Silence.TotalMinutes:0} minutes of silence).");
        }
        if (!force && RegisteredVersions(opened.Settings, runs) is { Count: > 0 } registered)
        {
            throw new CliUsageException(
                $"{string.Join("; ", registered)}: deleting the run would delete the bundle the registry serves. Delete the version first " +
                "('kiln models delete NAME/N'), or pass --force to delete the run anyway.");
        }
        if (!yes && !Confirm(runs))
            return KilnCli.UserError;

        var failures = 0;
        foreach (var run in runs)
        {
            var folder = run.Tags.GetValueOrDefault(TrackingKeys.JobFolder);
            var count = opened.Store!.DeleteRun(run.Id);
            context.Out.WriteLine($"deleted run {run.Id} ({run.JobName}) and {count - 1} child runs");
            if (folder is null)
                continue;
            var remote = ArtifactStores.IsRemote(opened.Settings.ArtifactRoot);
            var localRoot = opened.Settings.LocalRoot;
            if (DeleteFolder(localRoot, run, folder) is { } problem)
            {
                failures++;
                context.Error.WriteLine($"error: could not delete the artifacts of run {run.Id}: {problem}");
                continue;
            }
            context.Out.WriteLine($"deleted its job folder {folder}");
            if (remote && DeleteRemote(opened.Settings.ArtifactRoot, localRoot, folder) is { } remoteProblem)
            {
                failures++;
                context.Error.WriteLine($"error: could not delete the artifacts of run {run.Id} on {opened.Settings.ArtifactRoot}: {remoteProblem}");
            }
            else if (remote)
            {
                context.Out.WriteLine($"deleted its published copy on {opened.Settings.ArtifactRoot}");
            }
        }
        return failures == 0 ? KilnCli.Success : KilnCli.UserError;
    }

    /// <summary>The registered versions whose model came from one of <paramref name="runs"/>, as "run X is model NAME/N".</summary>
    private static List<string> RegisteredVersions(Workflow.Configuration.TrackingSettings settings, Run[] runs)
    {
        using var registry = ModelRegistries.OpenExisting(settings.Tracking, settings.StoreRoot, TimeProvider.System);
        if (registry is null)
            return [];
        var ids = runs.ToDictionary(run => run.Id, StringComparer.Ordinal);
        return [.. registry.ListModels()
            .SelectMany(model => model.Versions)
            .Where(version => version.RunId is not null && ids.ContainsKey(version.RunId))
            .Select(version => $"run {version.RunId} ({ids[version.RunId!].JobName}) is registered as model {version.Reference}")];
    }

    private bool Confirm(Run[] runs)
    {
        if (!isTerminal())
            throw new CliUsageException("kiln runs delete removes runs and their job folders for good; pass --yes to confirm (standard input is not a terminal, so it cannot ask).");
        context.Error.Write($"Delete {runs.Length} run(s) ({string.Join(", ", runs.Select(run => run.JobName))}), their child runs and their job folders? [y/N] ");
        var answer = input.ReadLine()?.Trim();
        if (answer is "y" or "Y" or "yes")
            return true;
        context.Log("nothing deleted");
        return false;
    }

    /// <summary>Deletes the copy of a job folder published on an S3 artifact root (same key as under the local store); returns why not, or <see langword="null"/>.</summary>
    private static string? DeleteRemote(string artifactRoot, string localRoot, string folder)
    {
        var key = Path.GetRelativePath(localRoot, Path.GetFullPath(folder)).Replace(Path.DirectorySeparatorChar, '/') + "/";
        try
        {
            using var store = ArtifactPublisher.Open(artifactRoot);
            var left = store.DeletePrefix(key);
            return left.Count == 0 ? null : $"{left.Count} object(s) under {key} could not be deleted: {string.Join(", ", left.Take(5))}";
        }
        catch (Exception exception) when (exception is KilnException or ArgumentException or IOException)
        {
            return $"{key}: {exception.Message}";
        }
    }

    /// <summary>Deletes a run's job folder when it is one (under the artifact root, in the run's namespace, named after its job); returns why not, or <see langword="null"/>.</summary>
    private static string? DeleteFolder(string artifactRoot, Run run, string folder)
    {
        string full;
        try
        {
            full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"its job folder '{StoreNames.Display(folder)}' is not a path ({exception.Message}); left alone.";
        }
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(artifactRoot));
        var relative = Path.GetRelativePath(root, full);
        var parts = relative.Split(Path.DirectorySeparatorChar);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            || parts.Length != 7 || parts[0] != $"ns={run.Namespace}" || parts[1] != "output"
            || !parts[3].StartsWith("year=", StringComparison.Ordinal) || !parts[4].StartsWith("month=", StringComparison.Ordinal)
            || !parts[5].StartsWith("day=", StringComparison.Ordinal) || parts[6] != run.JobName)
        {
            return $"{full} is not a job folder of run {run.Id} under the artifact root {root}; left alone, delete it by hand if it is.";
        }
        if (!Directory.Exists(full))
            return null;
        var trash = Path.Combine(root, StoreLayout.StagingFolder, $"{run.Id}-deleted");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(trash)!);
            if (Directory.Exists(trash))
                Directory.Delete(trash, recursive: true);
            Directory.Move(full, trash);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"{full} could not be moved away ({exception.Message}); it is still there, delete it by hand.";
        }
        try
        {
            Directory.Delete(trash, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"{full} was moved to {trash} but could not be deleted there ({exception.Message}); delete it by hand.";
        }
        return null;
    }
}
