using System.Text.Json;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Preparation;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Preparation;

public sealed class OneHotEncoderTests
{
    private static readonly JsonElement[] Cases = [.. PreparationData.Reference.GetProperty("one_hot").EnumerateArray()];

    public static TheoryData<int> CaseIndices => [.. Enumerable.Range(0, Cases.Length)];

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Fit_ImputedPenguinsCategories_MatchesScikitLearn(int index)
    {
        // tests/reference/preparation.py: most_frequent imputation, then OneHotEncoder(handle_unknown='ignore', drop=...).
        var reference = Cases[index];
        var columns = PreparationData.Strings(reference.GetProperty("columns"));
        var imputer = new SimpleImputer(new SimpleImputerOptions { Strategy = SimpleImputerOptions.MostFrequent }).Fit(PreparationData.PenguinsTraining(columns));
        var training = PreparationData.PenguinsTraining(columns);
        var imputed = new TrainingSet(imputer.Transform(training.Features.Take(training.RowIndices)));

        var model = new OneHotEncoder(new OneHotEncoderOptions { Drop = reference.GetProperty("drop").GetString()! }).Fit(imputed);

        Assert.Equal(PreparationData.Strings(reference.GetProperty("fill")), columns.Select(column => imputer.CategoryFills[column]));
        Assert.Equal(reference.GetProperty("categories").EnumerateArray().Select(PreparationData.Strings), model.Categories);
        var names = PreparationData.Strings(reference.GetProperty("names"));
        PreparationData.AssertMatrix(names, reference.GetProperty("test"), model.Transform(imputer.Transform(PreparationData.PenguinsTest(columns))), tolerance: 0, "fold 0");
        var unknownRows = reference.GetProperty("unknown_rows").EnumerateArray().Select(PreparationData.Strings).ToArray();
        var unknown = new Table(columns.Select((name, j) => CategoricalColumn.FromValues(name, unknownRows.Select(row => row[j]))));
        PreparationData.AssertMatrix(names, reference.GetProperty("unknown"), model.Transform(unknown), tolerance: 0, "unknown categories");
    }

    [Fact]
    public void Transform_ColumnWithOtherCodes_EncodesByValueNotByCode()
    {
        var training = new Table([CategoricalColumn.FromValues("c", ["red", "green", "blue", "green"])]);
        var model = new OneHotEncoder().Fit(new TrainingSet(training));
        // Same values, dictionary in another order, and one value never seen.
        var input = new Table([CategoricalColumn.FromCodes("c", [0, 1, 2, 3, -1], ["green", "purple", "red", "blue"])]);

        var output = model.Transform(input);

        Assert.Equal(["c=blue", "c=green", "c=red"], output.Schema.Names);
        Assert.Equal([0.0, 0, 0, 1, 0], ((NumericColumn)output["c=blue"]).Values.ToArray());
        Assert.Equal([1.0, 0, 0, 0, 0], ((NumericColumn)output["c=green"]).Values.ToArray());
        Assert.Equal([0.0, 0, 1, 0, 0], ((NumericColumn)output["c=red"]).Values.ToArray());
    }

    [Fact]
    public void Fit_DictionaryEntriesAbsentFromTrainingRows_AreNotCategories()
    {
        var table = new Table([CategoricalColumn.FromValues("c", ["test_only", "b", "a", "b"])]);

        var model = new OneHotEncoder().Fit(new TrainingSet(table).Rows([1, 2, 3]));

        Assert.Equal(["a", "b"], model.Categories[0]);
    }

    [Fact]
    public void Transform_UnknownCategoryUnderError_ThrowsNamingColumnAndValue()
    {
        var model = new OneHotEncoder(new OneHotEncoderOptions { HandleUnknown = OneHotEncoderOptions.Error })
            .Fit(new TrainingSet(new Table([CategoricalColumn.FromValues("island", ["Dream", "Biscoe"])])));

        var exception = Assert.Throws<DataFormatException>(() => model.Transform(new Table([CategoricalColumn.FromValues("island", ["Dream", "Atlantis"])])));

        Assert.Contains("Column 'island' holds 'Atlantis' in row 1, a category not seen in training", exception.Message, StringComparison.Ordinal);
        Assert.Equal("Atlantis", exception.Value);
    }

    [Fact]
    public void Transform_MissingValue_IsAllZerosEvenUnderError()
    {
        var model = new OneHotEncoder(new OneHotEncoderOptions { HandleUnknown = OneHotEncoderOptions.Error })
            .Fit(new TrainingSet(new Table([CategoricalColumn.FromValues("c", ["x", null, "y"])])));

        var output = model.Transform(new Table([CategoricalColumn.FromValues("c", [null, "y"])]));

        Assert.Equal(["c=x", "c=y"], output.Schema.Names);
        Assert.Equal([0.0, 0.0], ((NumericColumn)output[0]).Values.ToArray());
        Assert.Equal([0.0, 1.0], ((NumericColumn)output[1]).Values.ToArray());
    }

    [Fact]
    public void Fit_BooleanAndTextColumns_EncodeTheirValues()
    {
        var table = new Table([new BooleanColumn("flag", [true, false, null]), TextColumn.FromOwned("word", ["b", "a", "b"])]);

        var model = new OneHotEncoder().Fit(new TrainingSet(table));
        var output = model.Transform(table);

        Assert.Equal(["flag=false", "flag=true", "word=a", "word=b"], output.Schema.Names);
        Assert.Equal([1.0, 0.0, 0.0], ((NumericColumn)output["flag=true"]).Values.ToArray());
        Assert.Equal([1.0, 0.0, 1.0], ((NumericColumn)output["word=b"]).Values.ToArray());
    }

    [Fact]
    public void Transform_TextColumnWhereCategoricalWasFitted_EncodesTheSame()
    {
        var training = new Table([CategoricalColumn.FromValues("c", ["a", "b"])]);
        var model = new OneHotEncoder().Fit(new TrainingSet(training));

        var fromText = model.Transform(new Table([TextColumn.FromOwned("c", ["b", "a", null])]));
        var fromCategories = model.Transform(new Table([CategoricalColumn.FromValues("c", ["b", "a", null])]));

        Assert.Equal(((NumericColumn)fromCategories[0]).Values.ToArray(), ((NumericColumn)fromText[0]).Values.ToArray());
        Assert.Equal(((NumericColumn)fromCategories[1]).Values.ToArray(), ((NumericColumn)fromText[1]).Values.ToArray());
    }

    [Fact]
    public void Fit_NumericColumn_ThrowsNamingIt()
    {
        var exception = Assert.Throws<SchemaMismatchException>(() => new OneHotEncoder().Fit(PreparationData.PenguinsTraining("island", "year")));

        Assert.Contains("'year' is Numeric", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_DropFirstOfSingleCategory_WouldOutputNothing_Throws()
    {
        var table = new Table([CategoricalColumn.FromValues("c", ["only", "only"])]);

        var exception = Assert.Throws<SchemaMismatchException>(() => new OneHotEncoder(new OneHotEncoderOptions { Drop = OneHotEncoderOptions.DropFirst }).Fit(new TrainingSet(table)));

        Assert.Contains("would output no column", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_EncodedNamesCollide_ThrowsWithRenameHint()
    {
        var table = new Table([CategoricalColumn.FromValues("a", ["b=c"]), CategoricalColumn.FromValues("a=b", ["c"])]);

        var exception = Assert.Throws<SchemaMismatchException>(() => new OneHotEncoder().Fit(new TrainingSet(table)));

        Assert.Contains("'a=b=c'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Rename", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("warn", OneHotEncoderOptions.DropNone)]
    [InlineData(OneHotEncoderOptions.Ignore, "last")]
    public void Constructor_UnknownChoice_Throws(string handleUnknown, string drop) =>
        Assert.Throws<ArgumentException>(() => new OneHotEncoder(new OneHotEncoderOptions { HandleUnknown = handleUnknown, Drop = drop }));
}

public sealed class OneHotEncoderContract : TransformerContract<OneHotEncoder, OneHotEncoderModel>
{
    protected override OneHotEncoder Create() => new();

    protected override TrainingSet TrainingData() => Categorical(base.TrainingData());

    internal static TrainingSet Categorical(TrainingSet data)
    {
        var table = data.Features.Select([.. PreparationData.CategoricalColumns, PreparationData.Target]);
        return new TrainingSet(table, data.Target).Rows(data.RowIndices);
    }
}

public sealed class OneHotEncoderDropIfBinaryContract : TransformerContract<OneHotEncoder, OneHotEncoderModel>
{
    protected override OneHotEncoder Create() => new(new OneHotEncoderOptions { Drop = OneHotEncoderOptions.DropIfBinary });

    protected override TrainingSet TrainingData() => OneHotEncoderContract.Categorical(base.TrainingData());
}
