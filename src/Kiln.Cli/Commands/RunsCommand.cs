using System.CommandLine;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln runs</c>: the runs recorded in the run store: <c>list</c>, <c>show</c>, <c>compare</c>, <c>delete</c>.</summary>
internal sealed class RunsCommand(CliContext context, Func<bool>? isTerminal = null, TextReader? input = null)
{
    public const string Description = "List, show, compare and delete the runs recorded in the run store (every 'kiln run' records one).";

    public Command Build() => new("runs", Description)
    {
        new RunsListCommand(context).Build(),
        new RunsShowCommand(context).Build(),
        new RunsCompareCommand(context).Build(),
        new RunsDeleteCommand(context, isTerminal ?? (() => !Console.IsInputRedirected), input ?? Console.In).Build(),
    };

    /// <summary>The <c>--namespace</c> option of the commands that look runs up.</summary>
    internal static Option<string?> NamespaceOption(string description) => new("--namespace") { Description = description, HelpName = "name" };
}
