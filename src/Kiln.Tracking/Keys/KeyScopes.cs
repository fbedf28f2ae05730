namespace Kiln.Tracking.Keys;

/// <summary>The scopes an API key can carry: what its holder may call. <see cref="Admin"/> implies every other scope.</summary>
public static class KeyScopes
{
    /// <summary>May ask for predictions.</summary>
    public const string Predict = "predict";

    /// <summary>May send feedback (true labels or values) for earlier predictions.</summary>
    public const string Feedback = "feedback";

    /// <summary>May do everything, including administration (moving aliases, reloading models).</summary>
    public const string Admin = "admin";

    /// <summary>Every scope, in the order messages list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Predict, Feedback, Admin];

    /// <summary>Whether <paramref name="scope"/> is one of <see cref="All"/> (exactly, lower case).</summary>
    public static bool IsKnown(string? scope) => scope is Predict or Feedback or Admin;

    /// <summary>Whether a key with <paramref name="granted"/> may do what <paramref name="required"/> allows: it holds that scope, or <see cref="Admin"/>.</summary>
    public static bool Satisfies(IEnumerable<string> granted, string required)
    {
        ArgumentNullException.ThrowIfNull(granted);
        ArgumentNullException.ThrowIfNull(required);
        return granted.Any(scope => string.Equals(scope, required, StringComparison.Ordinal) || string.Equals(scope, Admin, StringComparison.Ordinal));
    }

    /// <summary>The scopes of a new key, checked, without repeats, in the order of <see cref="All"/>.</summary>
    /// <exception cref="ArgumentException">No scope was given, or one is not in <see cref="All"/>.</exception>
    public static IReadOnlyList<string> Normalize(IEnumerable<string> scopes, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(scopes, parameterName);
        var given = scopes.ToList();
        foreach (var scope in given)
        {
            if (!IsKnown(scope))
                throw new ArgumentException($"The scope '{TrackingNames.Display(scope)}' is not known: use {string.Join(", ", All)} (admin implies the others).", parameterName);
        }
        if (given.Count == 0)
            throw new ArgumentException($"A key needs at least one scope: give {string.Join(", ", All)} (admin implies the others).", parameterName);
        return [.. All.Where(given.Contains)];
    }
}
