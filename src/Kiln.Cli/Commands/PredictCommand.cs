using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Kiln.Core;
using Kiln.Tracking.Artifacts;
using Kiln.Tracking.Registry;
using Kiln.Workflow.Configuration;
using Kiln.Workflow.Scoring;
using Kiln.Workflow.Store;
using Kiln.Workflow.Tracking;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln predict</c>: scores a CSV or Parquet file with a saved model and writes the predictions, streaming in chunks on every core, resumable.</summary>
/// <remarks>
/// The model is a model.kiln file, or a registry reference (<c>name</c>, <c>name@alias</c>, <c>name/3</c>) resolved through
/// the registry of the store that <c>--store</c> and <c>--env</c> choose; it is given as the first argument or with
/// <c>--model</c>. A file that exists wins over a reference of the same spelling. The job keeps its finished chunks in
/// <c>OUTPUT.partial/</c> until the output is written, so running the same command again after an interruption resumes it.
/// </remarks>
internal sealed class PredictCommand(CliContext context, Func<bool>? isTerminal = null)
{
    public const string Description =
        "Score a CSV or Parquet file with a model.kiln that 'kiln run' saved, or with a registered model (NAME, NAME@ALIAS, NAME/N); " +
        "write the predictions (and proba_<class> columns for a classifier) next to an id column, as CSV or Parquet by the output's extension. " +
        "The input is streamed in chunks scored on every core; an interrupted job resumes when the same command is run again.";

    /// <summary>The exit code of a job stopped by Ctrl+C or SIGTERM (its finished chunks are kept).</summary>
    public const int Stopped = 130;

    public Command Build()
    {
        var modelArgument = new Argument<string?>("model") { Description = "The model.kiln to score with, or a registered model: NAME (latest version), NAME@ALIAS or NAME/N (or give it with --model).", Arity = ArgumentArity.ZeroOrOne };
        var model = new Option<string?>("--model", "-m") { Description = "The model, as the first argument takes it.", HelpName = "file|ref" };
        var input = new Option<string>("--input", "-i") { Description = "The rows to score: .parquet/.pq as Parquet, else CSV.", Required = true, HelpName = "file" };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the predictions: .parquet/.pq as Parquet, else CSV.", Required = true, HelpName = "file" };
        var id = new Option<string?>("--id") { Description = $"An input column to copy next to the predictions [default: '{BatchPrediction.RowColumn}', the 0-based row number].", HelpName = "column" };
        var chunkRows = new Option<int>("--chunk-rows") { Description = "Rows read, scored and written at once; memory holds about twice as many chunks as threads.", DefaultValueFactory = _ => BatchPredictionOptions.DefaultChunkRows, HelpName = "n" };
        var threads = new Option<int>("--threads") { Description = "Chunks scored at once [default: the number of cores].", DefaultValueFactory = _ => Environment.ProcessorCount, HelpName = "n" };
        var restart = new Option<bool>("--restart") { Description = "Discard the finished chunks of an unfinished job for this output (OUTPUT.partial/) and start over." };
        var store = new Option<string?>("--store") { Description = $"The store whose registry resolves a model reference [default: ${StoreRoot.EnvironmentVariable}, else the environment's store in {KilnSettingsFile.FileName}, else ./{StoreRoot.DefaultFolder} (develop) or ./{TrackingSettings.ProductionDefaultFolder} (production)].", HelpName = "dir" };
        var environment = RunCommand.EnvironmentOption();
        var command = new Command("predict", Description) { modelArgument, model, input, output, id, chunkRows, threads, restart, store, environment };
        command.SetAction(parsed =>
        {
            var chosen = Model(parsed.GetValue(modelArgument), parsed.GetValue(model));
            var job = new PredictJob(chosen, parsed.GetRequiredValue(input), parsed.GetRequiredValue(output), parsed.GetValue(id), parsed.GetValue(chunkRows), parsed.GetValue(threads), parsed.GetValue(restart));
            using var stop = new StopSignal();
            return Execute(job, StoreFlags.From(parsed, store, environment), stop.Token);
        });
        return command;
    }

    internal int Execute(string model, string input, string output, string? id, StoreFlags where) =>
        Execute(new PredictJob(model, input, output, id, BatchPredictionOptions.DefaultChunkRows, Environment.ProcessorCount, Restart: false), where, CancellationToken.None);

    internal int Execute(PredictJob job, StoreFlags where, CancellationToken cancellationToken)
    {
        var options = new BatchPredictionOptions
        {
            ModelPath = ModelPath(job.Model, where),
            InputPath = context.FullPath(job.Input),
            OutputPath = context.FullPath(job.Output),
            IdColumn = job.Id,
            ChunkRows = job.ChunkRows,
            Threads = job.Threads,
            Restart = job.Restart,
        };
        var progress = new PredictProgress(context.Error, (isTerminal ?? DefaultIsTerminal)());
        var partial = options.OutputPath + ".partial";
        var keptBefore = FinishedChunks(partial);
        BatchPredictionResult result;
        try
        {
            result = BatchPrediction.Run(options, progress, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            progress.Finish();
            context.Log(string.Create(CultureInfo.InvariantCulture, $"stopped; {FinishedChunks(partial):N0} finished chunks are kept in {context.DisplayPath(partial)}: run the same command again to resume"));
            return Stopped;
        }
        catch (KilnException)
        {
            progress.Finish();
            var kept = FinishedChunks(partial);
            if (kept > keptBefore)
                context.Log(string.Create(CultureInfo.InvariantCulture, $"kept {kept:N0} finished chunks in {context.DisplayPath(partial)}: once the cause is fixed, the same command resumes (a changed input needs --restart)"));
            throw;
        }
        finally
        {
            progress.Finish();
        }
        if (result.ResumedChunks > 0)
            context.Log(string.Create(CultureInfo.InvariantCulture, $"resumed: {result.ResumedChunks:N0} of {result.Chunks:N0} chunks were finished by an earlier run and kept"));
        var what = result.Classes is null ? "predictions" : $"predicted classes and probabilities of {string.Join(", ", result.Classes)}";
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {result.Rows} rows of {what} to {context.DisplayPath(result.OutputPath)}"));
        return KilnCli.Success;
    }

    /// <summary>The chunk files a job has finished in <paramref name="partial"/> (temporary files of unfinished ones left out).</summary>
    private static int FinishedChunks(string partial) =>
        Directory.Exists(partial) ? Directory.GetFiles(partial, "chunk-*").Length : 0;

    private bool DefaultIsTerminal() => ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected;

    private static string Model(string? argument, string? option) => (argument, option) switch
    {
        (null, null) => throw new KilnException("kiln predict needs a model: give it as the first argument (kiln predict NAME@ALIAS --input ... --output ...) or with --model."),
        ({ } first, { } second) when first != second => throw new KilnException($"kiln predict was given two models, '{first}' as the argument and '{second}' with --model; give one."),
        _ => argument ?? option!,
    };

    /// <summary>The bundle file <paramref name="model"/> names: the file itself when it exists, else the bundle of the registered version it refers to (an <c>s3://</c> bundle downloaded into the store's cache first).</summary>
    private string ModelPath(string model, StoreFlags where)
    {
        var path = context.FullPath(model);
        if (File.Exists(path) || !ModelReference.TryParse(model, out var reference))
            return path;

        var settings = where.Resolve(context);
        var root = settings.StoreRoot;
        EnvironmentMarker.Check(root, settings.Environment);
        var tried = $"--model '{model}' is not a file ({path} does not exist), and as a registry reference";
        using var registry = ModelRegistries.OpenExisting(settings.Tracking, root, TimeProvider.System)
            ?? throw new KilnException($"{tried} it needs a registry, but the {settings.EnvironmentName} store {context.DisplayPath(root)} has none. Pass the path of a model.kiln, or point --store (or KILN_HOME), or --env, at the store where the model is registered.");
        ModelVersion version;
        try
        {
            version = registry.Resolve(reference);
        }
        catch (KilnException exception)
        {
            throw new KilnException($"{tried} in the {settings.EnvironmentName} store {context.DisplayPath(root)}: {exception.Message}", exception);
        }
        var location = version.BundleLocation;
        var what = $"{reference} is version {version.Version} of '{version.Name}'";
        string local;
        try
        {
            // A bundle in object storage (s3://…) is downloaded once into the store's .cache/bundles and reused from there.
            local = BundleFiles.ForStore(root, context.Environment).LocalPath(location);
        }
        catch (KilnException exception)
        {
            throw new KilnException($"{what}, whose bundle cannot be fetched: {exception.Message}", exception);
        }
        if (!File.Exists(local))
            throw new KilnException($"{what}, registered with the bundle {location}, which no longer exists. Register the model again from where its model.kiln is now.");
        var copy = local == location ? string.Empty : $", local copy {context.DisplayPath(local)}";
        context.Log($"model {reference} → {version.Reference} ({(local == location ? context.DisplayPath(location) : location)}{copy})");
        return local;
    }
}

/// <summary>The arguments of one <c>kiln predict</c>.</summary>
internal sealed record PredictJob(string Model, string Input, string Output, string? Id, int ChunkRows, int Threads, bool Restart);
