using System.CommandLine;
using System.Globalization;
using Kiln.Core;
using Kiln.Serving;
using Kiln.Serving.Auth;
using Kiln.Serving.Routing;
using Kiln.Tracking.Artifacts;
using Kiln.Tracking.Keys;
using Kiln.Tracking.Registry;
using Kiln.Workflow.Store;
using Kiln.Workflow.Tracking;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln serve</c>: serves registered models over HTTP (MLflow's <c>/invocations</c> and the Open Inference Protocol v2) until stopped.</summary>
/// <remarks>
/// The references (<c>NAME</c>, <c>NAME@ALIAS</c>, <c>NAME/N</c>) are resolved at start through the registry of the store
/// <c>--store</c> and <c>--env</c> choose, and those that follow an alias or the latest version are re-resolved every
/// <c>--reload-every</c> seconds: a version that moved is loaded off the request path and swapped in while requests run.
/// <c>--canary NAME@ALIAS=PERCENT</c> answers a share of a name's requests with a challenger, <c>--shadow NAME@ALIAS</c>
/// scores every request with one for the prediction log only. Every prediction needs an API key with the predict scope from
/// the store's keys (<c>kiln keys create</c>), and the admin endpoints one with the admin scope, unless <c>--no-auth</c> asks
/// for an open server. Ctrl+C (or SIGTERM) stops it after in-flight requests.
/// </remarks>
internal sealed class ServeCommand(CliContext context)
{
    public const string Description =
        "Serve registered models (NAME, NAME@ALIAS, NAME/N) over HTTP, with API keys: POST /invocations (MLflow's scoring contract), the Open Inference Protocol v2 " +
        "(/v2/models/NAME/infer, metadata, readiness, /v2/health/live|ready), /api/models/NAME/predict and /feedback, /api/admin/..., /metrics and /openapi/v1.json. " +
        "Follows aliases and swaps moved versions in without downtime. Ctrl+C stops it.";

    /// <summary>Registers authentication and the scope policies when auth is on, in place of the store's API keys (tests use another scheme).</summary>
    internal Action<IServiceCollection>? ConfigureAuth { get; init; }

    public Command Build()
    {
        var models = new Argument<string[]>("models") { Description = "The registered models to serve: NAME (latest version), NAME@ALIAS or NAME/N; the first of each name answers requests that name no version.", Arity = ArgumentArity.OneOrMore };
        var port = new Option<int>("--port", "-p") { Description = "The TCP port to listen on (0 picks a free one).", DefaultValueFactory = _ => ServingInfo.DefaultPort, HelpName = "port" };
        var host = new Option<string>("--host") { Description = "The address to listen on: 127.0.0.1 (this machine only), 0.0.0.0 (every interface), or another IP address.", DefaultValueFactory = _ => ServingInfo.DefaultHost, HelpName = "address" };
        var noAuth = new Option<bool>("--no-auth") { Description = "Serve without authentication: anyone who can reach the address can score, and move aliases through the admin endpoints. By default every prediction needs an API key with the predict scope ('kiln keys create'), and the admin endpoints one with the admin scope." };
        var canary = new Option<string[]>("--canary") { Description = "A challenger that answers a share of a served name's requests (those that name no version): NAME@ALIAS=PERCENT, e.g. penguins@challenger=10; one per name, repeatable.", HelpName = "ref=percent" };
        var shadow = new Option<string[]>("--shadow") { Description = "A challenger that scores every request to a served name after the answer, for the prediction log only (role shadow): NAME@ALIAS; one per name, repeatable.", HelpName = "ref" };
        var reloadEvery = new Option<double>("--reload-every") { Description = "Seconds between re-resolving the references that follow an alias or the latest version (a moved version is swapped in without downtime); 0: only on POST /api/admin/reload or an alias moved through the admin endpoint.", DefaultValueFactory = _ => DefaultReloadSeconds, HelpName = "seconds" };
        var canarySeed = new Option<ulong?>("--canary-seed") { Description = "The seed of the canary draws, for a reproducible split; by default a fresh seed from the operating system each start.", HelpName = "seed" };
        var store = RunCommand.StoreOption();
        var environment = RunCommand.EnvironmentOption();
        var command = new Command("serve", Description) { models, port, host, noAuth, canary, shadow, reloadEvery, canarySeed, store, environment };
        var jwt = JwtFlags.Create();
        jwt.AddTo(command);
        var logFlags = new ServeLogFlags();
        logFlags.AddTo(command);
        command.SetAction((parsed, cancellationToken) => ExecuteAsync(
            parsed.GetRequiredValue(models), parsed.GetRequiredValue(host), parsed.GetValue(port), parsed.GetValue(noAuth),
            new ServeVersions(parsed.GetValue(canary) ?? [], parsed.GetValue(shadow) ?? [], parsed.GetValue(reloadEvery), parsed.GetValue(canarySeed)),
            StoreFlags.From(parsed, store, environment), started: null, cancellationToken,
            jwt.Read(parsed, parsed.GetValue(noAuth), context.FullPath), logFlags.Read(parsed)));
        return command;
    }

    /// <summary>The default of <c>--reload-every</c>, in seconds.</summary>
    public const double DefaultReloadSeconds = 5;

    /// <summary>Serves with the defaults for versions: no challengers, re-resolving every <see cref="DefaultReloadSeconds"/> seconds.</summary>
    internal Task<int> ExecuteAsync(IReadOnlyList<string> models, string host, int port, bool noAuth, StoreFlags where, Action<Uri>? started, CancellationToken cancellationToken) =>
        ExecuteAsync(models, host, port, noAuth, new ServeVersions([], [], DefaultReloadSeconds, null), where, started, cancellationToken);

    /// <summary>Resolves and loads the models, serves them until <paramref name="cancellationToken"/> fires or the process is told to stop, then stops cleanly.</summary>
    /// <param name="models">The references to serve.</param>
    /// <param name="host">The address to listen on.</param>
    /// <param name="port">The port to listen on; 0 picks a free one.</param>
    /// <param name="noAuth">Whether an open server was asked for.</param>
    /// <param name="versions">Canaries, shadows, the reload period and the canary seed.</param>
    /// <param name="where">The store flags.</param>
    /// <param name="started">Receives the address listened on once the server is up (tests use it with port 0).</param>
    /// <param name="cancellationToken">Stops the server.</param>
    /// <param name="jwt">JWT bearer tokens to accept beside the store's API keys, or <see langword="null"/> for API keys only.</param>
    /// <param name="limits">The prediction log's settings and the request limits; <see langword="null"/>: the defaults.</param>
    internal async Task<int> ExecuteAsync(IReadOnlyList<string> models, string host, int port, bool noAuth, ServeVersions versions, StoreFlags where, Action<Uri>? started, CancellationToken cancellationToken, JwtSettings? jwt = null, ServeLimits? limits = null)
    {
        limits ??= ServeLimits.Default;
        ArgumentNullException.ThrowIfNull(versions);
        var references = models.Select(ModelReference.Parse).ToArray();
        if (port is < 0 or > 65_535)
            throw new KilnException($"--port {port} is not a TCP port; give one from 1 to 65535 (or 0 for a free one).");
        var routing = versions.Routing();
        var reloadEvery = versions.ReloadPeriod();
        var listen = ServingApp.Listen(host, port);

        var settings = where.Resolve(context);
        EnvironmentMarker.Check(settings.StoreRoot, settings.Environment);
        // A version registered with an s3:// bundle (kiln run with an S3 artifact root) is fetched once into the store's cache.
        routing = routing with { BundlePath = BundleFiles.ForStore(settings.StoreRoot, context.Environment).LocalPath };
        var options = limits.Options(requireAuth: !noAuth, settings.StoreRoot);
        options = options with { PredictionLog = options.PredictionLog with { Report = context.Log } };
        // The registry stays open while the server runs: the watcher and the admin endpoints re-resolve through it.
        using var registry = ModelRegistries.OpenExisting(settings.Tracking, settings.StoreRoot, TimeProvider.System)
            ?? throw new KilnException($"There is no model registry in the {settings.EnvironmentName} store {context.DisplayPath(settings.StoreRoot)}, so {string.Join(", ", models)} name nothing. Register a model there first ('kiln models register'), or point --store (or KILN_HOME), or --env, at the store that holds it.");
        var catalog = ModelCatalog.Load(registry, references, routing);
        foreach (var slot in catalog.Describe())
        {
            var model = slot.Model;
            var what = model.Classes is { } classes ? $"classifier of {string.Join(", ", classes)}" : "regressor";
            var role = slot.Role switch
            {
                ServingRole.Canary => $" (canary, {slot.CanaryPercent!.Value.ToString(CultureInfo.InvariantCulture)} % of '{model.Name}')",
                ServingRole.Shadow => " (shadow)",
                _ => string.Empty,
            };
            context.Log($"model {slot.Reference}{role} → {model} ({what}; inputs {string.Join(", ", model.Inputs.Names)})");
        }

        using var keys = noAuth || ConfigureAuth is not null ? null : ApiKeyStores.Open(settings.Tracking, settings.StoreRoot, TimeProvider.System);
        if (keys is not null && jwt is null && keys.List().All(key => key.IsRevoked))
            context.Warn($"the {settings.EnvironmentName} store has no API key, so every prediction will be refused with 401; create one with 'kiln keys create NAME --scope predict' (the server reads keys as requests come, no restart needed)");
        var configureAuth = noAuth ? null : ConfigureAuth ?? (services =>
        {
            var authentication = services.AddAuthentication(ApiKeyAuthentication.Scheme).AddKilnApiKeys(keys!);
            if (jwt is not null)
                authentication.AddKilnJwt(jwt.Issuer, jwt.Audience, jwt.SigningKey);
            services.AddKilnAuthorization();
        });
        context.Log(limits.Describe(context.DisplayPath(settings.StoreRoot)));
        var reload = new ReloadOptions(registry) { Every = reloadEvery, Report = context.Log };
        var app = new ServingApp(catalog, options, configureAuth, reload).Build(listen);
        await using (app.ConfigureAwait(false))
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = new Uri(app.Urls.First());
            var following = reloadEvery > TimeSpan.Zero ? $"following aliases every {reloadEvery.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s" : "following aliases only through the admin endpoints";
            var access = noAuth ? " without authentication (--no-auth: open to anyone who can reach it, admin endpoints included)"
                : jwt is null ? string.Empty : $" (API keys, and JWT bearer tokens from {jwt.Issuer} for {jwt.Audience})";
            context.Out.WriteLine($"serving {string.Join(", ", catalog.Models)} on {address}{access}; {following}; Ctrl+C stops");
            context.Out.Flush();
            started?.Invoke(address);
            try
            {
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C through the command line's token: stop below like any other shutdown.
            }
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        context.Log("stopped");
        return KilnCli.Success;
    }
}
