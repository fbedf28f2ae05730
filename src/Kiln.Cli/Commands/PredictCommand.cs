using System.CommandLine;
using System.Globalization;
using Kiln.Workflow.Scoring;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln predict</c>: scores a CSV or Parquet file with a saved model and writes the predictions.</summary>
internal sealed class PredictCommand(CliContext context)
{
    public const string Description =
        "Score a CSV or Parquet file with a model.kiln that 'kiln run' saved; write the predictions (and proba_<class> columns for a classifier) " +
        "next to an id column, as CSV or Parquet by the output's extension.";

    public Command Build()
    {
        var model = new Option<string>("--model", "-m") { Description = "The model.kiln to score with.", Required = true, HelpName = "file" };
        var input = new Option<string>("--input", "-i") { Description = "The rows to score: .parquet/.pq as Parquet, else CSV.", Required = true, HelpName = "file" };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the predictions: .parquet/.pq as Parquet, else CSV.", Required = true, HelpName = "file" };
        var id = new Option<string?>("--id") { Description = $"An input column to copy next to the predictions [default: '{BatchPrediction.RowColumn}', the 0-based row number].", HelpName = "column" };
        var command = new Command("predict", Description) { model, input, output, id };
        command.SetAction(parsed => Execute(parsed.GetRequiredValue(model), parsed.GetRequiredValue(input), parsed.GetRequiredValue(output), parsed.GetValue(id)));
        return command;
    }

    internal int Execute(string model, string input, string output, string? id)
    {
        var result = BatchPrediction.Run(context.FullPath(model), context.FullPath(input), context.FullPath(output), id, new Progress(context.Error));
        var what = result.Classes is null ? "predictions" : $"predicted classes and probabilities of {string.Join(", ", result.Classes)}";
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {result.Rows} rows of {what} to {context.DisplayPath(result.OutputPath)}"));
        return KilnCli.Success;
    }

    private sealed class Progress(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine(value);
    }
}
