using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kiln.Core;
using Kiln.Serving.Auth;
using Kiln.Serving.Requests;
using Kiln.Serving.Routing;
using Kiln.Tracking.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kiln.Serving.Admin;

/// <summary>
/// The admin endpoints of a server that follows a registry, under the <c>admin</c> scope when auth is on:
/// <c>GET /api/admin/models</c> (every slot with its version and role), <c>PUT /api/admin/models/{name}/aliases/{alias}</c>
/// with <c>{"version": N}</c> (moves the alias in the registry and swaps at once) and <c>POST /api/admin/reload</c>
/// (re-resolves every slot now, retrying versions that failed to load).
/// </summary>
internal static class AdminEndpoints
{
    public const string Prefix = "/api/admin";

    // Messages quote names with apostrophes; the relaxed encoder leaves them readable (the answer is JSON, never HTML).
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Map(IEndpointRouteBuilder app, ModelReloader reloader, bool requireAuth)
    {
        var admin = app.MapGroup(Prefix);
        if (requireAuth)
            admin.RequireAuthorization(ApiKeyScopes.Admin);
        admin.MapGet("/models", () => Json(new JsonObject { ["slots"] = Slots(reloader.Catalog) }))
            .WithName("AdminModels").WithSummary("Every served reference (slot) with the version it serves now, its role, canary share and latest reload problem.");
        admin.MapPut("/models/{name}/aliases/{alias}", ServingApp.Guard(http => MoveAliasAsync(http, reloader)))
            .WithName("AdminMoveAlias").WithSummary("Moves an alias to {\"version\": N} in the registry once that version loads, and swaps the slots that follow it at once.");
        admin.MapPost("/reload", ServingApp.Guard(async http =>
        {
            var changes = await Task.Run(() => reloader.ReloadAll(force: true), http.RequestAborted).ConfigureAwait(false);
            return Json(new JsonObject { ["changes"] = Changes(changes), ["slots"] = Slots(reloader.Catalog) });
        })).WithName("AdminReload").WithSummary("Re-resolves every reference that follows an alias or the latest version now, and swaps those that moved.");
    }

    private static async Task<IResult> MoveAliasAsync(HttpContext http, ModelReloader reloader)
    {
        var name = (string)http.Request.RouteValues["name"]!;
        var alias = (string)http.Request.RouteValues["alias"]!;
        if (!RegistryNames.IsValidAlias(alias))
            throw RequestProblem.Input($"The alias '{InvocationsRequest.TextLimit(alias, 40)}' is not valid: use {RegistryNames.AliasRule}.", "alias");
        var version = await VersionAsync(http).ConfigureAwait(false);
        try
        {
            var (before, changes) = await Task.Run(() => reloader.MoveAlias(name, alias, version), http.RequestAborted).ConfigureAwait(false);
            return Json(new JsonObject
            {
                ["model"] = name,
                ["alias"] = alias,
                ["previous_version"] = before,
                ["version"] = version,
                ["changes"] = Changes(changes),
            });
        }
        catch (ArgumentException exception)
        {
            throw RequestProblem.Input(exception.Message, "name");
        }
        catch (ModelNotFoundException exception)
        {
            throw new RequestProblem(StatusCodes.Status404NotFound, "No such model version", exception.Message, "version");
        }
        catch (KilnException exception)
        {
            throw new RequestProblem(StatusCodes.Status422UnprocessableEntity, "The version cannot be served", exception.Message + " The alias was not moved.", "version");
        }
    }

    private static async Task<int> VersionAsync(HttpContext http)
    {
        const string Shape = """{"version": N}""";
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(http.Request.Body, new JsonDocumentOptions { MaxDepth = 4 }, http.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            throw RequestProblem.Input($"The body is not JSON ({exception.Message}); send {Shape}.");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw RequestProblem.Input($"The body is {CellTable.Shown(root)}; send {Shape}.");
            foreach (var member in root.EnumerateObject())
            {
                if (member.Name != "version")
                    throw RequestProblem.Input($"The body has the unknown member '{InvocationsRequest.TextLimit(member.Name, 40)}'; send {Shape}.", member.Name);
            }
            if (!root.TryGetProperty("version", out var element))
                throw RequestProblem.Input($"The body has no 'version'; send {Shape}.", "version");
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var version) || version < 1)
                throw RequestProblem.Input($"'version' is {CellTable.Shown(element)}; give a registered version number, a whole number from 1.", "version");
            return version;
        }
    }

    private static JsonArray Slots(ModelCatalog catalog)
    {
        var slots = new JsonArray();
        foreach (var slot in catalog.Describe())
        {
            var entry = new JsonObject
            {
                ["reference"] = slot.Reference,
                ["name"] = slot.Model.Name,
                ["version"] = slot.Model.Version,
                ["role"] = RoleNames.Of(slot.Role),
                ["follows"] = slot.Follows,
            };
            if (slot.CanaryPercent is { } percent)
                entry["percent"] = percent;
            if (slot.Problem is { } problem)
                entry["problem"] = problem;
            slots.Add(entry);
        }
        return slots;
    }

    private static JsonArray Changes(IReadOnlyList<SlotChange> changes)
    {
        var list = new JsonArray();
        foreach (var change in changes)
        {
            var entry = new JsonObject
            {
                ["reference"] = change.Slot.Reference.ToString(),
                ["role"] = RoleNames.Of(change.Slot.Role),
                ["from"] = change.Before,
                ["to"] = change.After,
                ["swapped"] = change.Swapped,
            };
            if (change.Problem is { } problem)
                entry["problem"] = problem;
            list.Add(entry);
        }
        return list;
    }

    private static IResult Json(JsonObject answer) => Results.Text(answer.ToJsonString(Readable), "application/json");
}
