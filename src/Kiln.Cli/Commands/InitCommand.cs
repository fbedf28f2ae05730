using System.CommandLine;
using Kiln.Workflow.Configuration;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln init</c>: writes a commented kiln.yaml for a data file and a target column.</summary>
internal sealed class InitCommand(CliContext context)
{
    public const string Description =
        "Write a commented kiln.yaml for a data file and the column to predict: the data is read to check the target and infer the task; " +
        "every other key shows its default. Then run it with 'kiln run'.";

    public Command Build()
    {
        var directory = new Argument<string?>("dir") { Description = "The project folder, created when missing [default: the current folder].", Arity = ArgumentArity.ZeroOrOne };
        var data = new Option<string>("--data", "-d") { Description = "The data file: CSV (.csv, .tsv, .txt, .gz) or Parquet (.parquet, .pq).", Required = true, HelpName = "file" };
        var target = new Option<string>("--target", "-t") { Description = "The column to predict.", Required = true, HelpName = "column" };
        var name = new Option<string?>("--name") { Description = "The model name [default: the folder's name].", HelpName = "name" };
        var force = new Option<bool>("--force") { Description = "Replace an existing kiln.yaml." };
        var command = new Command("init", Description) { directory, data, target, name, force };
        command.SetAction(parsed => Execute(parsed.GetValue(directory), parsed.GetRequiredValue(data), parsed.GetRequiredValue(target), parsed.GetValue(name), parsed.GetValue(force)));
        return command;
    }

    internal int Execute(string? directory, string data, string target, string? name, bool force)
    {
        var folder = context.FullPath(directory ?? ".");
        var path = KilnYamlTemplate.Write(folder, context.FullPath(data), target, name, force);
        var config = KilnYaml.Load(path);
        var task = config.Task is { } written ? written.ToString().ToLowerInvariant() : "inferred when it runs";
        context.Out.WriteLine($"wrote {context.DisplayPath(path)}: model '{config.Name}', target '{config.Target}', task {task}");
        var relative = context.DisplayPath(folder);
        context.Out.WriteLine($"next: kiln run {(relative == "." ? string.Empty : relative)}".TrimEnd());
        return KilnCli.Success;
    }
}
