using System.Globalization;
using System.Text.Json.Nodes;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Linear;
using Kiln.Core.Persistence;
using Kiln.Core.Preparation;
using Kiln.TestKit;
using Kiln.Tracking.Registry;

namespace Kiln.Serving.Tests;

/// <summary>
/// Real bundles made once for a test class and registered in a SQLite registry: a logistic regression of penguins' species
/// (registered twice: versions 1 and 2, alias champion on 1) and a linear regression of body mass on the four numeric measurements (one version).
/// </summary>
public sealed class PenguinModels : IDisposable
{
    public PenguinModels()
    {
        Folder = Path.Combine(Path.GetTempPath(), $"kiln-serving-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
        Data = TestData.ReadCsv("penguins.csv");
        var species = Data.WithRole("species", ColumnRole.Target);
        Classifier = new Pipeline(new ColumnPreparer(), new LogisticRegressionClassifier()).Fit(new TrainingSet(species, species["species"]));
        var mass = Data.Select(["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "year", "body_mass_g"]).WithRole("body_mass_g", ColumnRole.Target);
        var massRows = Enumerable.Range(0, mass.RowCount).Where(row => !mass["body_mass_g"].IsMissing(row)).ToArray();
        var massTraining = mass.Take(massRows);
        Regressor = new Pipeline(new ColumnPreparer(), new LinearRegressor()).Fit(new TrainingSet(massTraining, massTraining["body_mass_g"]));
        var classifierPath = Path.Combine(Folder, "species.kiln");
        var regressorPath = Path.Combine(Folder, "mass.kiln");
        ModelBundle.Save(Classifier, classifierPath);
        ModelBundle.Save(Regressor, regressorPath);
        using var registry = Registry();
        registry.Register("species", ModelRegistration.FromBundle(classifierPath) with { Aliases = ["champion"] });
        registry.Register("species", ModelRegistration.FromBundle(classifierPath));
        registry.Register("mass", ModelRegistration.FromBundle(regressorPath));
    }

    public string Folder { get; }

    public string Store => Path.Combine(Folder, "store");

    /// <summary>penguins.csv as read, every column.</summary>
    public Table Data { get; }

    public PipelineModel Classifier { get; }

    public PipelineModel Regressor { get; }

    public SqlModelRegistry Registry() => SqliteModelRegistry.Open(Store, TimeProvider.System);

    public ModelCatalog Catalog(params string[] references)
    {
        using var registry = Registry();
        return ModelCatalog.Load(registry, references.Select(ModelReference.Parse));
    }

    /// <summary>Rows 0-7 of penguins (row 3 has missing values), plus two more.</summary>
    public static readonly int[] SampleRows = [0, 1, 2, 3, 4, 5, 6, 7, 150, 300];

    public Table Sample(Schema inputs) => Data.Take(SampleRows).Select(inputs.Names);

    /// <summary>A raw value as JSON: numbers as numbers (missing as null), everything else as its text.</summary>
    public static JsonNode? Cell(Column column, int row)
    {
        if (column.IsMissing(row))
            return null;
        return column is NumericColumn numbers ? JsonValue.Create(numbers[row]) : JsonValue.Create(column.FormatValue(row));
    }

    /// <summary>The sample as MLflow records.</summary>
    public JsonArray Records(Schema inputs)
    {
        var table = Sample(inputs);
        var records = new JsonArray();
        for (var row = 0; row < table.RowCount; row++)
        {
            var record = new JsonObject();
            foreach (var column in table.Columns)
                record[column.Name] = Cell(column, row);
            records.Add(record);
        }
        return records;
    }

    /// <summary>The sample's rows as arrays in the order of <paramref name="names"/>.</summary>
    public JsonArray Rows(Schema inputs, IReadOnlyList<string> names)
    {
        var table = Sample(inputs);
        var rows = new JsonArray();
        for (var row = 0; row < table.RowCount; row++)
            rows.Add(new JsonArray([.. names.Select(name => Cell(table[name], row))]));
        return rows;
    }

    /// <summary>What the pipeline predicts for the sample, as the server should answer: class labels or numbers.</summary>
    public static string[] Expected(PipelineModel model, Table sample) =>
        [.. model.Predict(sample).Select(value => model.Classes is { } classes ? classes[(int)value] : value.ToString("R", CultureInfo.InvariantCulture))];

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
