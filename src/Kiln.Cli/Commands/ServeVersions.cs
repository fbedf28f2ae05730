using System.Globalization;
using Kiln.Core;
using Kiln.Serving.Routing;
using Kiln.Tracking.Registry;

namespace Kiln.Cli.Commands;

/// <summary>The version flags of <c>kiln serve</c>: <c>--canary</c>, <c>--shadow</c>, <c>--reload-every</c> and <c>--canary-seed</c>, as typed.</summary>
internal sealed record ServeVersions(IReadOnlyList<string> Canaries, IReadOnlyList<string> Shadows, double ReloadEverySeconds, ulong? CanarySeed)
{
    /// <summary>The longest reload period accepted, in seconds (a day).</summary>
    public const double MaxReloadSeconds = 86_400;

    /// <exception cref="KilnException">A canary or shadow is malformed.</exception>
    public RoutingOptions Routing()
    {
        var shadows = new List<ModelReference>();
        foreach (var text in Shadows)
        {
            if (!ModelReference.TryParse(text, out var reference, out var problem))
                throw new KilnException($"--shadow {text}: {problem}");
            shadows.Add(reference);
        }
        return new RoutingOptions { Canaries = [.. Canaries.Select(CanaryRoute.Parse)], Shadows = shadows, Seed = CanarySeed };
    }

    /// <exception cref="KilnException">The period is negative, not finite or longer than a day.</exception>
    public TimeSpan ReloadPeriod()
    {
        if (!(ReloadEverySeconds is >= 0 and <= MaxReloadSeconds))
            throw new KilnException(string.Create(CultureInfo.InvariantCulture, $"--reload-every {ReloadEverySeconds} is not a period; give seconds from 0 (never, only through the admin endpoints) to {MaxReloadSeconds}, e.g. 5."));
        return TimeSpan.FromSeconds(ReloadEverySeconds);
    }
}
