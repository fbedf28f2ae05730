using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace Kiln.Cli;

/// <summary>Prints kiln's version; the default action prints the entry assembly's, which is the test host's when kiln runs in-process.</summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public static string Version { get; } =
        typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(VersionAction).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine(Version);
        return KilnCli.Success;
    }
}
