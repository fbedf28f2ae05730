using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Kiln.Tracking.Registry;

/// <summary>A way to name one version of a registered model: <c>name</c> (the latest version), <c>name@alias</c> or <c>name/3</c>.</summary>
public sealed record ModelReference
{
    private ModelReference(string name, ModelReferenceKind kind, string? alias, int? version)
    {
        Name = name;
        Kind = kind;
        Alias = alias;
        Version = version;
    }

    /// <summary>The model's name.</summary>
    public string Name { get; }

    /// <summary>How the version is picked.</summary>
    public ModelReferenceKind Kind { get; }

    /// <summary>The alias, for <see cref="ModelReferenceKind.Alias"/>; otherwise null.</summary>
    public string? Alias { get; }

    /// <summary>The version number, for <see cref="ModelReferenceKind.Version"/>; otherwise null.</summary>
    public int? Version { get; }

    /// <summary>A reference to the latest version of <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is not valid.</exception>
    public static ModelReference Latest(string name)
    {
        RegistryNames.ValidateModelName(name, nameof(name));
        return new ModelReference(name, ModelReferenceKind.Latest, null, null);
    }

    /// <summary>A reference to the version <paramref name="alias"/> points at.</summary>
    /// <exception cref="ArgumentException">The name or alias is not valid.</exception>
    public static ModelReference ToAlias(string name, string alias)
    {
        RegistryNames.ValidateModelName(name, nameof(name));
        RegistryNames.ValidateAlias(alias, nameof(alias));
        return new ModelReference(name, ModelReferenceKind.Alias, alias, null);
    }

    /// <summary>A reference to version <paramref name="version"/>.</summary>
    /// <exception cref="ArgumentException">The name or the version is not valid.</exception>
    public static ModelReference ToVersion(string name, int version)
    {
        RegistryNames.ValidateModelName(name, nameof(name));
        RegistryNames.ValidateVersion(version, nameof(version));
        return new ModelReference(name, ModelReferenceKind.Version, null, version);
    }

    /// <summary>Reads <c>name</c>, <c>name@alias</c> or <c>name/N</c>.</summary>
    /// <exception cref="ArgumentException">The text is none of the three; the message says which part is wrong and shows the text.</exception>
    public static ModelReference Parse(string text)
    {
        if (TryParse(text, out var reference, out var problem))
            return reference;
        throw new ArgumentException(problem, nameof(text));
    }

    /// <summary>Reads <c>name</c>, <c>name@alias</c> or <c>name/N</c>; false when the text is none of the three.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ModelReference? reference) => TryParse(text, out reference, out _);

    /// <summary>Reads <c>name</c>, <c>name@alias</c> or <c>name/N</c>; on failure <paramref name="problem"/> says what is wrong.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ModelReference? reference, [NotNullWhen(false)] out string? problem)
    {
        reference = null;
        const string Forms = "write NAME (the latest version), NAME@ALIAS or NAME/VERSION, e.g. churn@champion or churn/3";
        if (string.IsNullOrEmpty(text))
        {
            problem = $"The model reference is empty: {Forms}.";
            return false;
        }
        var shown = TrackingNames.Display(text);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (at >= 0 && slash >= 0)
        {
            problem = $"The model reference '{shown}' has both '@' and '/': {Forms}.";
            return false;
        }
        var separator = at >= 0 ? at : slash;
        var name = separator >= 0 ? text[..separator] : text;
        if (!TrackingNames.IsValidName(name))
        {
            problem = $"The model name '{TrackingNames.Display(name)}' in reference '{shown}' is not valid: use {TrackingNames.Rule}; {Forms}.";
            return false;
        }
        if (separator < 0)
        {
            reference = new ModelReference(name, ModelReferenceKind.Latest, null, null);
            problem = null;
            return true;
        }
        var rest = text[(separator + 1)..];
        if (at >= 0)
        {
            if (!RegistryNames.IsValidAlias(rest))
            {
                problem = $"The alias '{TrackingNames.Display(rest)}' in reference '{shown}' is not valid: use {RegistryNames.AliasRule} (for a version number write {name}/N).";
                return false;
            }
            reference = new ModelReference(name, ModelReferenceKind.Alias, rest, null);
            problem = null;
            return true;
        }
        if (!IsCanonicalPositive(rest, out var version))
        {
            problem = $"The version '{TrackingNames.Display(rest)}' in reference '{shown}' is not valid: write a whole number from 1 to {int.MaxValue} without sign or leading zeros (for an alias write {name}@ALIAS).";
            return false;
        }
        reference = new ModelReference(name, ModelReferenceKind.Version, null, version);
        problem = null;
        return true;
    }

    /// <summary>The reference as it is written: <c>name</c>, <c>name@alias</c> or <c>name/N</c>.</summary>
    public override string ToString() => Kind switch
    {
        ModelReferenceKind.Alias => $"{Name}@{Alias}",
        ModelReferenceKind.Version => string.Create(CultureInfo.InvariantCulture, $"{Name}/{Version}"),
        _ => Name,
    };

    private static bool IsCanonicalPositive(string text, out int value)
    {
        value = 0;
        if (text.Length is 0 or > 10 || text[0] == '0' || !text.All(char.IsAsciiDigit))
            return false;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
