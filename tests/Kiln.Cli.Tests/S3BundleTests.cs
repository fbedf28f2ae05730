using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kiln.Cli.Commands;
using Kiln.Core;
using Kiln.Serving;
using Kiln.TestKit;
using Kiln.Tracking.Artifacts;
using Kiln.Tracking.Registry;
using Kiln.Tracking.Tests;
using Kiln.Tracking.Tests.Artifacts;

namespace Kiln.Cli.Tests;

/// <summary>
/// Train on one machine, serve and score on another: <c>kiln run</c> with an <c>s3://</c> artifact root registers the
/// published bundle, and <c>kiln predict</c> and the server read it from s3rver through the store's bundle cache.
/// </summary>
[Collection(S3BundleCollection.Name)]
public sealed class S3BundleTests(S3rverFixture server) : IDisposable
{
    private const string Body = """{"dataframe_records": [{"island": "Biscoe", "bill_length_mm": 46.1, "bill_depth_mm": 13.2, "flipper_length_mm": 211, "body_mass_g": 4500, "sex": "female", "year": 2007}]}""";

    // WorkflowRunner publishes with S3 settings from the process environment; kiln predict reads them through its context.
    private readonly EnvironmentScope _s3 = new(new()
    {
        ["KILN_S3_ENDPOINT"] = server.Endpoint,
        ["AWS_ACCESS_KEY_ID"] = S3rverFixture.AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = S3rverFixture.SecretKey,
        ["AWS_REGION"] = "us-east-1",
    });

    public void Dispose() => _s3.Dispose();

    [Fact]
    public void Predict_RegisteredWithAnS3Root_ScoresFromAnotherStoreSharingOnlyThePostgresRegistry()
    {
        using var project = Project();
        using var database = PostgresServer.CreateDatabase();
        var root = server.NewRoot("two-machines");
        var trainer = Path.Combine(project.Folder, "trainer-store");
        var scorer = Path.Combine(project.Folder, "scorer-store");
        var variables = Variables(("KILN_TRACKING", database.Url), ("KILN_ARTIFACTS", root));

        var run = CliRun.Invoke(variables, "run", project.Folder, "--store", trainer, "--json");
        Assert.Equal(0, run.ExitCode);
        var bundle = (string)JsonNode.Parse(CliRun.Invoke(variables, "models", "show", "penguins/1", "--json", "--store", trainer).Out)!["bundle"]!;
        var job = Path.GetDirectoryName(Directory.GetFiles(trainer, "metrics.json", SearchOption.AllDirectories).Single())!;
        var jobKey = Path.GetRelativePath(trainer, job).Replace(Path.DirectorySeparatorChar, '/');
        Assert.Equal($"{root}/{jobKey}/model.kiln", bundle);
        // What the trained model predicts, scored from the trainer's own copy before that machine is gone.
        var reference = CliRun.Invoke(variables, "predict", Path.Combine(job, "model.kiln"), "--input", project.File("penguins.csv"), "--output", project.File("expected.csv"));
        Assert.Equal(0, reference.ExitCode);
        var bundleBytes = File.ReadAllBytes(Path.Combine(job, "model.kiln"));
        Directory.Delete(trainer, recursive: true);

        var scored = CliRun.Invoke(variables, "predict", "penguins", "--input", project.File("penguins.csv"), "--output", project.File("scored.csv"), "--store", scorer);

        Assert.Equal(0, scored.ExitCode);
        Assert.Equal(File.ReadAllBytes(project.File("expected.csv")), File.ReadAllBytes(project.File("scored.csv")));
        var cached = BundleFiles.ForStore(scorer, variables).CachedPath(bundle);
        Assert.StartsWith(Path.Combine(scorer, ".cache", "bundles") + Path.DirectorySeparatorChar, cached, StringComparison.Ordinal);
        Assert.Equal(bundleBytes, File.ReadAllBytes(cached));
        Assert.Contains($"model penguins → penguins/1 ({bundle}, local copy ", scored.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelsRegister_S3Bundle_RecordsTheUriAndWhatTheBundleSays_ThenPredictScoresFromIt()
    {
        using var project = Project();
        var root = server.NewRoot("register-uri");
        var variables = Variables(("KILN_ARTIFACTS", root));
        Assert.Equal(0, CliRun.Invoke(variables, "run", project.Folder, "--store", project.Store, "--json").ExitCode);
        var trained = JsonNode.Parse(CliRun.Invoke(variables, "models", "show", "penguins/1", "--json", "--store", project.Store).Out)!;
        var bundle = (string)trained["bundle"]!;
        var other = Path.Combine(project.Folder, "other-store");
        var withoutArtifacts = Variables();

        var registered = CliRun.Invoke(withoutArtifacts, "models", "register", "imported", "--bundle", bundle, "--alias", "champion", "--store", other);
        var shown = JsonNode.Parse(CliRun.Invoke(withoutArtifacts, "models", "show", "imported/1", "--json", "--store", other).Out)!;
        var scored = CliRun.Invoke(withoutArtifacts, "predict", "imported@champion", "--input", project.File("penguins.csv"), "--output", project.File("imported.csv"), "--store", other);
        var expected = CliRun.Invoke(variables, "predict", "penguins/1", "--input", project.File("penguins.csv"), "--output", project.File("expected.csv"), "--store", project.Store);
        var missing = CliRun.Invoke(withoutArtifacts, "models", "register", "imported", "--bundle", bundle.Replace("model.kiln", "absent.kiln", StringComparison.Ordinal), "--store", other);

        Assert.Equal(0, registered.ExitCode);
        Assert.Equal(bundle, (string)shown["bundle"]!);
        Assert.Equal((string?)trained["run_id"], (string?)shown["run_id"]);
        Assert.Equal(0, scored.ExitCode);
        Assert.Equal(0, expected.ExitCode);
        Assert.Equal(File.ReadAllBytes(project.File("expected.csv")), File.ReadAllBytes(project.File("imported.csv")));
        Assert.Equal(KilnCli.UserError, missing.ExitCode);
        Assert.Contains("absent.kiln", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_JobFolderDeleted_ReadsTheBundleFromS3AndThenFromTheCache()
    {
        using var project = Project();
        var root = server.NewRoot("deleted-job");
        var variables = Variables(("KILN_ARTIFACTS", root));
        Assert.Equal(0, CliRun.Invoke(variables, "run", project.Folder, "--store", project.Store, "--json").ExitCode);
        var job = project.JobFolder();
        Assert.Equal(0, CliRun.Invoke(variables, "predict", Path.Combine(job, "model.kiln"), "--input", project.File("penguins.csv"), "--output", project.File("expected.csv")).ExitCode);
        Directory.Delete(job, recursive: true);

        var fromS3 = CliRun.Invoke(variables, "predict", "penguins/1", "--input", project.File("penguins.csv"), "--output", project.File("from-s3.csv"), "--store", project.Store);
        // The cached copy is used as it is: an unreachable endpoint does not matter any more.
        var offline = Variables(("KILN_ARTIFACTS", root), ("KILN_S3_ENDPOINT", "http://127.0.0.1:1"));
        var fromCache = CliRun.Invoke(offline, "predict", "penguins/1", "--input", project.File("penguins.csv"), "--output", project.File("from-cache.csv"), "--store", project.Store);

        Assert.Equal(0, fromS3.ExitCode);
        Assert.Equal(0, fromCache.ExitCode);
        Assert.Equal(File.ReadAllBytes(project.File("expected.csv")), File.ReadAllBytes(project.File("from-s3.csv")));
        Assert.Equal(File.ReadAllBytes(project.File("expected.csv")), File.ReadAllBytes(project.File("from-cache.csv")));
    }

    [Fact]
    public void Predict_S3BundleGoneAndNotCached_FailsNamingTheUri()
    {
        using var project = Project();
        var root = server.NewRoot("gone");
        var variables = Variables(("KILN_ARTIFACTS", root));
        Assert.Equal(0, CliRun.Invoke(variables, "run", project.Folder, "--store", project.Store, "--json").ExitCode);
        var bundle = (string)JsonNode.Parse(CliRun.Invoke(variables, "models", "show", "penguins/1", "--json", "--store", project.Store).Out)!["bundle"]!;
        using (var store = ArtifactStores.Open(root, variables))
            store.DeletePrefix(Path.GetRelativePath(project.Store, project.JobFolder()).Replace(Path.DirectorySeparatorChar, '/') + "/");

        var result = CliRun.Invoke(variables, "predict", "penguins", "--input", project.File("penguins.csv"), "--output", project.File("scored.csv"), "--store", project.Store);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"penguins is version 1 of 'penguins', whose bundle cannot be fetched: Cannot download the bundle {bundle}: there is no such object", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(project.File("scored.csv")));
    }

    [Fact]
    public async Task Serve_S3Bundles_KilnServeLoadsAndSwapsThemThroughTheStoresCache()
    {
        using var project = Project();
        var root = server.NewRoot("serve");
        var variables = Variables(("KILN_ARTIFACTS", root));
        Assert.Equal(0, CliRun.Invoke(variables, "run", project.Folder, "--store", project.Store, "--json").ExitCode);
        Assert.Equal(0, CliRun.Invoke(variables, "run", project.Folder, "--store", project.Store, "--json").ExitCode);
        Assert.Equal(0, CliRun.Invoke(variables, "models", "alias", "penguins", "champion", "1", "--store", project.Store).ExitCode);
        // Only S3 holds the bundles now.
        foreach (var job in project.JobFolders())
            Directory.Delete(job, recursive: true);
        using var registry = SqliteModelRegistry.OpenExisting(project.Store, TimeProvider.System)!;
        var references = new[] { ModelReference.ToAlias("penguins", "champion") };

        var refused = Assert.Throws<KilnException>(() => ModelCatalog.Load(registry, references));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var command = new ServeCommand(new CliContext(output, error, variables, project.Folder));
        using var stop = new CancellationTokenSource();
        var address = new TaskCompletionSource<Uri>();
        var serving = command.ExecuteAsync(["penguins@champion"], "127.0.0.1", 0, noAuth: true, new ServeVersions([], [], 0, null), new StoreFlags(project.Store, null), address.SetResult, stop.Token);
        using var client = new HttpClient { BaseAddress = await address.Task.WaitAsync(TimeSpan.FromSeconds(60)) };
        var before = await AnsweredByAsync(client);
        using var move = await client.PutAsync(new Uri("/api/admin/models/penguins/aliases/champion", UriKind.Relative), new StringContent("""{"version": 2}""", Encoding.UTF8, "application/json"));
        var moved = move.StatusCode;
        var after = await AnsweredByAsync(client);
        await stop.CancelAsync();
        await serving;

        Assert.Contains("whose bundle is in object storage", refused.Message, StringComparison.Ordinal);
        Assert.Equal("1", before);
        Assert.Equal(HttpStatusCode.OK, moved);
        Assert.Equal("2", after);
        Assert.Equal(2, Directory.GetFiles(BundleFiles.CacheFolder(project.Store), "model.kiln", SearchOption.AllDirectories).Length);
    }

    private static async Task<string> AnsweredByAsync(HttpClient client)
    {
        using var response = await client.PostAsync(new Uri("/invocations", UriKind.Relative), new StringContent(Body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("X-Kiln-Model-Version").Single();
    }

    /// <summary>The S3 variables of the test server plus <paramref name="extra"/> (which win).</summary>
    private Func<string, string?> Variables(params (string Name, string Value)[] extra) => name =>
    {
        foreach (var (variable, value) in extra)
        {
            if (variable == name)
                return value;
        }
        return server.Environment(name);
    };

    private static CliProject Project()
    {
        var project = new CliProject();
        project.CopyData("penguins.csv");
        project.Write("kiln.yaml", CliProject.PenguinsYaml);
        return project;
    }
}
