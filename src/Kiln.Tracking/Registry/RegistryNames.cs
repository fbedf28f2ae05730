using System.Globalization;

namespace Kiln.Tracking.Registry;

/// <summary>The rules for model names and aliases in the registry.</summary>
/// <remarks>
/// Model names follow <see cref="TrackingNames.Rule"/> (they may become folders of the artifact store). Aliases follow the
/// same rule but may not be all digits, so <c>name@3</c> can never be mistaken for version 3.
/// </remarks>
public static class RegistryNames
{
    /// <summary>The rule for aliases, as a phrase for messages.</summary>
    public const string AliasRule = TrackingNames.Rule + ", not all digits";

    /// <summary>The alias <see cref="IModelRegistry.Promote"/> moves when no other is given.</summary>
    public const string Champion = "champion";

    /// <summary>Whether <paramref name="alias"/> is a valid alias.</summary>
    public static bool IsValidAlias(string? alias) => TrackingNames.IsValidName(alias) && !alias!.All(char.IsAsciiDigit);

    /// <summary>Checks a model name.</summary>
    /// <exception cref="ArgumentException">The name does not follow <see cref="TrackingNames.Rule"/>; the message shows it.</exception>
    public static void ValidateModelName(string? name, string parameterName) => TrackingNames.ValidateName(name, "model name", parameterName);

    /// <summary>Checks an alias.</summary>
    /// <exception cref="ArgumentException">The alias does not follow <see cref="AliasRule"/>; the message shows it.</exception>
    public static void ValidateAlias(string? alias, string parameterName)
    {
        if (!IsValidAlias(alias))
            throw new ArgumentException($"The alias '{TrackingNames.Display(alias)}' is not valid: use {AliasRule}.", parameterName);
    }

    /// <summary>Checks a version number.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The number is below 1.</exception>
    public static void ValidateVersion(int version, string parameterName)
    {
        if (version < 1)
            throw new ArgumentOutOfRangeException(parameterName, version, string.Create(CultureInfo.InvariantCulture, $"Model version {version} is not valid: versions are numbered from 1."));
    }
}
