using System.CommandLine;
using Kiln.Workflow.Configuration;

namespace Kiln.Cli.Commands;

/// <summary>The <c>--store</c> and <c>--env</c> values of a command that reads or writes the store (either may be left out).</summary>
/// <param name="Store">The <c>--store</c> value, or <see langword="null"/>.</param>
/// <param name="Environment">The <c>--env</c> value, or <see langword="null"/>.</param>
internal sealed record StoreFlags(string? Store, string? Environment)
{
    /// <summary>The values the command line gave <paramref name="store"/> and <paramref name="environment"/>.</summary>
    public static StoreFlags From(ParseResult parsed, Option<string?> store, Option<string?> environment)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return new StoreFlags(parsed.GetValue(store), parsed.GetValue(environment));
    }

    /// <summary>The settings as <c>kiln run</c> resolves them without a kiln.yaml: these flags first, then <c>KILN_ENV</c>, <c>KILN_HOME</c>, <c>KILN_TRACKING</c> and kiln.config.yaml.</summary>
    public TrackingSettings Resolve(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return TrackingSettings.Resolve(Environment, Store, context.Environment, context.CurrentDirectory);
    }
}
