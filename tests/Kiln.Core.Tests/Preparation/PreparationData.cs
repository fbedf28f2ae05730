using System.Globalization;
using System.Text.Json;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Preparation;

// The data of the preparation tests: penguins with the folds of shared/datasets/reference/cv_results.json (rows of folds
// 1-4 train, fold 0 is held out), the mixed-kind table of tests/reference/preparation.py, and the scikit-learn values.
internal static class PreparationData
{
    public const string Target = "species";

    public static readonly JsonElement Reference = ReferenceData.Load("preparation.json");

    public static int[] TrainRows { get; } = Ints(Reference.GetProperty("train_rows"));

    public static int[] TestRows { get; } = Ints(Reference.GetProperty("test_rows"));

    public static string[] NumericColumns { get; } = Strings(Reference.GetProperty("column_preparer").GetProperty("numeric"));

    public static string[] CategoricalColumns { get; } = Strings(Reference.GetProperty("column_preparer").GetProperty("categorical"));

    // The whole penguins table, species as the target (so it is not a feature).
    public static Table Penguins() => TestData.ReadCsv("penguins.csv").WithRole(Target, ColumnRole.Target);

    // A view of the training rows of penguins, with only the given feature columns (and the target).
    public static TrainingSet PenguinsTraining(params string[] features)
    {
        var table = Penguins();
        if (features.Length > 0)
            table = table.Select([.. features, Target]);
        return new TrainingSet(table, table[Target]).Rows(TrainRows);
    }

    public static Table PenguinsTest(params string[] features)
    {
        var table = Penguins().Take(TestRows);
        return features.Length > 0 ? table.Select(features) : table;
    }

    // The mixed-kind table of preparation.py: amount (numeric), flag (boolean), city (categorical), when (date-time), note (text).
    public static Table Mixed()
    {
        var columns = Reference.GetProperty("mixed_kinds").GetProperty("columns");
        var amount = columns.GetProperty("amount").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray();
        var flag = columns.GetProperty("flag").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (bool?)null : v.GetBoolean()).ToArray();
        var city = columns.GetProperty("city").EnumerateArray().Select(v => v.GetString()).ToArray();
        var when = columns.GetProperty("when").EnumerateArray()
            .Select(v => v.GetString() is { } text ? DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal) : (DateTime?)null)
            .ToArray();
        var note = columns.GetProperty("note").EnumerateArray().Select(v => v.GetString()).ToArray();
        return new Table(
        [
            NumericColumn.FromOwned("amount", amount),
            new BooleanColumn("flag", flag),
            CategoricalColumn.FromValues("city", city),
            new DateTimeColumn("when", when),
            TextColumn.FromOwned("note", note),
        ]);
    }

    public static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetInt32())];

    public static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetString()!)];

    public static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble())];

    // Asserts that the table's columns are the reference's names and its rows the reference matrix within tolerance
    // (NaN only where the reference has null); returns the largest absolute difference seen.
    public static double AssertMatrix(string[] names, JsonElement rows, Table actual, double tolerance, string what)
    {
        Assert.Equal(names, actual.Schema.Names);
        var expected = rows.EnumerateArray().Select(Doubles).ToArray();
        Assert.Equal(expected.Length, actual.RowCount);
        var largest = 0.0;
        for (var j = 0; j < names.Length; j++)
        {
            var column = ((NumericColumn)actual[j]).Values;
            for (var row = 0; row < expected.Length; row++)
            {
                var reference = expected[row][j];
                if (double.IsNaN(reference) || double.IsNaN(column[row]))
                {
                    Assert.True(double.IsNaN(reference) && double.IsNaN(column[row]), $"{what}: '{names[j]}' row {row} is {column[row]:R}, expected {reference:R}.");
                    continue;
                }
                var difference = Math.Abs(reference - column[row]);
                largest = Math.Max(largest, difference);
                Assert.True(difference <= tolerance, $"{what}: '{names[j]}' row {row} is {column[row]:R}, expected {reference:R} (difference {difference:E2}).");
            }
        }
        return largest;
    }
}
