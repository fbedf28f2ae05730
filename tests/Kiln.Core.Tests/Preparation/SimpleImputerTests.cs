using System.Text.Json;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Preparation;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Preparation;

public sealed class SimpleImputerTests
{
    private static readonly JsonElement[] Cases = [.. PreparationData.Reference.GetProperty("imputer").EnumerateArray()];

    public static TheoryData<int> CaseIndices => [.. Enumerable.Range(0, Cases.Length)];

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Fit_PenguinsTrainingRows_MatchesScikitLearn(int index)
    {
        // tests/reference/preparation.py: SimpleImputer fitted on the rows of folds 1-4, applied to fold 0.
        var reference = Cases[index];
        var columns = PreparationData.Strings(reference.GetProperty("columns"));
        var strategy = reference.GetProperty("strategy").GetString()!;
        var options = new SimpleImputerOptions
        {
            Strategy = strategy,
            FillValue = reference.GetProperty("fill_value") is { ValueKind: JsonValueKind.Number } number ? number.GetDouble() : 0,
            FillCategory = reference.GetProperty("fill_value") is { ValueKind: JsonValueKind.String } text ? text.GetString()! : "__missing__",
        };

        var model = new SimpleImputer(options).Fit(PreparationData.PenguinsTraining(columns));
        var output = model.Transform(PreparationData.PenguinsTest());

        Assert.Equal(columns, model.InputSchema.Names);
        Assert.Empty(model.Diagnostics);
        var statistics = reference.GetProperty("statistics");
        var expectedRows = reference.GetProperty("test").EnumerateArray().ToArray();
        for (var j = 0; j < columns.Length; j++)
        {
            if (output[j] is NumericColumn numeric)
            {
                Bits.Equal([statistics[j].GetDouble()], [model.NumericFills[columns[j]]], $"{strategy}: fill of '{columns[j]}'");
                Bits.Equal([.. expectedRows.Select(row => row[j].GetDouble())], numeric.Values, $"{strategy}: test rows of '{columns[j]}'");
            }
            else
            {
                Assert.Equal(statistics[j].GetString(), model.CategoryFills[columns[j]]);
                Assert.Equal(expectedRows.Select(row => row[j].GetString()), Enumerable.Range(0, output.RowCount).Select(row => output[j].FormatValue(row)));
            }
        }
    }

    [Fact]
    public void Fit_MostFrequentTies_TakeTheSmallestValueAsScikitLearn()
    {
        var ties = PreparationData.Reference.GetProperty("imputer_ties");
        var numbers = NumericColumn.FromOwned("x", PreparationData.Doubles(ties[0].GetProperty("values")));
        var categories = CategoricalColumn.FromValues("c", ties[1].GetProperty("categories").EnumerateArray().Select(v => v.GetString()));

        var model = new SimpleImputer(new SimpleImputerOptions { Strategy = SimpleImputerOptions.MostFrequent }).Fit(new TrainingSet(new Table([numbers, categories])));

        Assert.Equal(ties[0].GetProperty("statistic").GetDouble(), model.NumericFills["x"]);
        Assert.Equal(ties[1].GetProperty("statistic").GetString(), model.CategoryFills["c"]);
    }

    [Theory]
    [InlineData(SimpleImputerOptions.Mean)]
    [InlineData(SimpleImputerOptions.Median)]
    public void Fit_NumericStrategyOnCategoricalColumn_ThrowsNamingIt(string strategy)
    {
        var data = PreparationData.PenguinsTraining("bill_length_mm", "island");

        var exception = Assert.Throws<SchemaMismatchException>(() => new SimpleImputer(new SimpleImputerOptions { Strategy = strategy }).Fit(data));

        Assert.Contains("'island' is Categorical", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"strategy '{strategy}'", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SimpleImputerOptions.Mean)]
    [InlineData(SimpleImputerOptions.Median)]
    [InlineData(SimpleImputerOptions.MostFrequent)]
    public void Fit_NumericColumnWithNoTrainingValue_FillsTheFillValueWithDiagnostic(string strategy)
    {
        // Values only in the rows outside the view: the training rows of 'x' are all missing.
        var table = new Table([NumericColumn.FromOwned("x", [double.NaN, double.NaN, 5.0, 7.0])]);
        var data = new TrainingSet(table).Rows([0, 1]);

        var model = new SimpleImputer(new SimpleImputerOptions { Strategy = strategy, FillValue = -3 }).Fit(data);

        Assert.Equal(-3, model.NumericFills["x"]);
        var diagnostic = Assert.Single(model.Diagnostics);
        Assert.Equal("x", diagnostic.Column);
        Assert.Contains("no value in the 2 training rows", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal([-3.0, -3.0, 5.0, 7.0], ((NumericColumn)model.Transform(table)[0]).Values.ToArray());
    }

    [Fact]
    public void Fit_CategoricalColumnWithNoTrainingValue_FillsTheFillCategoryWithDiagnostic()
    {
        var table = new Table([CategoricalColumn.FromValues("c", [null, null, "seen_elsewhere"])]);

        var model = new SimpleImputer(new SimpleImputerOptions { Strategy = SimpleImputerOptions.MostFrequent, FillCategory = "none" }).Fit(new TrainingSet(table).Rows([0, 1]));

        Assert.Equal("none", model.CategoryFills["c"]);
        Assert.Contains("no most frequent category", Assert.Single(model.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transform_CategoricalWithOtherDictionary_FillsByTextAndKeepsUnseenValues()
    {
        var training = new Table([CategoricalColumn.FromValues("c", ["a", "b", "b", null])]);
        var model = new SimpleImputer(new SimpleImputerOptions { Strategy = SimpleImputerOptions.MostFrequent }).Fit(new TrainingSet(training));
        // Another dictionary, where 'b' has another code and 'z' was never seen.
        var input = new Table([CategoricalColumn.FromValues("c", ["z", null, "b", "a"])]);

        var output = (CategoricalColumn)model.Transform(input)[0];

        Assert.Equal(new[] { "z", "b", "b", "a" }, Enumerable.Range(0, 4).Select(row => output[row]));
    }

    [Fact]
    public void Transform_NoMissingValues_ReturnsTheSameColumns()
    {
        var column = NumericColumn.FromOwned("x", [1.0, 2.0]);
        var model = new SimpleImputer().Fit(new TrainingSet(new Table([column])));

        Assert.Same(column, model.Transform(new Table([column]))[0]);
    }

    [Fact]
    public void Fit_InfiniteTrainingValue_ThrowsNamingColumnAndSourceRow()
    {
        var table = new Table([NumericColumn.FromOwned("x", [1.0, 2.0, double.PositiveInfinity, 4.0])]);

        var exception = Assert.Throws<DataFormatException>(() => new SimpleImputer().Fit(new TrainingSet(table).Rows([3, 2])));

        Assert.Contains("Column 'x' holds Infinity in row 2", exception.Message, StringComparison.Ordinal);
        Assert.Equal("x", exception.Column);
    }

    [Fact]
    public void Fit_OtherRoles_AreNotImputed()
    {
        var data = PreparationData.PenguinsTraining("bill_length_mm");

        var model = new SimpleImputer().Fit(data);

        Assert.Equal(["bill_length_mm"], model.InputSchema.Names);
    }

    [Fact]
    public void Fit_NoRows_Throws() =>
        Assert.Throws<ArgumentException>(() => new SimpleImputer().Fit(PreparationData.PenguinsTraining("bill_length_mm").Rows([])));

    [Theory]
    [InlineData("average")]
    [InlineData("MEAN")]
    public void Constructor_UnknownStrategy_ThrowsListingChoices(string strategy)
    {
        var exception = Assert.Throws<ArgumentException>(() => new SimpleImputer(new SimpleImputerOptions { Strategy = strategy }));

        Assert.Contains("mean, median, most_frequent, constant", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NonFiniteFillValue_Throws() =>
        Assert.Throws<ArgumentException>(() => new SimpleImputer(new SimpleImputerOptions { FillValue = double.NaN }));
}
