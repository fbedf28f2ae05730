using System.CommandLine;
using System.Globalization;
using Kiln.Core;
using Kiln.Tracking;
using Kiln.Tracking.Artifacts;
using Kiln.Tracking.Registry;
using Kiln.Workflow.Configuration;
using Kiln.Workflow.Store;
using Kiln.Workflow.Tracking;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln models</c>: the model registry of a store — register, list, show, promote, alias, delete.</summary>
internal sealed class ModelsCommand(CliContext context)
{
    public const string Description =
        "The model registry of a store: models by name, versions numbered from 1, aliases such as champion; " +
        "refer to a version as NAME (the latest), NAME@ALIAS or NAME/N.";

    public Command Build() => new("models", Description)
    {
        BuildRegister(),
        BuildList(),
        BuildShow(),
        BuildPromote(),
        BuildAlias(),
        BuildDelete(),
    };

    internal int Register(string name, string bundle, string? description, IReadOnlyList<string> aliases, StoreFlags where)
    {
        RegistryNames.ValidateModelName(name, nameof(name));
        foreach (var alias in aliases)
            RegistryNames.ValidateAlias(alias, nameof(aliases));
        var settings = where.Resolve(context);
        // A bundle in object storage is fetched into the store's cache to read what it records; the registry keeps its URI.
        var version = (ArtifactStores.IsRemote(bundle)
            ? ModelRegistration.FromBundle(BundleFiles.ForStore(settings.StoreRoot, context.Environment).LocalPath(bundle), bundleLocation: bundle, description: description)
            : ModelRegistration.FromBundle(context.FullPath(bundle), description: description)) with { Aliases = [.. aliases] };
        using var registry = Open(settings);
        var before = registry.GetModel(name)?.Aliases;
        var registered = registry.Register(name, version);
        context.Out.WriteLine($"registered {registered.Reference} ({Lineage(registered)})");
        foreach (var alias in registered.Aliases)
        {
            int? previous = before is not null && before.TryGetValue(alias, out var held) ? held : null;
            context.Out.WriteLine(AliasMoved(name, alias, registered.Version, previous));
        }
        return KilnCli.Success;
    }

    internal int List(bool json, StoreFlags where)
    {
        var settings = Settings(where);
        using var registry = OpenExisting(settings);
        var models = registry?.ListModels() ?? [];
        if (json)
        {
            ModelsOutput.WriteModelsJson(context.Out, models);
            return KilnCli.Success;
        }
        if (models.Count == 0)
        {
            context.Out.WriteLine($"no models in the registry of the {settings.EnvironmentName} store {context.DisplayPath(settings.StoreRoot)}; register one with 'kiln models register NAME --bundle model.kiln'");
            return KilnCli.Success;
        }
        ModelsOutput.WriteModelsTable(context.Out, models);
        return KilnCli.Success;
    }

    internal int Show(string reference, bool json, StoreFlags where)
    {
        var parsed = ModelReference.Parse(reference);
        var settings = Settings(where);
        using var registry = OpenExisting(settings) ?? throw NoRegistry(settings, reference);
        if (parsed.Kind == ModelReferenceKind.Latest)
        {
            var model = registry.GetModel(parsed.Name) ?? throw new KilnException(UnknownModelMessage(registry, parsed));
            if (json)
                ModelsOutput.WriteModelJson(context.Out, model);
            else
                ModelsOutput.WriteModelText(context.Out, model);
            return KilnCli.Success;
        }
        var version = registry.Resolve(parsed);
        if (json)
            ModelsOutput.WriteVersionJson(context.Out, version);
        else
            ModelsOutput.WriteVersionText(context.Out, version);
        return KilnCli.Success;
    }

    internal int Promote(string reference, string alias, string? ifBetter, StoreFlags where)
    {
        var parsed = ModelReference.Parse(reference);
        RegistryNames.ValidateAlias(alias, nameof(alias));
        var rule = ifBetter is null ? PromotionRule.Explicit : PromotionRule.BetterOn(ifBetter);
        var settings = Settings(where);
        using var registry = OpenExisting(settings) ?? throw NoRegistry(settings, reference);
        var candidate = registry.Resolve(parsed);
        var result = registry.Promote(candidate.Name, candidate.Version, alias, rule);
        var was = result.PreviousVersion is { } previous && previous != result.Version
            ? string.Create(CultureInfo.InvariantCulture, $" (was version {previous})")
            : string.Empty;
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Name}@{result.Alias} → version {result.Version}{was}: {result.Reason}"));
        return KilnCli.Success;
    }

    internal int Alias(string name, string alias, int? version, bool remove, StoreFlags where)
    {
        RegistryNames.ValidateModelName(name, nameof(name));
        RegistryNames.ValidateAlias(alias, nameof(alias));
        if (remove && version is not null)
            throw new CliUsageException($"'kiln models alias {name} {alias} {version} --remove' gives both a version and --remove: to remove the alias leave the version out, to move it leave --remove out.");
        if (!remove && version is null)
            throw new CliUsageException($"'kiln models alias {name} {alias}' needs the version to point the alias at (kiln models alias {name} {alias} N), or --remove to remove it.");
        var settings = Settings(where);
        using var registry = OpenExisting(settings) ?? throw NoRegistry(settings, name);
        if (remove)
        {
            var was = registry.RemoveAlias(name, alias);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"removed {name}@{alias} (it pointed at version {was})"));
            return KilnCli.Success;
        }
        var previous = registry.SetAlias(name, alias, version!.Value);
        context.Out.WriteLine(AliasMoved(name, alias, version.Value, previous));
        return KilnCli.Success;
    }

    internal int Delete(string reference, bool force, StoreFlags where)
    {
        var parsed = ModelReference.Parse(reference);
        if (parsed.Kind == ModelReferenceKind.Alias)
            throw new CliUsageException($"'kiln models delete' takes NAME (the whole model) or NAME/N (one version), not an alias ('{reference}'). Delete {parsed.Name}/N, or remove the alias with 'kiln models alias {parsed.Name} {parsed.Alias} --remove'.");
        var settings = Settings(where);
        using var registry = OpenExisting(settings) ?? throw NoRegistry(settings, reference);
        if (parsed.Kind == ModelReferenceKind.Version)
        {
            registry.DeleteVersion(parsed.Name, parsed.Version!.Value, force);
            context.Out.WriteLine($"deleted {parsed} from the registry (the bundle file is left where it is; version numbers are not reused)");
            return KilnCli.Success;
        }
        var count = registry.GetModel(parsed.Name)?.Versions.Count ?? 0;
        registry.DeleteModel(parsed.Name, force);
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"deleted model {parsed.Name} and its {count} version{(count == 1 ? string.Empty : "s")} from the registry (bundle files are left where they are)"));
        return KilnCli.Success;
    }

    private Command BuildRegister()
    {
        var name = new Argument<string>("name") { Description = $"The model's name ({TrackingNames.Rule})." };
        var bundle = new Option<string>("--bundle") { Description = "The model.kiln to register (it must load): a file, or an s3://bucket/key URI (fetched once into the store's cache; the registry keeps the URI); its run id, data version, signature and test metrics are read from it.", Required = true, HelpName = "file|uri" };
        var description = new Option<string?>("--description") { Description = "Free text about this version.", HelpName = "text" };
        var alias = new Option<string[]>("--alias") { Description = "An alias to point at the new version (repeatable).", HelpName = "word" };
        var store = RunCommand.StoreOption();
        var environment = RunCommand.EnvironmentOption();
        var command = new Command("register", "Register a model.kiln as the next version of a model.") { name, bundle, description, alias, store, environment };
        command.SetAction(parsed => Register(parsed.GetRequiredValue(name), parsed.GetRequiredValue(bundle), parsed.GetValue(description), parsed.GetValue(alias) ?? [], StoreFlags.From(parsed, store, environment)));
        return command;
    }

    private Command BuildList()
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array of models (name, versions with their number, run id and aliases)." };
        var store = RunCommand.StoreOption();
        var environment = RunCommand.EnvironmentOption();
        var command = new Command("list", "List the registered models with their versions and aliases.") { json, store, environment };
        command.SetAction(parsed => List(parsed.GetValue(json), StoreFlags.From(parsed, store, environment)));
        return command;
    }

    private Command BuildShow()
    {
        var reference = new Argument<string>("model") { Description = "NAME (the model and all its versions), NAME@ALIAS or NAME/N (one version)." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var store = RunCommand.StoreOption();
        var environment = RunCommand.EnvironmentOption();
        var command = new Command("show", "Show a model, or one version with its run, data version, bundle, signature and test metrics.") { reference, json, store, environment };
        command.SetAction(parsed => Show(parsed.GetRequiredValue(reference), parsed.GetValue(json), StoreFlags.From(parsed, store, environment)));
        return command;
    }

    private Command BuildPromote()
    {
        var reference = new Argument<string>("version") { Description = "The candidate: NAME/N (or NAME@ALIAS, or NAME for the latest version)." };
        var to = new Option<string>("--to") { Description = "The alias to move.", DefaultValueFactory = _ => RegistryNames.Champion, HelpName = "alias" };
        var ifBetter = new Option<string?>("--if-better") { Description = "Promote only if the candidate is strictly better on this test metric than the alias's holder, both tested on the same data version.", HelpName = "metric" };
        var store = RunCommand.StoreOption();
        var environment = RunCommand.EnvironmentOption();
        var command = new Command("promote", "Point an alias (champion by default) at a version, explicitly or only if it beats the current holder.") { reference, to, ifBetter, store, environment };
        command.SetAction(parsed => Promote(parsed.GetRequiredValue(reference), parsed.GetRequiredValue(to), parsed.GetValue(ifBetter), StoreFlags.From(parsed, store, environment)));
        return command;
    }

    private Command BuildAlias()
    {
        var name = new Argument<string>("name") { Description = "The model's name." };
        var alias = new Argument<string>("alias") { Description = $"The alias ({RegistryNames.AliasRule})." };
        var version = new Argument<int?>("version") { Description = "The version to point the alias at (left out with --remove).", Arity = ArgumentArity.ZeroOrOne };
        var remove = new Option<bool>("--remove") { Description = "Remove the alias instead." };
        var store = RunCommand.StoreOption();
        var environment = RunCommand.EnvironmentOption();
        var command = new Command("alias", "Point an alias at a version (creating or moving it), or remove it with --remove.") { name, alias, version, remove, store, environment };
        command.SetAction(parsed => Alias(parsed.GetRequiredValue(name), parsed.GetRequiredValue(alias), parsed.GetValue(version), parsed.GetValue(remove), StoreFlags.From(parsed, store, environment)));
        return command;
    }

    private Command BuildDelete()
    {
        var reference = new Argument<string>("model") { Description = "NAME (the model with all its versions) or NAME/N (one version)." };
        var force = new Option<bool>("--force") { Description = "Delete even when aliases point at it (the aliases are removed too)." };
        var store = RunCommand.StoreOption();
        var environment = RunCommand.EnvironmentOption();
        var command = new Command("delete", "Delete a version or a whole model from the registry (bundle files are not touched; version numbers are never reused).") { reference, force, store, environment };
        command.SetAction(parsed => Delete(parsed.GetRequiredValue(reference), parsed.GetValue(force), StoreFlags.From(parsed, store, environment)));
        return command;
    }

    /// <summary>
    /// The environment's settings as <c>kiln run</c> resolves them (<c>--env</c>, <c>--store</c>, <c>KILN_ENV</c>, <c>KILN_HOME</c>,
    /// <c>KILN_TRACKING</c>, kiln.config.yaml), after checking that the store does not belong to the other environment.
    /// </summary>
    private TrackingSettings Settings(StoreFlags where)
    {
        var settings = where.Resolve(context);
        EnvironmentMarker.Check(settings.StoreRoot, settings.Environment);
        return settings;
    }

    // The registry lives with the run store: the SQLite file under the store root, or the PostgreSQL database of the
    // environment's tracking connection. Registering writes to the store as a run does, so it claims a store without a marker.
    private static SqlModelRegistry Open(TrackingSettings settings)
    {
        EnvironmentMarker.Claim(settings.StoreRoot, settings.Environment);
        return ModelRegistries.Open(settings.Tracking, settings.StoreRoot, TimeProvider.System);
    }

    private static SqlModelRegistry? OpenExisting(TrackingSettings settings) =>
        ModelRegistries.OpenExisting(settings.Tracking, settings.StoreRoot, TimeProvider.System);

    private KilnException NoRegistry(TrackingSettings settings, string reference) =>
        new($"There is no model registry in the {settings.EnvironmentName} store {context.DisplayPath(settings.StoreRoot)} (no {SqliteRunStore.FileName}), so '{reference}' names nothing. " +
            "Register a model there first, or point --store (or KILN_HOME), or --env, at the store that holds it.");

    private static string UnknownModelMessage(SqlModelRegistry registry, ModelReference reference)
    {
        try
        {
            registry.Resolve(reference);
        }
        catch (KilnException exception)
        {
            return exception.Message;
        }
        return $"There is no model '{reference.Name}'.";
    }

    private static string AliasMoved(string name, string alias, int version, int? previous) => previous switch
    {
        null => string.Create(CultureInfo.InvariantCulture, $"{name}@{alias} → version {version}"),
        { } same when same == version => string.Create(CultureInfo.InvariantCulture, $"{name}@{alias} → version {version} (unchanged)"),
        { } was => string.Create(CultureInfo.InvariantCulture, $"{name}@{alias} → version {version} (was version {was})"),
    };

    private static string Lineage(ModelVersion version)
    {
        var parts = new List<string>
        {
            version.RunId is null ? "no run id" : $"run {version.RunId}",
            version.DataVersion is null ? "data version unknown" : $"data version {version.DataVersion}",
        };
        parts.AddRange(ModelsOutput.HeadlineMetrics(version.TestMetrics.Keys, 3)
            .Select(name => string.Create(CultureInfo.InvariantCulture, $"{name} {ModelsOutput.Number(version.TestMetrics[name])}")));
        if (version.TestMetrics.Count > 3)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{version.TestMetrics.Count - 3} more metrics"));
        return string.Join(", ", parts);
    }
}
