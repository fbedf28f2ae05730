using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Linear;
using Kiln.Core.Persistence;
using Kiln.Core.Preparation;
using Kiln.TestKit;

namespace Kiln.Workflow.Tests.Scoring;

/// <summary>Small saved pipelines and the tables they score, for the batch prediction tests.</summary>
internal static class BatchModels
{
    /// <summary>A logistic regression on penguins (categorical and numeric columns, missing values): saved to <paramref name="folder"/>; returns the bundle's path and the table to score (all 344 rows, species dropped).</summary>
    public static (string Path, PipelineModel Model, Table Rows) Classifier(string folder)
    {
        var table = TestData.ReadCsv("penguins.csv");
        var features = table.Drop(["species"]);
        var model = new Pipeline(new ColumnPreparer(), new LogisticRegressionClassifier()).Fit(new TrainingSet(features, table["species"]));
        return (Save(model, folder, "classifier.kiln"), model, features);
    }

    /// <summary>A linear regression on diabetes (numeric columns): saved to <paramref name="folder"/>; returns the bundle's path and the table to score (442 rows, target dropped).</summary>
    public static (string Path, PipelineModel Model, Table Rows) Regressor(string folder)
    {
        var table = TestData.ReadCsv("diabetes.csv");
        var features = table.Drop(["target"]);
        var model = new Pipeline(new ColumnPreparer(), new LinearRegressor()).Fit(new TrainingSet(features, table["target"]));
        return (Save(model, folder, "regressor.kiln"), model, features);
    }

    /// <summary>Writes <paramref name="table"/> as Parquet in row groups of <paramref name="rowGroupRows"/> rows.</summary>
    public static void WriteParquet(Table table, string path, int rowGroupRows)
    {
        using var stream = File.Create(path);
        using var writer = ParquetChunkWriter.Create(stream, table.Schema);
        for (var start = 0; start < table.RowCount; start += rowGroupRows)
            writer.Append(table.Take([.. Enumerable.Range(start, Math.Min(rowGroupRows, table.RowCount - start))]));
    }

    private static string Save(PipelineModel model, string folder, string name)
    {
        var path = System.IO.Path.Combine(folder, name);
        ModelBundle.Save(model, path);
        return path;
    }
}
