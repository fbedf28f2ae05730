using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Kiln.Cli.Tests;

/// <summary>What one in-process run of <c>kiln</c> printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>Standard output parsed as the one JSON object <c>--json</c> prints.</summary>
    public JsonObject Json => JsonNode.Parse(Out)!.AsObject();
}

/// <summary>Runs <c>kiln</c> in-process with captured output.</summary>
internal static class CliRun
{
    public static CliResult Invoke(params string[] args) => Invoke(_ => null, args);

    /// <summary>Starts the built <c>kiln</c> next to the tests as a separate process (to kill it mid-job), its output read and dropped.</summary>
    public static Process StartProcess(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "kiln.exe" : "kiln"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static CliResult Invoke(Func<string, string?> environment, params string[] args) =>
        Invoke(environment, KilnCli.Commands, args);

    /// <summary>Runs <c>kiln</c> as if started in <paramref name="currentDirectory"/> (where relative paths start and kiln.config.yaml is looked for).</summary>
    public static CliResult InvokeIn(string currentDirectory, params string[] args) =>
        Invoke(_ => null, context => KilnCli.Commands(new CliContext(context.Out, context.Error, context.Environment, currentDirectory)), args);

    public static CliResult Invoke(Func<string, string?> environment, Func<CliContext, IEnumerable<Command>> commands, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = KilnCli.Run(args, output, error, environment, commands);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

/// <summary>A temporary folder deleted when disposed.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("kiln-cli-tests-").FullName;
    }

    public string Path { get; }

    public string Write(string fileName, string content)
    {
        var path = System.IO.Path.Combine(Path, fileName);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
