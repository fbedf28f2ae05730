using System.Text.Json;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Preparation;
using Kiln.TestKit;
using Xunit.Abstractions;

namespace Kiln.Core.Tests.Preparation;

public sealed class ColumnPreparerTests(ITestOutputHelper output)
{
    private static readonly JsonElement[] Cases = [.. PreparationData.Reference.GetProperty("column_preparer").GetProperty("cases").EnumerateArray()];

    public static TheoryData<int> CaseIndices => [.. Enumerable.Range(0, Cases.Length)];

    private static ColumnPreparerOptions Options(JsonElement reference) => new()
    {
        NumericImputation = reference.GetProperty("numeric_imputation").GetString()!,
        Scaling = reference.GetProperty("scaling").GetString()!,
        CategoricalImputation = reference.GetProperty("categorical_imputation").GetString()!,
    };

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Fit_PenguinsFolds1To4_MatchesScikitLearnColumnTransformer(int index)
    {
        // tests/reference/preparation.py: the ColumnTransformer of cv_results.json ("scaled" is case 0, "tree" case 1) and
        // Kiln's other choices, fitted on the rows of folds 1-4 and applied to those rows and to fold 0.
        var reference = Cases[index];
        var names = PreparationData.Strings(reference.GetProperty("names"));

        var model = new ColumnPreparer(Options(reference)).Fit(PreparationData.PenguinsTraining());
        var training = model.Transform(PreparationData.Penguins().Take(PreparationData.TrainRows));
        var test = model.Transform(PreparationData.PenguinsTest());

        Assert.Equal(names, model.OutputSchema.Names);
        Assert.Equal(["island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex", "year"], model.InputSchema.Names);
        Bits.Equal(PreparationData.Doubles(reference.GetProperty("numeric_fill")), [.. PreparationData.NumericColumns.Select(c => model.NumericImputer!.NumericFills[c])], "numeric fills");
        Assert.Equal(PreparationData.Strings(reference.GetProperty("categorical_fill")), PreparationData.CategoricalColumns.Select(c => model.CategoricalImputer!.CategoryFills[c]));
        Assert.Equal(reference.GetProperty("categories").EnumerateArray().Select(PreparationData.Strings), model.Encoder!.Categories);
        if (reference.TryGetProperty("scaler_mean", out var means))
        {
            Bits.Equal(PreparationData.Doubles(means), [.. model.Scaler!.Means], "scaler means");
            Bits.Equal(PreparationData.Doubles(reference.GetProperty("scaler_scale")), [.. model.Scaler.Scales], "scaler scales");
        }
        else
        {
            Assert.Null(model.Scaler);
        }
        var trainingDifference = PreparationData.AssertMatrix(names, reference.GetProperty("train"), training, tolerance: 1e-12, "folds 1-4");
        var testDifference = PreparationData.AssertMatrix(names, reference.GetProperty("test"), test, tolerance: 1e-12, "fold 0");
        output.WriteLine($"{model.Options}: largest difference from scikit-learn {trainingDifference:E2} (training rows), {testDifference:E2} (fold 0)");
    }

    [Fact]
    public void Fit_BooleanDateTimeAndText_MatchesPandasPartsAndScikitLearn()
    {
        // tests/reference/preparation.py (mixed_kinds): booleans as 0/1 and date parts computed with pandas, then the
        // median / standard / most_frequent / one-hot pipeline of scikit-learn; the text column is dropped.
        var reference = PreparationData.Reference.GetProperty("mixed_kinds");
        var table = PreparationData.Mixed();
        var trainRows = PreparationData.Ints(reference.GetProperty("train_rows"));
        var names = PreparationData.Strings(reference.GetProperty("names"));

        var model = new ColumnPreparer().Fit(new TrainingSet(table).Rows(trainRows));

        Assert.Equal(["amount", "flag", "city", "when"], model.InputSchema.Names);
        Assert.Equal(["note"], model.DroppedColumns);
        Assert.Contains(model.Diagnostics, diagnostic => diagnostic.Column == "note" && diagnostic.Message.Contains("free text", StringComparison.Ordinal));
        var training = PreparationData.AssertMatrix(names, reference.GetProperty("train"), model.Transform(table.Take(trainRows)), 1e-12, "training rows");
        var test = PreparationData.AssertMatrix(names, reference.GetProperty("test"), model.Transform(table.Take(PreparationData.Ints(reference.GetProperty("test_rows")))), 1e-12, "test rows");
        output.WriteLine($"mixed kinds: largest difference {training:E2} (training rows), {test:E2} (test rows)");
    }

    [Fact]
    public void Fit_DatesWithoutTimeOfDay_HaveNoHourPart()
    {
        var dates = new DateTimeColumn("day", [new DateTime(2024, 2, 29), new DateTime(2023, 1, 1), null, new DateTime(2024, 5, 6, 7, 0, 0)]);
        var table = new Table([dates]);

        var model = new ColumnPreparer(new ColumnPreparerOptions { Scaling = ColumnPreparerOptions.NoScaling }).Fit(new TrainingSet(table).Rows([0, 1, 2]));
        var prepared = model.Transform(table);

        Assert.Equal(["day.year", "day.month", "day.day", "day.day_of_week"], prepared.Schema.Names);
        // 2024-02-29 is a Thursday (3), 2023-01-01 a Sunday (6); the missing date takes each part's median.
        Assert.Equal([2024.0, 2023, 2023.5, 2024], ((NumericColumn)prepared[0]).Values.ToArray());
        Assert.Equal([3.0, 6, 4.5, 0], ((NumericColumn)prepared[3]).Values.ToArray());
    }

    [Fact]
    public void Fit_ColumnsWithOtherRoles_AreNotPrepared()
    {
        var table = PreparationData.Penguins()
            .With(NumericColumn.FromOwned("row_id", [.. Enumerable.Range(0, 344).Select(i => (double)i)]))
            .With(NumericColumn.FromOwned("weight", [.. Enumerable.Repeat(1.0, 344)]))
            .WithRole("row_id", ColumnRole.Id)
            .WithRole("weight", ColumnRole.Weight)
            .WithRole("year", ColumnRole.Ignored);

        var model = new ColumnPreparer().Fit(new TrainingSet(table, table["species"]).Rows(PreparationData.TrainRows));

        Assert.Equal(["island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex"], model.InputSchema.Names);
        Assert.DoesNotContain(model.OutputSchema.Names, name => name.StartsWith("species", StringComparison.Ordinal) || name is "row_id" or "weight" or "year");
    }

    [Fact]
    public void Fit_TargetStillAFeature_ThrowsRatherThanLeakingIt()
    {
        var table = TestData.ReadCsv("penguins.csv");

        var exception = Assert.Throws<SchemaMismatchException>(() => new ColumnPreparer().Fit(new TrainingSet(table, table["species"])));

        Assert.Contains("Column 'species' is the training set's target and also has role Feature", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transform_UnseenCategory_IsAllZerosInItsColumnsOnly()
    {
        var model = new ColumnPreparer().Fit(PreparationData.PenguinsTraining());
        var raw = PreparationData.PenguinsTest();
        var islands = Enumerable.Range(0, raw.RowCount).Select(row => row == 0 ? "Atlantis" : ((CategoricalColumn)raw["island"])[row]);
        var changed = raw.With(CategoricalColumn.FromValues("island", islands));

        var expected = model.Transform(raw);
        var actual = model.Transform(changed);

        foreach (var name in model.OutputSchema.Names)
        {
            var values = ((NumericColumn)actual[name]).Values;
            Assert.Equal(name.StartsWith("island=", StringComparison.Ordinal) ? 0.0 : ((NumericColumn)expected[name])[0], values[0]);
            Assert.Equal(((NumericColumn)expected[name]).Values[1..].ToArray(), values[1..].ToArray());
        }
    }

    [Fact]
    public void Transform_UnseenCategoryUnderError_ThrowsNamingColumnAndValue()
    {
        var model = new ColumnPreparer(new ColumnPreparerOptions { HandleUnknown = OneHotEncoderOptions.Error }).Fit(PreparationData.PenguinsTraining());
        var raw = PreparationData.PenguinsTest();
        var changed = raw.With(CategoricalColumn.FromValues("sex", Enumerable.Range(0, raw.RowCount).Select(row => row == 3 ? "unknown" : "male")));

        var exception = Assert.Throws<DataFormatException>(() => model.Transform(changed));

        Assert.Contains("Column 'sex' holds 'unknown' in row 3", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transform_ColumnsReadWithOtherKinds_GiveTheSameOutput()
    {
        // A reader types a small batch by its values: categories may come as text, a column with no value as numeric.
        var model = new ColumnPreparer().Fit(PreparationData.PenguinsTraining());
        var raw = PreparationData.PenguinsTest();
        var noSex = raw.With(CategoricalColumn.FromValues("sex", new string?[raw.RowCount]));
        var island = (CategoricalColumn)raw["island"];

        var asText = raw.With(TextColumn.FromOwned("island", [.. Enumerable.Range(0, raw.RowCount).Select(row => island[row])]));
        var sexAsNumbers = noSex.With(NumericColumn.FromOwned("sex", [.. Enumerable.Repeat(double.NaN, raw.RowCount)]));

        AssertSame(model.Transform(raw), model.Transform(asText));
        AssertSame(model.Transform(noSex), model.Transform(sexAsNumbers));
    }

    [Fact]
    public void Transform_ColumnOfWrongKindWithValues_ThrowsNamingKinds()
    {
        var model = new ColumnPreparer().Fit(PreparationData.PenguinsTraining());
        var raw = PreparationData.PenguinsTest();
        var wrong = raw.With(CategoricalColumn.FromValues("year", Enumerable.Repeat<string?>("2008", raw.RowCount)));

        var exception = Assert.Throws<SchemaMismatchException>(() => model.Transform(wrong));

        Assert.Contains("'year' is Categorical where the model needs Numeric", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transform_DroppedTextColumnAbsent_StillTransforms()
    {
        var table = PreparationData.Mixed();
        var model = new ColumnPreparer().Fit(new TrainingSet(table));

        var output = model.Transform(table.Drop(["note"]));

        Assert.Equal(table.RowCount, output.RowCount);
    }

    [Fact]
    public void Fit_OnlyTextFeatures_ThrowsNamingThem()
    {
        var table = new Table([TextColumn.FromOwned("comment", ["good", "bad"])]);

        var exception = Assert.Throws<SchemaMismatchException>(() => new ColumnPreparer().Fit(new TrainingSet(table)));

        Assert.Contains("'comment'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_RawColumnNamedLikeAnEncodedOne_ThrowsWithRenameHint()
    {
        var table = new Table([CategoricalColumn.FromValues("island", ["Dream", "Biscoe"]), NumericColumn.FromOwned("island=Dream", [1.0, 2.0])]);

        var exception = Assert.Throws<SchemaMismatchException>(() => new ColumnPreparer().Fit(new TrainingSet(table)));

        Assert.Contains("'island=Dream'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ValidationAndTestRowsChangedDrastically_FittedParametersIdentical()
    {
        // The leakage check of the issue: fit on the rows of folds 1-4 of one table, then of a table whose fold-0 rows hold
        // huge numbers, missing values and new categories; every fitted parameter and every prepared training row stays the same.
        var view = PreparationData.PenguinsTraining();
        var perturbed = LeakageData.Perturb(view);
        Assert.NotEqual(DataSnapshot.Take(view), DataSnapshot.Take(perturbed));

        var model = new ColumnPreparer().Fit(view);
        var other = new ColumnPreparer().Fit(perturbed);

        Assert.Equal(model.NumericImputer!.NumericFills, other.NumericImputer!.NumericFills);
        Assert.Equal(model.CategoricalImputer!.CategoryFills, other.CategoricalImputer!.CategoryFills);
        Bits.Equal([.. model.Scaler!.Means], [.. other.Scaler!.Means], "means");
        Bits.Equal([.. model.Scaler.Scales], [.. other.Scaler.Scales], "scales");
        Assert.Equal(model.Encoder!.Categories, other.Encoder!.Categories);
        Assert.Equal(model.OutputSchema, other.OutputSchema);
        AssertSame(model.Transform(view.Features.Take(view.RowIndices)), other.Transform(perturbed.Features.Take(perturbed.RowIndices)));
        // The perturbed rows do differ once transformed: the check above is not vacuous.
        Assert.NotEqual(((NumericColumn)model.Transform(view.Features)[0]).Values.ToArray(), ((NumericColumn)other.Transform(perturbed.Features)[0]).Values.ToArray());
    }

    [Theory]
    [InlineData("numeric_imputation")]
    [InlineData("scaling")]
    [InlineData("categorical_imputation")]
    [InlineData("handle_unknown")]
    public void Constructor_UnknownChoice_ThrowsNamingTheOption(string option)
    {
        var options = option switch
        {
            "numeric_imputation" => new ColumnPreparerOptions { NumericImputation = "zero" },
            "scaling" => new ColumnPreparerOptions { Scaling = "minmax" },
            "categorical_imputation" => new ColumnPreparerOptions { CategoricalImputation = SimpleImputerOptions.Median },
            _ => new ColumnPreparerOptions { HandleUnknown = "warn" },
        };

        var exception = Assert.Throws<ArgumentException>(() => new ColumnPreparer(options));

        Assert.Contains("is not one of", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transform_NativeCategoricalEncoding_PassesCategoriesThroughUnchangedAfterTheNumbers()
    {
        var options = new ColumnPreparerOptions { CategoricalEncoding = ColumnPreparerOptions.NativeEncoding };
        var model = new ColumnPreparer(options).Fit(PreparationData.PenguinsTraining());
        var raw = PreparationData.PenguinsTest();
        var oneHot = new ColumnPreparer().Fit(PreparationData.PenguinsTraining());

        var prepared = model.Transform(raw);

        Assert.Null(model.Encoder);
        Assert.Null(model.CategoricalImputer);
        var numbers = oneHot.OutputSchema.Where(column => !column.Name.Contains('=', StringComparison.Ordinal)).Select(column => column.Name).ToArray();
        Assert.Equal([.. numbers, "island", "sex"], prepared.Schema.Names);
        Assert.Equal([ColumnKind.Categorical, ColumnKind.Categorical], [model.OutputSchema["island"].Kind, model.OutputSchema["sex"].Kind]);
        Assert.Equal(model.OutputSchema, prepared.Schema);
        foreach (var name in new[] { "island", "sex" })
        {
            var expected = (CategoricalColumn)raw[name];
            var actual = (CategoricalColumn)prepared[name];
            // Missing values stay missing: no imputation.
            Assert.Equal(Enumerable.Range(0, raw.RowCount).Select(row => expected[row]), Enumerable.Range(0, raw.RowCount).Select(row => actual[row]));
        }
        AssertSame(oneHot.Transform(raw).Select(numbers), prepared.Select(numbers));
    }

    [Fact]
    public void SaveLoad_NativeCategoricalEncoding_KeepsTheOptionAndTheOutput()
    {
        var model = new ColumnPreparer(new ColumnPreparerOptions { CategoricalEncoding = ColumnPreparerOptions.NativeEncoding }).Fit(PreparationData.PenguinsTraining());
        using var stream = new MemoryStream();
        Kiln.Core.Persistence.ModelBundle.Save(model, stream);
        stream.Position = 0;

        var loaded = Assert.IsType<ColumnPreparerModel>(Kiln.Core.Persistence.ModelBundle.LoadBundle(stream, "memory").Model);

        Assert.Equal(ColumnPreparerOptions.NativeEncoding, loaded.Options.CategoricalEncoding);
        Assert.Equal(model.OutputSchema, loaded.OutputSchema);
        var raw = PreparationData.PenguinsTest();
        Assert.Equal(model.Transform(raw).Schema, loaded.Transform(raw).Schema);
    }

    [Fact]
    public void Options_Hyperparameters_AreDeclaredWithTheirChoices()
    {
        var declared = Hyperparameters.Describe(typeof(ColumnPreparerOptions)).ToDictionary(h => h.Name);

        Assert.Equal(["numeric_imputation", "numeric_fill_value", "scaling", "categorical_imputation", "missing_category", "handle_unknown", "categorical_encoding"], declared.Keys);
        Assert.Equal("median", declared["numeric_imputation"].DefaultValue);
        Assert.Equal(["standard", "none"], declared["scaling"].Declaration.Choices!);
    }

    private static void AssertSame(Table expected, Table actual)
    {
        Assert.Equal(expected.Schema, actual.Schema);
        for (var j = 0; j < expected.ColumnCount; j++)
            Bits.Equal(((NumericColumn)expected[j]).Values, ((NumericColumn)actual[j]).Values, expected[j].Name);
    }
}

public sealed class ColumnPreparerContract : TransformerContract<ColumnPreparer, ColumnPreparerModel>
{
    protected override ColumnPreparer Create() => new();
}

public sealed class ColumnPreparerTreeContract : TransformerContract<ColumnPreparer, ColumnPreparerModel>
{
    protected override ColumnPreparer Create() => new(new ColumnPreparerOptions
    {
        Scaling = ColumnPreparerOptions.NoScaling,
        NumericImputation = SimpleImputerOptions.Constant,
        NumericFillValue = -1,
        CategoricalImputation = SimpleImputerOptions.Constant,
    });
}

// Every column kind, with dates of plain days in the training rows: the leakage fact then also shows that the perturbed
// rows' time of day does not add an hour part.
public sealed class ColumnPreparerMixedKindsContract : TransformerContract<ColumnPreparer, ColumnPreparerModel>
{
    protected override ColumnPreparer Create() => new();

    protected override TrainingSet TrainingData()
    {
        const int Rows = 40;
        var random = new KilnRandom(17);
        var amount = new double[Rows];
        var flags = new bool?[Rows];
        var cities = new string?[Rows];
        var days = new DateTime?[Rows];
        var notes = new string?[Rows];
        string[] names = ["Oslo", "Lima", "Pune", "Quito"];
        for (var row = 0; row < Rows; row++)
        {
            amount[row] = row % 7 == 0 ? double.NaN : Math.Round(random.NextDouble() * 100, 2);
            flags[row] = row % 5 == 0 ? null : random.NextDouble() < 0.5;
            cities[row] = row % 6 == 0 ? null : names[(int)(random.NextDouble() * names.Length)];
            days[row] = row % 9 == 0 ? null : new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays((int)(random.NextDouble() * 1000));
            notes[row] = $"note {row}";
        }
        var table = new Table(
        [
            NumericColumn.FromOwned("amount", amount),
            new BooleanColumn("flag", flags),
            CategoricalColumn.FromValues("city", cities),
            new DateTimeColumn("day", days),
            TextColumn.FromOwned("note", notes),
        ]);
        return new TrainingSet(table).Rows([.. Enumerable.Range(0, Rows).Where(row => row % 4 != 1)]);
    }
}
