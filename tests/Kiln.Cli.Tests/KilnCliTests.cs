using System.CommandLine;
using Kiln.Core;

namespace Kiln.Cli.Tests;

public sealed class KilnCliTests
{
    [Fact]
    public void Run_Help_ListsEvaluate()
    {
        var result = CliRun.Invoke("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("evaluate", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Help_ListsTheWorkflowCommands()
    {
        var result = CliRun.Invoke("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "init <dir>", "run <path>", "predict <model>" })
            Assert.Contains($"  {command}  ", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_EvaluateHelp_DocumentsTaskInference()
    {
        var result = CliRun.Invoke("evaluate", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("proba_<class>", result.Out, StringComparison.Ordinal);
        Assert.Contains("more than 20 distinct values", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Version_PrintsAssemblyVersion()
    {
        var result = CliRun.Invoke("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("0.1.0", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownCommand_ExitsOne()
    {
        var result = CliRun.Invoke("bake");

        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void Run_KilnException_ExitsOneWithMessageOnly()
    {
        var result = CliRun.Invoke(_ => null, Failing(new KilnException("The file is bad; fix it.")), "fail");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: The file is bad; fix it.", result.Error.Trim());
    }

    [Fact]
    public void Run_ArgumentException_ExitsOneWithoutParameterSuffix()
    {
        var result = CliRun.Invoke(_ => null, Failing(new ArgumentException("The weights are negative.", "weights")), "fail");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: The weights are negative.", result.Error.Trim());
    }

    [Fact]
    public void Run_UnexpectedException_ExitsTwoWithBugHintAndNoTrace()
    {
        var result = CliRun.Invoke(_ => null, Failing(new InvalidOperationException("state was lost")), "fail");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("internal error: InvalidOperationException: state was lost", result.Error, StringComparison.Ordinal);
        Assert.Contains("This is a bug", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnexpectedExceptionWithVerbose_PrintsStackTrace()
    {
        var result = CliRun.Invoke(_ => null, Failing(new InvalidOperationException("state was lost")), "fail", "--verbose");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnexpectedExceptionWithKilnDebug_PrintsStackTrace()
    {
        var result = CliRun.Invoke(name => name == "KILN_DEBUG" ? "1" : null, Failing(new InvalidOperationException("state was lost")), "fail");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("   at ", result.Error, StringComparison.Ordinal);
    }

    private static Func<CliContext, IEnumerable<Command>> Failing(Exception exception) => _ =>
    {
        var command = new Command("fail", "Throws on purpose.");
        command.SetAction(_ => Throw(exception));
        return [command];
    };

    private static int Throw(Exception exception) => throw exception;
}
