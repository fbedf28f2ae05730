using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Kiln.Core;
using Kiln.Tracking;
using Kiln.Tracking.Keys;
using Kiln.Workflow.Configuration;
using Kiln.Workflow.Tracking;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln keys</c>: the API keys of a store, for <c>kiln serve</c> — create, list, revoke.</summary>
internal sealed class KeysCommand(CliContext context)
{
    public const string Description =
        "API keys for 'kiln serve', kept in the store (only a hash of each key): create one with scopes " +
        "(predict, feedback, admin), list them, revoke one. Clients send a key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.";

    public Command Build() => new("keys", Description)
    {
        BuildCreate(),
        BuildList(),
        BuildRevoke(),
    };

    internal int Create(string name, IReadOnlyList<string> scopes, StoreFlags where)
    {
        TrackingNames.ValidateName(name, "key name", nameof(name));
        if (scopes.Count == 0)
            throw new CliUsageException($"'kiln keys create {name}' needs at least one --scope: {string.Join(", ", KeyScopes.All)} (repeat --scope for several; admin implies the others).");
        KeyScopes.Normalize(scopes, nameof(scopes));
        var settings = where.Resolve(context);
        EnvironmentMarker.Claim(settings.StoreRoot, settings.Environment);
        using var store = ApiKeyStores.Open(settings.Tracking, settings.StoreRoot, TimeProvider.System);
        var created = store.Create(name, scopes);
        context.Log($"created API key '{created.Record.Name}' (id {created.Record.Id}, scopes {string.Join(", ", created.Record.Scopes)}) in the {settings.EnvironmentName} store {context.DisplayPath(settings.StoreRoot)}.");
        context.Log("The key is on the next line of standard output and is shown only this once (the store keeps just its hash): copy it now.");
        context.Out.WriteLine(created.Key);
        return KilnCli.Success;
    }

    internal int List(bool json, StoreFlags where)
    {
        var settings = Settings(where);
        using var store = ApiKeyStores.OpenExisting(settings.Tracking, settings.StoreRoot, TimeProvider.System);
        var keys = store?.List() ?? [];
        if (json)
        {
            WriteJson(keys);
            return KilnCli.Success;
        }
        if (keys.Count == 0)
        {
            context.Out.WriteLine($"no API keys in the {settings.EnvironmentName} store {context.DisplayPath(settings.StoreRoot)}; create one with 'kiln keys create NAME --scope predict'");
            return KilnCli.Success;
        }
        List<string[]> rows = [["id", "name", "scopes", "created", "revoked"]];
        rows.AddRange(keys.Select(key => new[] { key.Id, key.Name, string.Join(",", key.Scopes), Time(key.Created), key.Revoked is { } revoked ? Time(revoked) : "-" }));
        var widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        foreach (var row in rows)
            context.Out.WriteLine(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
        return KilnCli.Success;
    }

    internal int Revoke(string idOrName, StoreFlags where)
    {
        var settings = Settings(where);
        using var store = ApiKeyStores.OpenExisting(settings.Tracking, settings.StoreRoot, TimeProvider.System)
            ?? throw new KilnException($"There are no API keys in the {settings.EnvironmentName} store {context.DisplayPath(settings.StoreRoot)} (no {SqliteRunStore.FileName}), so '{TrackingNames.Display(idOrName)}' names nothing. Point --store (or KILN_HOME), or --env, at the store that holds the key.");
        var revoked = store.Revoke(idOrName);
        context.Out.WriteLine($"revoked API key '{revoked.Name}' (id {revoked.Id}); running servers refuse it within a second (they remember a verified key for at most 1 s)");
        return KilnCli.Success;
    }

    private Command BuildCreate()
    {
        var name = new Argument<string>("name") { Description = $"The key's name, e.g. the client that will use it ({TrackingNames.Rule})." };
        var scope = new Option<string[]>("--scope") { Description = "What the key may do: predict, feedback or admin (admin implies the others); repeatable.", HelpName = "scope" };
        scope.AcceptOnlyFromAmong([.. KeyScopes.All]);
        var store = RunCommand.StoreOption();
        var environment = RunCommand.EnvironmentOption();
        var command = new Command("create", "Create an API key; the key is printed once, alone on the last line of standard output.") { name, scope, store, environment };
        command.SetAction(parsed => Create(parsed.GetRequiredValue(name), parsed.GetValue(scope) ?? [], StoreFlags.From(parsed, store, environment)));
        return command;
    }

    private Command BuildList()
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array of keys (id, name, scopes, created, revoked); never the keys themselves." };
        var store = RunCommand.StoreOption();
        var environment = RunCommand.EnvironmentOption();
        var command = new Command("list", "List the API keys, revoked ones too (never the secrets).") { json, store, environment };
        command.SetAction(parsed => List(parsed.GetValue(json), StoreFlags.From(parsed, store, environment)));
        return command;
    }

    private Command BuildRevoke()
    {
        var key = new Argument<string>("key") { Description = "The key's id, or the name of a key not yet revoked (see 'kiln keys list')." };
        var store = RunCommand.StoreOption();
        var environment = RunCommand.EnvironmentOption();
        var command = new Command("revoke", "Revoke an API key by id or name; a running server refuses it from the next request on.") { key, store, environment };
        command.SetAction(parsed => Revoke(parsed.GetRequiredValue(key), StoreFlags.From(parsed, store, environment)));
        return command;
    }

    private TrackingSettings Settings(StoreFlags where)
    {
        var settings = where.Resolve(context);
        EnvironmentMarker.Check(settings.StoreRoot, settings.Environment);
        return settings;
    }

    private void WriteJson(IReadOnlyList<ApiKey> keys)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartArray();
            foreach (var key in keys)
            {
                json.WriteStartObject();
                json.WriteString("id", key.Id);
                json.WriteString("name", key.Name);
                json.WriteStartArray("scopes");
                foreach (var scope in key.Scopes)
                    json.WriteStringValue(scope);
                json.WriteEndArray();
                json.WriteString("created", Time(key.Created));
                if (key.Revoked is { } revoked)
                    json.WriteString("revoked", Time(revoked));
                else
                    json.WriteNull("revoked");
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        context.Out.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
