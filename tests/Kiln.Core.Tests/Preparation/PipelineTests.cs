using System.Text.Json;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Baseline;
using Kiln.Core.Persistence;
using Kiln.Core.Preparation;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Preparation;

public sealed class PipelineTests
{
    private static readonly JsonElement Reference = PreparationData.Reference.GetProperty("pipeline");

    private static readonly DateTimeOffset SavedAt = new(2024, 3, 4, 5, 6, 7, TimeSpan.Zero);

    [Fact]
    public void Fit_DummyClassifierOnRawPenguins_MatchesScikitLearnPipeline()
    {
        // tests/reference/preparation.py: Pipeline(ColumnTransformer "scaled", DummyClassifier(strategy='prior')) fitted on
        // folds 1-4, predict_proba and predict on the raw rows of fold 0.
        var reference = Reference.GetProperty("classification");
        var pipeline = new Pipeline(new ColumnPreparer(), new DummyClassifier(new DummyClassifierOptions { Strategy = DummyClassifierOptions.Prior }));

        var model = pipeline.Fit(PreparationData.PenguinsTraining());
        var raw = PreparationData.PenguinsTest();

        Assert.True(model.IsClassifier);
        Assert.Equal(PreparationData.Strings(reference.GetProperty("classes")), model.Classes);
        var expected = reference.GetProperty("test_probabilities").EnumerateArray().SelectMany(PreparationData.Doubles).ToArray();
        Bits.Equal(expected, model.PredictProbabilities(raw), "probabilities");
        Assert.Equal(PreparationData.Strings(reference.GetProperty("test_predictions")), model.Predict(raw).Select(index => model.Classes![(int)index]));
    }

    [Fact]
    public void Fit_DummyRegressorOnRawPenguins_MatchesScikitLearnPipeline()
    {
        var reference = Reference.GetProperty("regression");
        var table = TestData.ReadCsv("penguins.csv").WithRole("body_mass_g", ColumnRole.Target);
        var training = new TrainingSet(table, table["body_mass_g"]).Rows(PreparationData.Ints(reference.GetProperty("train_rows")));

        var model = new Pipeline(new ColumnPreparer(), new DummyRegressor()).Fit(training);
        var predictions = model.Predict(table.Take(PreparationData.Ints(reference.GetProperty("test_rows"))));

        Assert.False(model.IsClassifier);
        Assert.Null(model.Classes);
        Assert.Contains(model.InputSchema, column => column.Name == "species" && column.Kind == ColumnKind.Categorical);
        Bits.Equal(PreparationData.Doubles(reference.GetProperty("test_predictions")), predictions, "predictions");
    }

    [Fact]
    public void SaveLoad_RoundTrip_PredictsTheSameFromRawRows()
    {
        // The stratified baseline draws each row's class from the prepared feature values, so the prediction depends on the preparation.
        var model = StratifiedPipeline().Fit(PreparationData.PenguinsTraining());
        var raw = PreparationData.PenguinsTest();
        var path = Path.Combine(Path.GetTempPath(), $"kiln-pipeline-{Guid.NewGuid():N}{ModelBundle.FileExtension}");
        try
        {
            ModelBundle.Save(model, path);
            var loaded = ModelBundle.LoadBundle(path);

            var pipeline = Assert.IsType<PipelineModel>(loaded.Model);
            Assert.Equal(model.InputSchema, pipeline.InputSchema);
            Assert.Equal(model.Classes, pipeline.Classes);
            Assert.Equal(["island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex", "year"], loaded.Manifest.Inputs.Select(input => input.Name));
            Assert.Equal(ColumnKind.Categorical, loaded.Manifest.Inputs[0].Kind);
            Assert.Equal(model.Classes, loaded.Manifest.Output!.Classes);
            Bits.Equal(model.Predict(raw), pipeline.Predict(raw), "predictions");
            Bits.Equal(model.PredictProbabilities(raw), pipeline.PredictProbabilities(raw), "probabilities");
            Assert.Contains(model.Predict(raw), prediction => prediction != model.Predict(raw)[0]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Predict_RawTable_EqualsPreparationThenPredictor()
    {
        var model = StratifiedPipeline().Fit(PreparationData.PenguinsTraining());
        var raw = PreparationData.PenguinsTest();

        var prepared = model.Preparation.Transform(raw);

        Bits.Equal(model.Predictor.Predict(prepared), model.Predict(raw), "predictions");
        Bits.Equal(((IClassifierModel)model.Predictor).PredictProbabilities(prepared), model.PredictProbabilities(raw), "probabilities");
    }

    [Fact]
    public void Predict_RawColumnsReorderedWithExtras_GivesTheSamePredictions()
    {
        var model = StratifiedPipeline().Fit(PreparationData.PenguinsTraining());
        var raw = PreparationData.PenguinsTest();
        var reordered = raw.Select(raw.Schema.Names.Reverse()).With(NumericColumn.FromOwned("unused", new double[raw.RowCount]));

        Bits.Equal(model.Predict(raw), model.Predict(reordered), "predictions");
    }

    [Fact]
    public void Predict_RawColumnMissing_ThrowsNamingIt()
    {
        var model = StratifiedPipeline().Fit(PreparationData.PenguinsTraining());

        var exception = Assert.Throws<SchemaMismatchException>(() => model.Predict(PreparationData.PenguinsTest().Drop(["sex"])));

        Assert.Contains("missing: 'sex'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_TrainingView_LearnerSeesThePreparedTrainingRowsOnly()
    {
        var learner = new RecordingLearner(new DummyClassifier());
        var training = PreparationData.PenguinsTraining();

        var model = new Pipeline(new ColumnPreparer(), learner).Fit(training);

        var seen = learner.Data!;
        Assert.False(seen.IsView);
        Assert.Equal(PreparationData.TrainRows.Length, seen.RowCount);
        Assert.Equal(model.Preparation.OutputSchema, seen.Features.Schema);
        AssertSameValues(model.Preparation.Transform(PreparationData.Penguins().Take(PreparationData.TrainRows)), seen.Features);
        Assert.Equal(PreparationData.TrainRows.Select(row => training.Target!.FormatValue(row)), Enumerable.Range(0, seen.RowCount).Select(row => seen.Target!.FormatValue(row)));
    }

    [Fact]
    public void Fit_ValidationSetInContext_ReachesTheLearnerPreparedAndOtherwiseUntouched()
    {
        var learner = new RecordingLearner(new DummyClassifier());
        var table = PreparationData.Penguins();
        var validation = new TrainingSet(table, table["species"]).Rows(PreparationData.TestRows);
        using var cancellation = new CancellationTokenSource();
        var context = new FitContext { Validation = validation, MaxDegreeOfParallelism = 3, CancellationToken = cancellation.Token };

        var model = new Pipeline(new ColumnPreparer(), learner).Fit(PreparationData.PenguinsTraining(), context);
        var alone = new ColumnPreparer().Fit(PreparationData.PenguinsTraining());

        var seen = learner.Context!.Validation!;
        Assert.Equal(PreparationData.TestRows.Length, seen.RowCount);
        AssertSameValues(model.Preparation.Transform(table.Take(PreparationData.TestRows)), seen.Features);
        Assert.Equal(PreparationData.TestRows.Select(row => table["species"].FormatValue(row)), Enumerable.Range(0, seen.RowCount).Select(row => seen.Target!.FormatValue(row)));
        Assert.Equal(3, learner.Context.MaxDegreeOfParallelism);
        Assert.Equal(cancellation.Token, learner.Context.CancellationToken);
        // The validation rows never shape the preparation.
        AssertSameValues(alone.Transform(table), model.Preparation.Transform(table));
    }

    [Fact]
    public void Fit_OtherRowsChangedDrastically_SameModel()
    {
        var view = PreparationData.PenguinsTraining();

        var model = StratifiedPipeline().Fit(view);
        var other = StratifiedPipeline().Fit(LeakageData.Perturb(view));

        Assert.Equal(Bytes(model), Bytes(other));
    }

    [Fact]
    public void Constructor_PredictorFittedOnOtherColumns_ThrowsNamingThem()
    {
        var preparation = new ColumnPreparer().Fit(PreparationData.PenguinsTraining());
        var predictor = new DummyRegressor().Fit(Datasets.Friedman1(rows: 20));

        var exception = Assert.Throws<ArgumentException>(() => new PipelineModel(preparation, predictor));

        Assert.Contains("'x0' is not an output of the preparation", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PredictProbabilities_Regressor_ThrowsSayingWhy()
    {
        var table = TestData.ReadCsv("penguins.csv").WithRole("body_mass_g", ColumnRole.Target);
        var rows = Enumerable.Range(0, table.RowCount).Where(row => !double.IsNaN(table.Numeric("body_mass_g")[row])).ToArray();
        var model = new Pipeline(new ColumnPreparer(), new DummyRegressor()).Fit(new TrainingSet(table, table["body_mass_g"]).Rows(rows));

        var exception = Assert.Throws<InvalidOperationException>(() => model.PredictProbabilities(table));

        Assert.Contains("only classifiers give probabilities", exception.Message, StringComparison.Ordinal);
    }

    private static Pipeline StratifiedPipeline() =>
        new(new ColumnPreparer(), new DummyClassifier(new DummyClassifierOptions { Strategy = DummyClassifierOptions.Stratified, Seed = 5 }));

    private static byte[] Bytes(IModel model)
    {
        using var stream = new MemoryStream();
        ModelBundle.Save(model, stream, new BundleSaveOptions { TimeProvider = new FixedTimeProvider(SavedAt) });
        return stream.ToArray();
    }

    private static void AssertSameValues(Table expected, Table actual)
    {
        Assert.Equal(expected.Schema.Names, actual.Schema.Names);
        for (var j = 0; j < expected.ColumnCount; j++)
            Bits.Equal(((NumericColumn)expected[j]).Values, ((NumericColumn)actual[j]).Values, expected[j].Name);
    }

    // Records what the pipeline hands its learner.
    private sealed class RecordingLearner(IEstimator<IPredictor> inner) : IEstimator<IPredictor>
    {
        public TrainingSet? Data { get; private set; }

        public FitContext? Context { get; private set; }

        public IPredictor Fit(TrainingSet data, FitContext context)
        {
            Data = data;
            Context = context;
            return inner.Fit(data, context);
        }
    }
}
