using Kiln.Core;
using Kiln.Tracking.Registry;

namespace Kiln.Tracking.Tests.Registry;

/// <summary>
/// What every <see cref="IModelRegistry"/> must do. A store's test class inherits this and says how to open a new, empty
/// registry (and another instance on the same database, for the concurrency test); SQLite runs it now, PostgreSQL inherits it.
/// </summary>
public abstract class ModelRegistryContract : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 5, 2, 8, 15, 0, TimeSpan.Zero);

    private readonly ManualClock _clock = new(Start);
    private readonly Lazy<IModelRegistry> _registry;

    protected ModelRegistryContract() => _registry = new Lazy<IModelRegistry>(() => OpenRegistry(_clock));

    /// <summary>Opens the test's registry: new and empty on the first call; each later call opens another instance on the same database.</summary>
    protected abstract IModelRegistry OpenRegistry(TimeProvider clock);

    private IModelRegistry Registry => _registry.Value;

    public virtual void Dispose()
    {
        if (_registry.IsValueCreated)
            _registry.Value.Dispose();
        GC.SuppressFinalize(this);
    }

    private static NewModelVersion Version(string? dataVersion = "d1", string? runId = "run-1", params (string Name, double Value)[] metrics) => new()
    {
        BundleLocation = "/store/ns=default/output/churn/year=2026/month=05/day=02/job-1/model.kiln",
        Signature = """{"inputs":[{"name":"age","kind":"numeric"}],"output":{"task":"classification","classes":["no","yes"]}}""",
        RunId = runId,
        DataVersion = dataVersion,
        TestMetrics = metrics.ToDictionary(metric => metric.Name, metric => metric.Value, StringComparer.Ordinal),
    };

    [Fact]
    public void Register_EveryField_RoundTrips()
    {
        var registered = Registry.Register("churn", new NewModelVersion
        {
            BundleLocation = "s3://models/ns=team/output/churn/model.kiln",
            Signature = """{"inputs":[{"name":"âge","kind":"numeric"}],"output":null}""",
            RunId = "0123456789abcdef0123456789abcdef",
            DataVersion = "9f86d081884c7d65",
            TestMetrics = new Dictionary<string, double> { ["accuracy"] = 0.875, ["log_loss"] = 0.3141592653589793, ["odd"] = double.NaN },
            Description = "première version",
        });

        var version = Registry.GetVersion("churn", 1);

        Assert.NotNull(version);
        Assert.Equal(registered, version with { TestMetrics = registered.TestMetrics, Aliases = registered.Aliases });
        Assert.Equal("churn", version.Name);
        Assert.Equal(1, version.Version);
        Assert.Equal("s3://models/ns=team/output/churn/model.kiln", version.BundleLocation);
        Assert.Equal("""{"inputs":[{"name":"âge","kind":"numeric"}],"output":null}""", version.Signature);
        Assert.Equal("0123456789abcdef0123456789abcdef", version.RunId);
        Assert.Equal("9f86d081884c7d65", version.DataVersion);
        Assert.Equal(3, version.TestMetrics.Count);
        Assert.Equal(0.875, version.TestMetrics["accuracy"]);
        Assert.Equal(0.3141592653589793, version.TestMetrics["log_loss"]);
        Assert.True(double.IsNaN(version.TestMetrics["odd"]));
        Assert.Equal(Start, version.Created);
        Assert.Equal("première version", version.Description);
        Assert.Empty(version.Aliases);
        var model = Registry.GetModel("churn")!;
        Assert.Equal(Start, model.Created);
        Assert.Null(model.Description);
        Assert.Empty(model.Aliases);
    }

    [Fact]
    public void Register_OptionalFieldsAbsent_ReadBackAsNull()
    {
        Registry.Register("churn", Version(dataVersion: null, runId: null));

        var version = Registry.GetVersion("churn", 1)!;

        Assert.Null(version.RunId);
        Assert.Null(version.DataVersion);
        Assert.Null(version.Description);
        Assert.Empty(version.TestMetrics);
    }

    [Fact]
    public void Register_SeveralVersions_NumberedFromOneInOrder()
    {
        var numbers = Enumerable.Range(0, 3).Select(_ =>
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            return Registry.Register("churn", Version()).Version;
        }).ToArray();
        var other = Registry.Register("fraud", Version());

        Assert.Equal([1, 2, 3], numbers);
        Assert.Equal(1, other.Version);
        var model = Registry.GetModel("churn")!;
        Assert.Equal([1, 2, 3], model.Versions.Select(version => version.Version));
        Assert.Equal(Start.AddMinutes(1), model.Created);
        Assert.Equal(Start.AddMinutes(3), model.Versions[2].Created);
        Assert.Equal(3, model.Latest!.Version);
    }

    [Fact]
    public void Register_RunIdOfNoRun_IsAcceptedBecauseItIsOnlyALink()
    {
        var version = Registry.Register("churn", Version(runId: "never-recorded"));

        Assert.Equal("never-recorded", Registry.GetVersion("churn", version.Version)!.RunId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../models")]
    [InlineData("my model")]
    [InlineData("churn@champion")]
    [InlineData("churn/3")]
    public void Register_InvalidName_IsRefusedShowingIt(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => Registry.Register(name, Version()));

        Assert.Contains($"model name '{name}'", error.Message, StringComparison.Ordinal);
        Assert.Empty(Registry.ListModels());
    }

    [Fact]
    public void Register_BadVersionFields_AreRefusedNamingTheField()
    {
        var location = Assert.Throws<ArgumentException>(() => Registry.Register("churn", Version() with { BundleLocation = " " }));
        var signature = Assert.Throws<ArgumentException>(() => Registry.Register("churn", Version() with { Signature = "{not json" }));
        var run = Assert.Throws<ArgumentException>(() => Registry.Register("churn", Version(runId: "a/b")));
        var metric = Assert.Throws<ArgumentException>(() => Registry.Register("churn", Version(metrics: ("", 1.0))));

        Assert.Contains("bundle location", location.Message, StringComparison.Ordinal);
        Assert.Contains("signature", signature.Message, StringComparison.Ordinal);
        Assert.Contains("run id 'a/b'", run.Message, StringComparison.Ordinal);
        Assert.Contains("test metric name", metric.Message, StringComparison.Ordinal);
        Assert.Null(Registry.GetModel("churn"));
    }

    [Fact]
    public void Register_WithAliases_PointsThemAtTheNewVersionCreatingOrMoving()
    {
        Registry.Register("churn", Version() with { Aliases = ["champion"] });

        var second = Registry.Register("churn", Version() with { Aliases = ["challenger", "champion", "challenger"] });

        Assert.Equal(["challenger", "champion"], second.Aliases);
        Assert.Equal(["challenger", "champion"], Registry.GetVersion("churn", 2)!.Aliases);
        Assert.Empty(Registry.GetVersion("churn", 1)!.Aliases);
        Assert.Equal(2, Registry.GetModel("churn")!.Aliases.Count);
    }

    [Fact]
    public void Register_InvalidAlias_RegistersNothing()
    {
        var error = Assert.Throws<ArgumentException>(() => Registry.Register("churn", Version() with { Aliases = ["champion", "12"] }));

        Assert.Contains("alias '12'", error.Message, StringComparison.Ordinal);
        Assert.Null(Registry.GetModel("churn"));
    }

    [Fact]
    public void ListModels_OrderedByName_WithVersionsAndAliases()
    {
        Registry.Register("zeta", Version());
        Registry.Register("alpha", Version());
        Registry.Register("alpha", Version());
        Registry.SetAlias("alpha", "champion", 1);

        var models = Registry.ListModels();

        Assert.Equal(["alpha", "zeta"], models.Select(model => model.Name));
        Assert.Equal([1, 2], models[0].Versions.Select(version => version.Version));
        Assert.Equal(1, models[0].Aliases["champion"]);
        Assert.Equal(["champion"], models[0].Versions[0].Aliases);
        Assert.Empty(models[0].Versions[1].Aliases);
        Assert.Empty(models[1].Aliases);
    }

    [Fact]
    public void GetModelAndVersion_Unknown_ReturnNull()
    {
        Registry.Register("churn", Version());

        Assert.Null(Registry.GetModel("fraud"));
        Assert.Null(Registry.GetVersion("churn", 2));
        Assert.Null(Registry.GetVersion("fraud", 1));
    }

    [Fact]
    public void Resolve_EachReferenceForm_FindsTheVersion()
    {
        Registry.Register("churn", Version());
        Registry.Register("churn", Version());
        Registry.Register("churn", Version());
        Registry.SetAlias("churn", "champion", 2);

        Assert.Equal(3, Registry.Resolve(ModelReference.Parse("churn")).Version);
        Assert.Equal(2, Registry.Resolve(ModelReference.Parse("churn@champion")).Version);
        Assert.Equal(1, Registry.Resolve(ModelReference.Parse("churn/1")).Version);
    }

    [Fact]
    public void Resolve_UnknownAlias_NamesTheModelAndListsItsAliases()
    {
        Registry.Register("churn", Version());
        Registry.Register("churn", Version());
        Registry.SetAlias("churn", "champion", 1);
        Registry.SetAlias("churn", "challenger", 2);

        var error = Assert.Throws<KilnException>(() => Registry.Resolve(ModelReference.Parse("churn@staging")));

        Assert.Contains("Model 'churn' has no alias 'staging'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Its aliases: challenger → 2, champion → 1.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_UnknownVersion_NamesTheModelAndListsItsVersions()
    {
        Registry.Register("churn", Version());
        Registry.Register("churn", Version());
        Registry.Register("churn", Version());
        Registry.DeleteVersion("churn", 2);

        var deleted = Assert.Throws<KilnException>(() => Registry.Resolve(ModelReference.Parse("churn/2")));
        var future = Assert.Throws<KilnException>(() => Registry.Resolve(ModelReference.Parse("churn/9")));

        Assert.Equal("Model 'churn' has no version 2 (it was deleted). Its versions: 1, 3.", deleted.Message);
        Assert.Equal("Model 'churn' has no version 9 (it has not been registered). Its versions: 1, 3.", future.Message);
    }

    [Fact]
    public void Resolve_UnknownModel_ListsTheModelsThatExist()
    {
        var empty = Assert.Throws<KilnException>(() => Registry.Resolve(ModelReference.Parse("churn")));
        Registry.Register("fraud", Version());
        Registry.Register("churn-v2", Version());

        var error = Assert.Throws<KilnException>(() => Registry.Resolve(ModelReference.Parse("churn@champion")));

        Assert.Contains("There is no model 'churn'", empty.Message, StringComparison.Ordinal);
        Assert.Contains("The registry is empty", empty.Message, StringComparison.Ordinal);
        Assert.Contains("There is no model 'churn'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Its models: churn-v2, fraud.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetAlias_Moves_ReturningThePreviousVersion()
    {
        Registry.Register("churn", Version());
        Registry.Register("churn", Version());

        var first = Registry.SetAlias("churn", "champion", 1);
        var moved = Registry.SetAlias("churn", "champion", 2);

        Assert.Null(first);
        Assert.Equal(1, moved);
        Assert.Equal(2, Registry.GetModel("churn")!.Aliases["champion"]);
        Assert.Single(Registry.GetModel("churn")!.Aliases);
    }

    [Fact]
    public void SetAlias_UnknownVersionOrModel_IsRefused()
    {
        Registry.Register("churn", Version());

        var version = Assert.Throws<KilnException>(() => Registry.SetAlias("churn", "champion", 5));
        var model = Assert.Throws<KilnException>(() => Registry.SetAlias("fraud", "champion", 1));

        Assert.Contains("no version 5", version.Message, StringComparison.Ordinal);
        Assert.Contains("no model 'fraud'", model.Message, StringComparison.Ordinal);
        Assert.Empty(Registry.GetModel("churn")!.Aliases);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("007")]
    [InlineData("")]
    [InlineData("best one")]
    [InlineData("-x")]
    public void SetAlias_InvalidAlias_IsRefusedShowingIt(string alias)
    {
        Registry.Register("churn", Version());

        var error = Assert.Throws<ArgumentException>(() => Registry.SetAlias("churn", alias, 1));

        Assert.Contains($"alias '{alias}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not all digits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RemoveAlias_Removes_AndUnknownAliasIsRefused()
    {
        Registry.Register("churn", Version());
        Registry.SetAlias("churn", "champion", 1);

        var was = Registry.RemoveAlias("churn", "champion");
        var error = Assert.Throws<KilnException>(() => Registry.RemoveAlias("churn", "champion"));

        Assert.Equal(1, was);
        Assert.Empty(Registry.GetModel("churn")!.Aliases);
        Assert.Contains("no alias 'champion'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeleteVersion_NumbersAreNeverReused()
    {
        Registry.Register("churn", Version());
        Registry.Register("churn", Version());
        Registry.DeleteVersion("churn", 2);
        Registry.DeleteVersion("churn", 1);

        var next = Registry.Register("churn", Version());

        Assert.Equal(3, next.Version);
        Assert.Equal([3], Registry.GetModel("churn")!.Versions.Select(version => version.Version));
    }

    [Fact]
    public void DeleteVersion_AllDeleted_ModelRemainsAndLatestSaysSo()
    {
        Registry.Register("churn", Version());
        Registry.DeleteVersion("churn", 1);

        var error = Assert.Throws<KilnException>(() => Registry.Resolve(ModelReference.Parse("churn")));

        Assert.Empty(Registry.GetModel("churn")!.Versions);
        Assert.Null(Registry.GetModel("churn")!.Latest);
        Assert.Contains("no versions left", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeleteVersion_HeldByAlias_RefusedUnlessForced()
    {
        Registry.Register("churn", Version(metrics: ("accuracy", 0.9)));
        Registry.SetAlias("churn", "champion", 1);
        Registry.SetAlias("churn", "challenger", 1);

        var error = Assert.Throws<KilnException>(() => Registry.DeleteVersion("churn", 1));
        Assert.NotNull(Registry.GetVersion("churn", 1));
        Registry.DeleteVersion("churn", 1, force: true);

        Assert.Contains("held by aliases 'challenger', 'champion'", error.Message, StringComparison.Ordinal);
        Assert.Contains("--force", error.Message, StringComparison.Ordinal);
        Assert.Null(Registry.GetVersion("churn", 1));
        Assert.Empty(Registry.GetModel("churn")!.Aliases);
    }

    [Fact]
    public void DeleteVersion_Unknown_IsRefused()
    {
        Registry.Register("churn", Version());

        Assert.Throws<KilnException>(() => Registry.DeleteVersion("churn", 4));
        Assert.Throws<KilnException>(() => Registry.DeleteVersion("fraud", 1));
    }

    [Fact]
    public void DeleteModel_RemovesEverything_WithAliasesOnlyWhenForced()
    {
        Registry.Register("churn", Version(metrics: ("accuracy", 0.9)));
        Registry.Register("churn", Version());
        Registry.Register("fraud", Version());
        Registry.SetAlias("churn", "champion", 2);

        var error = Assert.Throws<KilnException>(() => Registry.DeleteModel("churn"));
        Assert.NotNull(Registry.GetModel("churn"));
        Registry.DeleteModel("churn", force: true);

        Assert.Contains("champion → 2", error.Message, StringComparison.Ordinal);
        Assert.Null(Registry.GetModel("churn"));
        Assert.Equal(["fraud"], Registry.ListModels().Select(model => model.Name));
        Assert.Equal(1, Registry.Register("churn", Version()).Version);
        Assert.Empty(Registry.GetVersion("churn", 1)!.TestMetrics);
    }

    [Fact]
    public void SetModelDescription_SetsAndClears()
    {
        Registry.Register("churn", Version());

        Registry.SetModelDescription("churn", "Who leaves next month.");
        var set = Registry.GetModel("churn")!.Description;
        Registry.SetModelDescription("churn", null);

        Assert.Equal("Who leaves next month.", set);
        Assert.Null(Registry.GetModel("churn")!.Description);
        Assert.Throws<KilnException>(() => Registry.SetModelDescription("fraud", "x"));
    }

    [Fact]
    public void Promote_Explicit_MovesTheAlias()
    {
        Registry.Register("churn", Version(metrics: ("accuracy", 0.9)));
        Registry.Register("churn", Version(dataVersion: "other", metrics: ("accuracy", 0.1)));
        Registry.SetAlias("churn", "champion", 1);

        var result = Registry.Promote("churn", 2, RegistryNames.Champion, PromotionRule.Explicit);

        Assert.Equal(new PromotionResult("churn", "champion", 2, 1, "explicit promotion"), result);
        Assert.Equal(2, Registry.Resolve(ModelReference.Parse("churn@champion")).Version);
    }

    [Fact]
    public void Promote_BetterOnGreaterIsBetterMetric_MovesOnlyWhenStrictlyBetter()
    {
        Registry.Register("churn", Version(metrics: ("accuracy", 0.90)));
        Registry.Register("churn", Version(metrics: ("accuracy", 0.90)));
        Registry.Register("churn", Version(metrics: ("accuracy", 0.93)));
        Registry.SetAlias("churn", "champion", 1);

        var tie = Assert.Throws<KilnException>(() => Registry.Promote("churn", 2, "champion", PromotionRule.BetterOn("accuracy")));
        var result = Registry.Promote("churn", 3, "champion", PromotionRule.BetterOn("accuracy"));

        Assert.Contains("not strictly better on accuracy 0.9 (version 2) against 0.9 (version 1); higher is better", tie.Message, StringComparison.Ordinal);
        Assert.Equal(1, result.PreviousVersion);
        Assert.Contains("accuracy 0.93 (version 3) against 0.9 (version 1)", result.Reason, StringComparison.Ordinal);
        Assert.Equal(3, Registry.GetModel("churn")!.Aliases["champion"]);
    }

    [Fact]
    public void Promote_BetterOnLossMetric_LowerWins()
    {
        Registry.Register("price", Version(metrics: ("rmse", 12.5)));
        Registry.Register("price", Version(metrics: ("rmse", 13.0)));
        Registry.Register("price", Version(metrics: ("rmse", 11.75)));
        Registry.SetAlias("price", "champion", 1);

        var worse = Assert.Throws<KilnException>(() => Registry.Promote("price", 2, "champion", PromotionRule.BetterOn("rmse")));
        Registry.Promote("price", 3, "champion", PromotionRule.BetterOn("rmse"));

        Assert.Contains("rmse 13 (version 2) against 12.5 (version 1); lower is better", worse.Message, StringComparison.Ordinal);
        Assert.Equal(3, Registry.GetModel("price")!.Aliases["champion"]);
    }

    [Fact]
    public void Promote_BetterOnDifferentDataVersions_IsRefusedSayingBoth()
    {
        Registry.Register("churn", Version(dataVersion: "aaaa", metrics: ("accuracy", 0.80)));
        Registry.Register("churn", Version(dataVersion: "bbbb", metrics: ("accuracy", 0.99)));
        Registry.SetAlias("churn", "champion", 1);

        var error = Assert.Throws<KilnException>(() => Registry.Promote("churn", 2, "champion", PromotionRule.BetterOn("accuracy")));

        Assert.Contains("different data (version 2 on data version bbbb, version 1 on aaaa)", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, Registry.GetModel("churn")!.Aliases["champion"]);
    }

    [Fact]
    public void Promote_BetterOnUnknownDataVersionOrMissingMetric_IsRefused()
    {
        Registry.Register("churn", Version(metrics: ("accuracy", 0.80)));
        Registry.Register("churn", Version(dataVersion: null, metrics: ("accuracy", 0.99)));
        Registry.Register("churn", Version(metrics: ("f1_macro", 0.99)));
        Registry.SetAlias("churn", "champion", 1);

        var unknownData = Assert.Throws<KilnException>(() => Registry.Promote("churn", 2, "champion", PromotionRule.BetterOn("accuracy")));
        var missing = Assert.Throws<KilnException>(() => Registry.Promote("churn", 3, "champion", PromotionRule.BetterOn("accuracy")));

        Assert.Contains("data version of version 2 is not known", unknownData.Message, StringComparison.Ordinal);
        Assert.Contains("version 3 of 'churn' has no test metric 'accuracy'; its test metrics are f1_macro", missing.Message, StringComparison.Ordinal);
        Assert.Equal(1, Registry.GetModel("churn")!.Aliases["champion"]);
    }

    [Fact]
    public void Promote_NoHolderYet_SetsTheAlias()
    {
        Registry.Register("churn", Version(metrics: ("accuracy", 0.5)));

        var result = Registry.Promote("churn", 1, "challenger", PromotionRule.BetterOn("accuracy"));

        Assert.Null(result.PreviousVersion);
        Assert.Equal(1, Registry.GetModel("churn")!.Aliases["challenger"]);
    }

    [Fact]
    public void Promote_CandidateAlreadyHolds_ChangesNothing()
    {
        Registry.Register("churn", Version(metrics: ("accuracy", 0.5)));
        Registry.SetAlias("churn", "champion", 1);

        var result = Registry.Promote("churn", 1, "champion", PromotionRule.BetterOn("accuracy"));

        Assert.Equal(1, result.PreviousVersion);
        Assert.Contains("already holds", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Promote_UnknownMetric_IsRefusedListingTheMetrics()
    {
        var error = Assert.Throws<ArgumentException>(() => PromotionRule.BetterOn("accuracyy"));

        Assert.Contains("Unknown metric 'accuracyy'", error.Message, StringComparison.Ordinal);
        Assert.Contains("balanced_accuracy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_ConcurrentInstances_GetDistinctConsecutiveNumbers()
    {
        Registry.Register("warm-up", Version());
        const int Writers = 4;
        const int PerWriter = 5;
        var registries = Enumerable.Range(0, Writers).Select(_ => OpenRegistry(_clock)).ToArray();
        try
        {
            var numbers = new int[Writers][];
            using var barrier = new Barrier(Writers);
            var threads = Enumerable.Range(0, Writers).Select(writer => new Thread(() =>
            {
                barrier.SignalAndWait();
                numbers[writer] = [.. Enumerable.Range(0, PerWriter).Select(_ => registries[writer].Register("churn", Version(runId: $"writer-{writer}")).Version)];
            })).ToArray();
            foreach (var thread in threads)
                thread.Start();
            foreach (var thread in threads)
                thread.Join();

            Assert.Equal(Enumerable.Range(1, Writers * PerWriter), numbers.SelectMany(list => list).Order());
            Assert.All(numbers, list => Assert.Equal(list.Order(), list));
            var stored = Registry.GetModel("churn")!.Versions;
            Assert.Equal(Enumerable.Range(1, Writers * PerWriter), stored.Select(version => version.Version));
            for (var writer = 0; writer < Writers; writer++)
                Assert.All(numbers[writer], number => Assert.Equal($"writer-{writer}", stored[number - 1].RunId));
        }
        finally
        {
            foreach (var registry in registries)
                registry.Dispose();
        }
    }
}
