using System.Text.Json;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Preparation;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Preparation;

public sealed class StandardScalerTests
{
    private static readonly JsonElement[] Cases = [.. PreparationData.Reference.GetProperty("scaler").EnumerateArray()];

    public static TheoryData<int> PenguinsCases => [.. Enumerable.Range(0, Cases.Length).Where(i => Cases[i].GetProperty("name").GetString() == "penguins")];

    [Theory]
    [MemberData(nameof(PenguinsCases))]
    public void Fit_PenguinsWithMissingValues_MatchesScikitLearnBitForBit(int index)
    {
        // tests/reference/preparation.py: StandardScaler on the raw numeric columns (NaN left out of the statistics, kept in the output).
        var reference = Cases[index];
        var options = new StandardScalerOptions { WithMean = reference.GetProperty("with_mean").GetBoolean(), WithStd = reference.GetProperty("with_std").GetBoolean() };
        var columns = PreparationData.Strings(reference.GetProperty("columns"));

        var model = new StandardScaler(options).Fit(PreparationData.PenguinsTraining(columns));
        var output = model.Transform(PreparationData.PenguinsTest());

        Bits.Equal(PreparationData.Doubles(reference.GetProperty("mean")), [.. model.Means], "means");
        if (options.WithStd)
            Bits.Equal(PreparationData.Doubles(reference.GetProperty("scale")), [.. model.Scales], "scales");
        else
            Assert.All(model.Scales, scale => Assert.Equal(1.0, scale));
        PreparationData.AssertMatrix(columns, reference.GetProperty("test"), output, tolerance: 0, "fold 0");
    }

    [Fact]
    public void Fit_ConstantAndNearlyConstantColumns_MatchScikitLearn()
    {
        // A column whose variance is rounding noise gets scale 1; a column that truly varies by 1e-10 keeps its tiny scale.
        var reference = Cases.Single(c => c.GetProperty("name").GetString() == "constant_columns");
        var columns = PreparationData.Strings(reference.GetProperty("columns"));
        var rows = reference.GetProperty("values").EnumerateArray().Select(PreparationData.Doubles).ToArray();
        var table = new Table(columns.Select((name, j) => NumericColumn.FromOwned(name, [.. rows.Select(row => row[j])])));

        var model = new StandardScaler().Fit(new TrainingSet(table));

        Bits.Equal(PreparationData.Doubles(reference.GetProperty("mean")), [.. model.Means], "means");
        Bits.Equal(PreparationData.Doubles(reference.GetProperty("scale")), [.. model.Scales], "scales");
        PreparationData.AssertMatrix(columns, reference.GetProperty("test"), model.Transform(table), tolerance: 0, "transformed");
    }

    [Fact]
    public void Fit_ColumnWithNoTrainingValue_PassesThroughWithDiagnostic()
    {
        var table = new Table([NumericColumn.FromOwned("x", [double.NaN, double.NaN, 3.0]), NumericColumn.FromOwned("y", [1.0, 3.0, 100.0])]);

        var model = new StandardScaler().Fit(new TrainingSet(table).Rows([0, 1]));

        Assert.Equal([0.0, 2.0], model.Means);
        Assert.Equal([1.0, 1.0], model.Scales);
        Assert.Equal("x", Assert.Single(model.Diagnostics).Column);
        Assert.Equal([double.NaN, double.NaN, 3.0], ((NumericColumn)model.Transform(table)[0]).Values.ToArray());
    }

    [Fact]
    public void Fit_CategoricalColumn_ThrowsNamingIt()
    {
        var exception = Assert.Throws<SchemaMismatchException>(() => new StandardScaler().Fit(PreparationData.PenguinsTraining("year", "sex")));

        Assert.Contains("'sex' is Categorical", exception.Message, StringComparison.Ordinal);
    }

    [Theory, InlineData(1ul), InlineData(2ul), InlineData(3ul)]
    public void Transform_TrainingRows_HaveZeroMeanAndUnitVariance(ulong seed)
    {
        var data = Datasets.Friedman1(rows: 150, seed: seed);

        var scaled = new StandardScaler().Fit(data).Transform(data.Features);

        foreach (var column in scaled.Columns)
        {
            var values = ((NumericColumn)column).Values;
            var mean = values.ToArray().Average();
            Assert.Equal(0.0, mean, tolerance: 1e-12);
            Assert.Equal(1.0, values.ToArray().Select(v => (v - mean) * (v - mean)).Average(), tolerance: 1e-12);
        }
    }
}

public sealed class StandardScalerContract : TransformerContract<StandardScaler, StandardScalerModel>
{
    protected override StandardScaler Create() => new();

    protected override TrainingSet TrainingData() => SimpleImputerMeanContract.Numeric(base.TrainingData());
}

public sealed class StandardScalerWithoutMeanContract : TransformerContract<StandardScaler, StandardScalerModel>
{
    protected override StandardScaler Create() => new(new StandardScalerOptions { WithMean = false });

    protected override TrainingSet TrainingData() => SimpleImputerMeanContract.Numeric(base.TrainingData());
}
