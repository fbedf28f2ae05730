using System.CommandLine;
using Kiln.Core.Data;
using Kiln.Core.Metrics;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln evaluate</c>: every metric of a CSV file of true values and predictions.</summary>
internal sealed class EvaluateCommand(CliContext context)
{
    public const string Description =
        "Compute every metric that applies to a CSV file of true values and predictions, with scikit-learn's definitions and names. " +
        "Class probabilities, when present, are columns named proba_<class>.";

    public static readonly string TaskDescription =
        "classification or regression. Default: inferred; classification when proba_ columns are present or the target is not numeric; " +
        "regression when the target or the prediction holds a non-whole number or the target has more than " +
        $"{EvaluationInput.MaxClassesForInference} distinct values; otherwise classification.";

    public Command Build()
    {
        var input = new Option<string>("--input", "-i") { Description = "The CSV file of true values and predictions.", Required = true, HelpName = "file" };
        var target = new Option<string>("--target", "-t") { Description = "The column of true values.", Required = true, HelpName = "column" };
        var prediction = new Option<string?>("--prediction", "-p") { Description = "The column of predicted values [default: 'prediction', else 'pred'].", HelpName = "column" };
        var weight = new Option<string?>("--weight", "-w") { Description = "A column of non-negative sample weights.", HelpName = "column" };
        var positive = new Option<string?>("--positive") { Description = "The positive class of a binary task [default: the second class in sorted order, as scikit-learn's pos_label=1 for 0/1].", HelpName = "label" };
        var task = new Option<string?>("--task") { Description = TaskDescription, HelpName = "task" };
        task.AcceptOnlyFromAmong("classification", "regression");
        var json = new Option<bool>("--json") { Description = "Print one JSON object keyed by scikit-learn's metric names instead of a table." };

        var command = new Command("evaluate", Description) { input, target, prediction, weight, positive, task, json };
        command.SetAction(parsed => Execute(new EvaluateOptions(
            parsed.GetRequiredValue(input),
            parsed.GetRequiredValue(target),
            parsed.GetValue(prediction),
            parsed.GetValue(weight),
            parsed.GetValue(positive),
            parsed.GetValue(task),
            parsed.GetValue(json))));
        return command;
    }

    internal int Execute(EvaluateOptions options)
    {
        if (!File.Exists(options.Input))
            throw new CliUsageException($"The input file '{options.Input}' does not exist; pass the path of a CSV file with --input.");
        var table = CsvTable.Read(options.Input);
        var input = EvaluationInput.Resolve(table, Path.GetFileName(options.Input), options, context);
        if (input.Classification is { } classification)
        {
            var report = ClassificationReport.Compute(classification.TrueClasses, classification.PredictedClasses, classification.Probabilities,
                classification.Classes, classification.PositiveClass, input.Weights);
            if (options.Json)
                MetricsJson.Write(context.Out, report.Metrics, report.ConfusionMatrix, report.Classes);
            else
                MetricsText.Write(context.Out, report.Metrics, report.ConfusionMatrix, report.Classes);
        }
        else
        {
            var regression = input.Regression!;
            var report = RegressionReport.Compute(regression.TrueValues, regression.PredictedValues, input.Weights);
            if (options.Json)
                MetricsJson.Write(context.Out, report.Metrics, null, null);
            else
                MetricsText.Write(context.Out, report.Metrics, null, null);
        }
        return KilnCli.Success;
    }
}
