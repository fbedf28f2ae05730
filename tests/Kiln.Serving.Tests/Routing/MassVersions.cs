using System.Globalization;
using System.Text.Json.Nodes;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Linear;
using Kiln.Core.Persistence;
using Kiln.Core.Preparation;
using Kiln.TestKit;
using Kiln.Tracking.Registry;

namespace Kiln.Serving.Tests.Routing;

/// <summary>
/// Two linear regressions of penguins' body mass that answer differently (version 1 fitted on every row, version 2 on the
/// rows of 2007 only), saved once for a test class; <see cref="NewStore"/> registers them in a fresh SQLite registry per test.
/// </summary>
public sealed class MassVersions : IDisposable
{
    public static readonly string[] Inputs = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "year"];

    public MassVersions()
    {
        Folder = Directory.CreateTempSubdirectory("kiln-swap-tests-").FullName;
        var data = TestData.ReadCsv("penguins.csv");
        var mass = data.Select([.. Inputs, "body_mass_g"]).WithRole("body_mass_g", ColumnRole.Target);
        var known = Enumerable.Range(0, mass.RowCount).Where(row => !mass["body_mass_g"].IsMissing(row) && !mass["bill_length_mm"].IsMissing(row)).ToArray();
        var all = mass.Take(known);
        var year = (NumericColumn)all["year"];
        var early = all.Take([.. Enumerable.Range(0, all.RowCount).Where(row => year[row] == 2007)]);
        First = new Pipeline(new ColumnPreparer(), new LinearRegressor()).Fit(new TrainingSet(all, all["body_mass_g"]));
        Second = new Pipeline(new ColumnPreparer(), new LinearRegressor()).Fit(new TrainingSet(early, early["body_mass_g"]));
        FirstBundle = Path.Combine(Folder, "first.kiln");
        SecondBundle = Path.Combine(Folder, "second.kiln");
        ModelBundle.Save(First, FirstBundle);
        ModelBundle.Save(Second, SecondBundle);
        Sample = all.Take([0, 1, 2, 50, 100, 150, 200, 250]).Select(Inputs);
        Expected = [First.Predict(Sample), Second.Predict(Sample)];
    }

    public string Folder { get; }

    public PipelineModel First { get; }

    public PipelineModel Second { get; }

    public string FirstBundle { get; }

    public string SecondBundle { get; }

    /// <summary>Eight rows with every input known.</summary>
    public Table Sample { get; }

    /// <summary>What versions 1 and 2 predict for <see cref="Sample"/>.</summary>
    public double[][] Expected { get; }

    /// <summary>A store whose registry holds mass versions 1 (alias champion) and 2 (alias challenger), and a version 3 whose bundle was broken after registration.</summary>
    public string NewStore()
    {
        var store = Path.Combine(Folder, $"store-{Guid.NewGuid():N}");
        using var registry = SqliteModelRegistry.Open(store, TimeProvider.System);
        registry.Register("mass", ModelRegistration.FromBundle(FirstBundle) with { Aliases = ["champion"] });
        registry.Register("mass", ModelRegistration.FromBundle(SecondBundle) with { Aliases = ["challenger"] });
        var broken = Path.Combine(store, "broken.kiln");
        File.Copy(FirstBundle, broken);
        registry.Register("mass", ModelRegistration.FromBundle(broken));
        File.WriteAllText(broken, "this is no longer a model bundle");
        return store;
    }

    public static SqlModelRegistry Open(string store) => SqliteModelRegistry.Open(store, TimeProvider.System);

    /// <summary>The sample as a dataframe_split body.</summary>
    public JsonObject DataframeSplit()
    {
        var rows = new JsonArray();
        for (var row = 0; row < Sample.RowCount; row++)
            rows.Add(new JsonArray([.. Inputs.Select(name => (JsonNode?)JsonValue.Create(((NumericColumn)Sample[name])[row]))]));
        return new JsonObject
        {
            ["dataframe_split"] = new JsonObject { ["columns"] = new JsonArray([.. Inputs.Select(name => (JsonNode?)JsonValue.Create(name))]), ["data"] = rows },
        };
    }

    /// <summary>The sample as v2 input tensors, one per column.</summary>
    public JsonObject InferBody()
    {
        var inputs = new JsonArray();
        foreach (var name in Inputs)
        {
            var column = (NumericColumn)Sample[name];
            inputs.Add(new JsonObject
            {
                ["name"] = name,
                ["datatype"] = "FP64",
                ["shape"] = new JsonArray(Sample.RowCount),
                ["data"] = new JsonArray([.. Enumerable.Range(0, Sample.RowCount).Select(row => (JsonNode?)JsonValue.Create(column[row]))]),
            });
        }
        return new JsonObject { ["inputs"] = inputs };
    }

    /// <summary>Whether <paramref name="answers"/> are exactly what version <paramref name="version"/> predicts.</summary>
    public bool Matches(int version, IEnumerable<double> answers) => version is 1 or 2 && Expected[version - 1].SequenceEqual(answers);

    public static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A SQLite handle released late; the temp folder is left behind.
        }
    }
}
