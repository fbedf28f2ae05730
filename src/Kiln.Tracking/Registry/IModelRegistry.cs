using Kiln.Core;

namespace Kiln.Tracking.Registry;

/// <summary>The model registry: models by name, versions numbered from 1, aliases, promotion by rule (DESIGN §6).</summary>
/// <remarks>
/// Names follow <see cref="TrackingNames.Rule"/>, aliases <see cref="RegistryNames.AliasRule"/>. Bad arguments are
/// <see cref="ArgumentException"/>s; a missing model, version or alias, or a refused operation, is a
/// <see cref="KilnException"/> that names the model and says what exists. A version's run id is a link, not a foreign
/// key: the registry works without the runs.
/// </remarks>
public interface IModelRegistry : IDisposable
{
    /// <summary>Registers a new version of <paramref name="name"/> (creating the model on its first version) with the next number, and points its aliases at it, in one transaction.</summary>
    /// <returns>The version as stored; concurrent registrations of one name get distinct numbers.</returns>
    ModelVersion Register(string name, NewModelVersion version);

    /// <summary>The model with its versions and aliases, or null when there is no such model.</summary>
    RegisteredModel? GetModel(string name);

    /// <summary>Every model, by name in ordinal order.</summary>
    IReadOnlyList<RegisteredModel> ListModels();

    /// <summary>Version <paramref name="version"/> of <paramref name="name"/>, or null when either does not exist.</summary>
    ModelVersion? GetVersion(string name, int version);

    /// <summary>The version <paramref name="reference"/> names: <c>name</c> is the latest version.</summary>
    /// <exception cref="KilnException">No such model, alias or version; the message lists the ones that exist.</exception>
    ModelVersion Resolve(ModelReference reference);

    /// <summary>Sets the model's description (null clears it).</summary>
    /// <exception cref="KilnException">No such model.</exception>
    void SetModelDescription(string name, string? description);

    /// <summary>Points <paramref name="alias"/> at <paramref name="version"/>, creating it or moving it in one step.</summary>
    /// <returns>The version the alias pointed at before, or null when it is new.</returns>
    /// <exception cref="KilnException">No such model or version.</exception>
    int? SetAlias(string name, string alias, int version);

    /// <summary>Removes an alias.</summary>
    /// <returns>The version it pointed at.</returns>
    /// <exception cref="KilnException">No such model or alias.</exception>
    int RemoveAlias(string name, string alias);

    /// <summary>Deletes one version; its number is never given again. A version that aliases point at is refused unless <paramref name="force"/> (which removes those aliases).</summary>
    /// <exception cref="KilnException">No such model or version, or aliases point at it and <paramref name="force"/> is false.</exception>
    void DeleteVersion(string name, int version, bool force = false);

    /// <summary>Deletes a model with all its versions and aliases. A model with aliases is refused unless <paramref name="force"/>.</summary>
    /// <exception cref="KilnException">No such model, or it has aliases and <paramref name="force"/> is false.</exception>
    void DeleteModel(string name, bool force = false);

    /// <summary>Moves <paramref name="alias"/> to <paramref name="version"/> when <paramref name="rule"/> allows it, checking and moving in one transaction.</summary>
    /// <remarks>
    /// <see cref="PromotionRule.Explicit"/> always moves the alias. <see cref="PromotionRule.BetterOn"/> moves it only when
    /// the alias is new, or when the candidate and the current holder were tested on the same (known) data version and the
    /// candidate is strictly better on the metric, in the metric's direction. A candidate that already holds the alias
    /// is left as it is.
    /// </remarks>
    /// <exception cref="KilnException">No such model or version, or the rule refuses; the message says why, with both values.</exception>
    PromotionResult Promote(string name, int version, string alias, PromotionRule rule);
}
