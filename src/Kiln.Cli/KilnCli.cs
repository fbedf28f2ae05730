using System.CommandLine;
using Kiln.Cli.Commands;
using Kiln.Core;
using Kiln.LightGbm;

namespace Kiln.Cli;

/// <summary>The <c>kiln</c> command line: builds the commands, runs one, and turns failures into exit codes.</summary>
/// <remarks>
/// Exit codes: 0 success; 1 a user error (a <see cref="KilnException"/>, an <see cref="ArgumentException"/> raised by
/// the input, a missing or unreadable file; the message alone is printed); 2 an internal error (the message and a "this is a bug"
/// hint; the stack trace only with <c>--verbose</c> or <c>KILN_DEBUG=1</c>). Parse errors exit with 1.
/// </remarks>
internal static class KilnCli
{
    public const int Success = 0;
    public const int UserError = 1;
    public const int InternalError = 2;

    /// <summary>Runs <c>kiln</c> with <paramref name="args"/>, in-process.</summary>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <param name="output">Standard output: results.</param>
    /// <param name="error">Standard error: logs, warnings and errors.</param>
    /// <param name="environment">Reads an environment variable (for <c>KILN_DEBUG</c>); default the process environment.</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, Func<string, string?>? environment = null) =>
        Run(args, output, error, environment ?? Environment.GetEnvironmentVariable, Commands);

    /// <summary>Runs <c>kiln</c> with the commands <paramref name="commands"/> builds (tests add commands that fail on purpose).</summary>
    internal static int Run(string[] args, TextWriter output, TextWriter error, Func<string, string?> environment, Func<CliContext, IEnumerable<Command>> commands)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(commands);
        RegisterLearners();
        var context = new CliContext(output, error, environment);
        var verbose = new Option<bool>("--verbose")
        {
            Description = "Print stack traces of internal errors (also KILN_DEBUG=1).",
            Recursive = true,
        };
        var root = new RootCommand("Kiln: an end-to-end machine-learning workflow for .NET.") { verbose };
        foreach (var command in commands(context))
            root.Add(command);
        foreach (var option in root.Options)
        {
            if (option is VersionOption version)
                version.Action = new VersionAction();
        }

        ParseResult? parsed = null;
        try
        {
            parsed = root.Parse(args);
            return parsed.Invoke(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (Exception exception) when (IsUserError(exception))
        {
            error.WriteLine($"error: {UserMessage(exception)}");
            return UserError;
        }
        catch (Exception exception)
        {
            var showTrace = parsed?.GetValue(verbose) == true || environment("KILN_DEBUG") is "1" or "true";
            error.WriteLine($"internal error: {exception.GetType().Name}: {exception.Message}");
            error.WriteLine("This is a bug in kiln; please report it with the command you ran." +
                (showTrace ? string.Empty : " Run again with --verbose (or KILN_DEBUG=1) to see the stack trace."));
            if (showTrace)
                error.WriteLine(exception.ToString());
            return InternalError;
        }
    }

    /// <summary>
    /// Adds the learners and model kinds of the assemblies outside Kiln.Core (LightGBM: the kiln.yaml learner <c>lightgbm</c>,
    /// which then is one of the default candidates, and its bundle kinds). It runs first in every invocation, before any
    /// kiln.yaml is resolved or bundle loaded; registration is idempotent, so repeated in-process runs are fine.
    /// </summary>
    internal static void RegisterLearners() => LightGbmModels.Register();

    /// <summary>The commands of <c>kiln</c>.</summary>
    internal static IEnumerable<Command> Commands(CliContext context)
    {
        yield return new InitCommand(context).Build();
        yield return new RunCommand(context).Build();
        yield return new PredictCommand(context).Build();
        yield return new EvaluateCommand(context).Build();
        yield return new RunsCommand(context).Build();
        yield return new ModelsCommand(context).Build();
        yield return new KeysCommand(context).Build();
        yield return new ServeCommand(context).Build();
    }

    private static bool IsUserError(Exception exception) => exception switch
    {
        KilnException => true,
        IOException => true,
        UnauthorizedAccessException => true,
        ArgumentNullException => false,
        ArgumentException => true,
        _ => false,
    };

    private static string UserMessage(Exception exception)
    {
        var message = exception.Message;
        if (exception is ArgumentException { ParamName: { } parameter })
        {
            var suffix = $" (Parameter '{parameter}')";
            if (message.EndsWith(suffix, StringComparison.Ordinal))
                message = message[..^suffix.Length];
        }
        return message;
    }
}
