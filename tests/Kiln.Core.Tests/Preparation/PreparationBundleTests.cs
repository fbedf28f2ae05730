using System.Text.Json.Nodes;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Baseline;
using Kiln.Core.Persistence;
using Kiln.Core.Preparation;
using Kiln.Core.Tests.Persistence;

namespace Kiln.Core.Tests.Preparation;

// Hostile and broken bundles of the preparation kinds: every bad value ends in a BundleFormatException that names the part and the problem.
public sealed class PreparationBundleTests
{
    private const string Preparation = "model/preparation";

    private static readonly Lazy<byte[]> PipelineBytes = new(() => SampleBundles.Bytes(
        new Pipeline(new ColumnPreparer(), new DummyClassifier()).Fit(PreparationData.PenguinsTraining())));

    private static readonly Lazy<byte[]> MixedBytes = new(() => SampleBundles.Bytes(new ColumnPreparer().Fit(new TrainingSet(PreparationData.Mixed()))));

    private static BundleEditor Edit() => BundleEditor.Read(PipelineBytes.Value);

    private static void AssertFails(byte[] bytes, string expected)
    {
        var exception = SampleBundles.LoadFails(bytes);
        Assert.True(exception.Message.Contains(expected, StringComparison.Ordinal), $"Expected '{expected}' in: {exception.Message}");
        Assert.StartsWith($"Cannot load model bundle '{SampleBundles.SourceName}': ", exception.Message, StringComparison.Ordinal);
    }

    private static BundleEditor ReplaceText(BundleEditor editor, string entry, string from, string to)
    {
        var text = editor.Text(entry);
        var changed = text.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(text, changed);
        return editor.Replace(entry, changed);
    }

    [Fact]
    public void Load_Pipeline_ListsEveryStepAsAPart()
    {
        var parts = ((JsonArray)Edit().Manifest["parts"]!).Select(part => $"{part!["path"]}:{part["kind"]}");

        Assert.Equal(
        [
            "model:pipeline",
            "model/preparation:column_preparer",
            "model/preparation/numeric_imputer:simple_imputer",
            "model/preparation/scaler:standard_scaler",
            "model/preparation/categorical_imputer:simple_imputer",
            "model/preparation/encoder:one_hot_encoder",
            "model/predictor:dummy_classifier",
        ], parts);
        Assert.IsType<PipelineModel>(SampleBundles.Load(PipelineBytes.Value).Model);
    }

    [Theory]
    [InlineData(SimpleImputerModel.ModelKind)]
    [InlineData(StandardScalerModel.ModelKind)]
    [InlineData(OneHotEncoderModel.ModelKind)]
    [InlineData(ColumnPreparerModel.ModelKind)]
    [InlineData(PipelineModel.ModelKind)]
    public void ModelKinds_PreparationKind_IsInTheFixedTable(string kind) => Assert.Contains(kind, ModelKinds.Known);

    [Fact]
    public void Load_ImputerFillsOfWrongLength_Throws() =>
        AssertFails(Edit().ReplaceDoubles($"{Preparation}/numeric_imputer/numeric_fills.f64", 1, 2).ToBytes(), "holds 2 values; the 'simple_imputer' model expects 5");

    [Fact]
    public void Load_ImputerFillNaN_Throws() =>
        AssertFails(Edit().ReplaceDoubles($"{Preparation}/numeric_imputer/numeric_fills.f64", 1, 2, double.NaN, 4, 5).ToBytes(), "holds NaN at position 2, where only finite numbers are allowed");

    [Fact]
    public void Load_ImputerUnknownStrategy_ThrowsWithTheLoadersReason() =>
        AssertFails(ReplaceText(Edit(), $"{Preparation}/numeric_imputer/options.json", "\"median\"", "\"psychic\"").ToBytes(), "holds values its loader refuses: Strategy 'psychic' is not one of");

    [Fact]
    public void Load_ImputerCategoryFillsOfWrongLength_Throws() =>
        AssertFails(Edit().Replace($"{Preparation}/categorical_imputer/category_fills.json", "[\"Biscoe\"]").ToBytes(), "it holds 1 category fills for 2 categorical columns");

    [Fact]
    public void Load_MeanImputerOverCategoricalInput_Throws()
    {
        var editor = ReplaceText(Edit(), $"{Preparation}/categorical_imputer/options.json", "\"most_frequent\"", "\"mean\"");

        AssertFails(editor.ToBytes(), "input column 'island' is Categorical, which this model does not take");
    }

    [Fact]
    public void Load_InputWithAnotherRole_Throws() =>
        AssertFails(ReplaceText(Edit(), $"{Preparation}/scaler/inputs.json", "\"feature\"", "\"target\"").ToBytes(), "has role Target; a preparation model's inputs are features");

    [Fact]
    public void Load_ScalerScaleZero_Throws() =>
        AssertFails(Edit().ReplaceDoubles($"{Preparation}/scaler/scales.f64", 1, 2, 0, 4, 5).ToBytes(), "the scale of column 'flipper_length_mm' is 0; scales are positive");

    [Fact]
    public void Load_ScalerMeansOfWrongLength_Throws() =>
        AssertFails(Edit().ReplaceDoubles($"{Preparation}/scaler/means.f64", 1).ToBytes(), "holds 1 values; the 'standard_scaler' model expects 5");

    [Fact]
    public void Load_EncoderCategoriesOutOfOrder_Throws() =>
        AssertFails(ReplaceText(Edit(), $"{Preparation}/encoder/categories.json", "\"Biscoe\",", "\"Zzz\",").ToBytes(), "are not distinct and in ordinal order ('Zzz' before 'Dream')");

    [Fact]
    public void Load_EncoderCategoriesForTooFewColumns_Throws() =>
        AssertFails(Edit().Replace($"{Preparation}/encoder/categories.json", "[[\"a\"]]").ToBytes(), "it holds categories for 1 columns; the model has 2 input columns");

    [Fact]
    public void Load_EncoderDroppedIndexDisagreesWithOptions_Throws() =>
        AssertFails(Edit().Replace($"{Preparation}/encoder/dropped.i32", [.. BitConverter.GetBytes(1), .. BitConverter.GetBytes(-1)]).ToBytes(), "column 'island' drops category index 1; drop 'none' with 3 categories drops -1");

    [Fact]
    public void Load_EncoderUnknownHandling_Throws() =>
        AssertFails(ReplaceText(Edit(), $"{Preparation}/encoder/options.json", "\"ignore\"", "\"shrug\"").ToBytes(), "HandleUnknown 'shrug' is not one of");

    [Fact]
    public void Load_PreparerUnknownScaling_Throws() =>
        AssertFails(ReplaceText(Edit(), $"{Preparation}/options.json", "\"standard\"", "\"minmax\"").ToBytes(), "Scaling 'minmax' is not one of standard, none");

    [Fact]
    public void Load_PreparerStepOptionsDisagree_Throws() =>
        AssertFails(ReplaceText(Edit(), $"{Preparation}/options.json", "\"numeric_imputation\": \"median\"", "\"numeric_imputation\": \"mean\"").ToBytes(), "the numeric imputer's options differ from the preparation's");

    [Fact]
    public void Load_PreparerStepFedOtherColumns_Throws()
    {
        var editor = Edit();
        var inputs = editor.Text($"{Preparation}/inputs.json").Replace("\"year\"", "\"yr\"", StringComparison.Ordinal);

        AssertFails(editor.Replace($"{Preparation}/inputs.json", inputs).ToBytes(), "step 'numeric_imputer' takes the columns");
    }

    [Fact]
    public void Load_PreparerStepMissing_ThrowsNamingIt()
    {
        var editor = Edit();
        var scalerEntries = ((JsonArray)editor.Manifest["entries"]!).Select(entry => (string)entry!["name"]!).Where(name => name.StartsWith($"{Preparation}/scaler/", StringComparison.Ordinal)).ToList();
        foreach (var name in scalerEntries)
            editor.RemoveListing(name).RemoveEntry(name);
        var parts = (JsonArray)editor.Manifest["parts"]!;
        parts.Remove(parts.Single(part => (string)part!["path"]! == $"{Preparation}/scaler"));

        AssertFails(editor.ToBytes(), $"it has no model part '{Preparation}/scaler'");
    }

    [Fact]
    public void Load_PreparerDatePartsUnknown_Throws()
    {
        var editor = BundleEditor.Read(MixedBytes.Value);

        AssertFails(ReplaceText(editor, "model/date_parts.json", "\"day_of_week\"", "\"moon_phase\"").ToBytes(), "the date parts of 'when' (year, month, day, moon_phase, hour) are not");
    }

    [Fact]
    public void Load_PreparerDatePartsForANumericColumn_Throws()
    {
        var editor = BundleEditor.Read(MixedBytes.Value);

        AssertFails(ReplaceText(editor, "model/date_parts.json", "\"when\"", "\"amount\"").ToBytes(), "it lists date parts for 'amount', which is not a date-time input column");
    }

    [Fact]
    public void Load_PipelinePredictorOnOtherColumns_ThrowsWithTheLoadersReason()
    {
        var editor = Edit();
        var inputs = editor.Text("model/predictor/inputs.json").Replace("\"island=Dream\"", "\"island=Atlantis\"", StringComparison.Ordinal);

        AssertFails(editor.Replace("model/predictor/inputs.json", inputs).ToBytes(), "The predictor was not fitted on this preparation's output: 'island=Atlantis' is not an output of the preparation");
    }

    [Fact]
    public void Load_PipelinePredictorRecordedAsAnotherKind_Throws()
    {
        var editor = Edit();
        var parts = (JsonArray)editor.Manifest["parts"]!;
        parts.Single(part => (string)part!["path"]! == "model/predictor")!["kind"] = "standard_scaler";

        AssertFails(editor.ToBytes(), "entry 'model/predictor/options.json' is not the JSON the 'standard_scaler' model expects");
    }
}
