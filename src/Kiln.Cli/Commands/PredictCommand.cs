using System.CommandLine;
using System.Globalization;
using Kiln.Core;
using Kiln.Tracking.Registry;
using Kiln.Workflow.Configuration;
using Kiln.Workflow.Scoring;
using Kiln.Workflow.Store;
using Kiln.Workflow.Tracking;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln predict</c>: scores a CSV or Parquet file with a saved model and writes the predictions.</summary>
/// <remarks>
/// <c>--model</c> is a model.kiln file, or a registry reference (<c>name</c>, <c>name@alias</c>, <c>name/3</c>) resolved
/// through the registry of the store that <c>--store</c> and <c>--env</c> choose. A file that exists wins over a reference of the same spelling.
/// </remarks>
internal sealed class PredictCommand(CliContext context)
{
    public const string Description =
        "Score a CSV or Parquet file with a model.kiln that 'kiln run' saved, or with a registered model (NAME, NAME@ALIAS, NAME/N); " +
        "write the predictions (and proba_<class> columns for a classifier) next to an id column, as CSV or Parquet by the output's extension.";

    public Command Build()
    {
        var model = new Option<string>("--model", "-m") { Description = "The model.kiln to score with, or a registered model: NAME (latest version), NAME@ALIAS or NAME/N.", Required = true, HelpName = "file|ref" };
        var input = new Option<string>("--input", "-i") { Description = "The rows to score: .parquet/.pq as Parquet, else CSV.", Required = true, HelpName = "file" };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the predictions: .parquet/.pq as Parquet, else CSV.", Required = true, HelpName = "file" };
        var id = new Option<string?>("--id") { Description = $"An input column to copy next to the predictions [default: '{BatchPrediction.RowColumn}', the 0-based row number].", HelpName = "column" };
        var store = new Option<string?>("--store") { Description = $"The store whose registry resolves a model reference [default: ${StoreRoot.EnvironmentVariable}, else the environment's store in {KilnSettingsFile.FileName}, else ./{StoreRoot.DefaultFolder} (develop) or ./{TrackingSettings.ProductionDefaultFolder} (production)].", HelpName = "dir" };
        var environment = RunCommand.EnvironmentOption();
        var command = new Command("predict", Description) { model, input, output, id, store, environment };
        command.SetAction(parsed => Execute(parsed.GetRequiredValue(model), parsed.GetRequiredValue(input), parsed.GetRequiredValue(output), parsed.GetValue(id), StoreFlags.From(parsed, store, environment)));
        return command;
    }

    internal int Execute(string model, string input, string output, string? id, StoreFlags where)
    {
        var modelPath = ModelPath(model, where);
        var result = BatchPrediction.Run(modelPath, context.FullPath(input), context.FullPath(output), id, new Progress(context.Error));
        var what = result.Classes is null ? "predictions" : $"predicted classes and probabilities of {string.Join(", ", result.Classes)}";
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {result.Rows} rows of {what} to {context.DisplayPath(result.OutputPath)}"));
        return KilnCli.Success;
    }

    /// <summary>The bundle file <paramref name="model"/> names: the file itself when it exists, else the bundle of the registered version it refers to.</summary>
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
        if (location.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
            throw new KilnException($"{reference} is version {version.Version} of '{version.Name}', whose bundle is in object storage ({location}); kiln predict reads local files. Download it and pass its path with --model.");
        if (!File.Exists(location))
            throw new KilnException($"{reference} is version {version.Version} of '{version.Name}', registered with the bundle {location}, which no longer exists. Register the model again from where its model.kiln is now.");
        context.Log($"model {reference} → {version.Reference} ({context.DisplayPath(location)})");
        return location;
    }

    private sealed class Progress(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine(value);
    }
}
