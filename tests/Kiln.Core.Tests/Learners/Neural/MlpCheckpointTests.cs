using Kiln.Core.Learners;
using Kiln.Core.Learners.Neural;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Neural;

// An MLP fit interrupted after some epoch and resumed from its last checkpoint must end with the bits of a fit that was
// never interrupted; a checkpoint from another fit must be refused.
public sealed class MlpCheckpointTests
{
    private static readonly MlpOptions Options = new()
    {
        HiddenLayerSizes = "8,4",
        MaxIter = 12,
        CheckpointEvery = 3,
        Dropout = 0.2,
        EarlyStopping = true,
        NIterNoChange = 50,
        LearningRateInit = 0.01,
        Seed = 5,
    };

    private static TrainingSet Data() => Datasets.Blobs(rows: 200, seed: 4, classes: 3, featureCount: 4);

    [Fact]
    public void Fit_InterruptedByThrowingMetricSinkThenResumed_EqualsUninterruptedFit()
    {
        var uninterrupted = new MlpClassifier(Options).Fit(Data(), new FitContext { Checkpoints = new MemoryCheckpointStore() });
        var store = new MemoryCheckpointStore();

        var failure = Assert.Throws<InvalidOperationException>(() =>
            new MlpClassifier(Options).Fit(Data(), new FitContext { Checkpoints = store, Metrics = new FailingSink(failAtEpoch: 8) }));
        var resumedSink = new RecordingSink();
        var resumed = new MlpClassifier(Options).Fit(Data(), new FitContext { Checkpoints = store, Metrics = resumedSink });

        Assert.Equal("interrupted at epoch 8", failure.Message);
        Assert.Equal(7, resumedSink.FirstEpoch);
        AssertSameModel(uninterrupted, resumed);
    }

    [Fact]
    public void Fit_CancelledAfterEpochThenResumed_EqualsUninterruptedFit()
    {
        var options = Options with { Solver = MlpOptions.Sgd, LearningRate = MlpOptions.InvScaling, EarlyStopping = false, MaxIter = 10, CheckpointEvery = 2 };
        var uninterrupted = new MlpClassifier(options).Fit(Data());
        var store = new MemoryCheckpointStore();
        using var cancellation = new CancellationTokenSource();
        var progress = new CancelAtEpoch(cancellation, epoch: 5);

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new MlpClassifier(options).Fit(Data(), new FitContext { Checkpoints = store, Progress = progress, CancellationToken = cancellation.Token }));
        var lastCheckpoint = store.Step;
        var resumed = new MlpClassifier(options).Fit(Data(), new FitContext { Checkpoints = store });

        Assert.Equal(4, lastCheckpoint);
        AssertSameModel(uninterrupted, resumed);
    }

    [Fact]
    public void Fit_RegressorInterruptedThenResumed_EqualsUninterruptedFit()
    {
        var data = Datasets.Friedman1(rows: 150, seed: 2);
        var options = Options with { EarlyStopping = false, Solver = MlpOptions.Sgd, LearningRate = MlpOptions.Adaptive, NIterNoChange = 2, Tol = 0.5, MaxIter = 15 };
        var uninterrupted = new MlpRegressor(options).Fit(data);
        var store = new MemoryCheckpointStore();

        Assert.Throws<InvalidOperationException>(() =>
            new MlpRegressor(options).Fit(data, new FitContext { Checkpoints = store, Metrics = new FailingSink(failAtEpoch: 11) }));
        var resumed = new MlpRegressor(options).Fit(data, new FitContext { Checkpoints = store });

        Assert.Equal(uninterrupted.LossCurve, resumed.LossCurve);
        Bits.Equal(uninterrupted.Predict(data.Features), resumed.Predict(data.Features), "resumed regressor predictions");
    }

    [Fact]
    public void Fit_CheckpointFromOtherOptions_IsRefusedNamingOptions()
    {
        var store = new MemoryCheckpointStore();
        _ = new MlpClassifier(Options).Fit(Data(), new FitContext { Checkpoints = store });

        var exception = Assert.Throws<KilnException>(() => new MlpClassifier(Options with { Alpha = 0.5 }).Fit(Data(), new FitContext { Checkpoints = store }));

        Assert.Contains("other options", exception.Message, StringComparison.Ordinal);
        Assert.Contains("\"Alpha\":0.5", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_CheckpointFromOtherData_IsRefusedNamingData()
    {
        var store = new MemoryCheckpointStore();
        _ = new MlpClassifier(Options).Fit(Data(), new FitContext { Checkpoints = store });

        var shape = Assert.Throws<KilnException>(() => new MlpClassifier(Options).Fit(Datasets.Blobs(rows: 150, seed: 4, classes: 3, featureCount: 4), new FitContext { Checkpoints = store }));
        var values = Assert.Throws<KilnException>(() => new MlpClassifier(Options).Fit(Datasets.Blobs(rows: 200, seed: 9, classes: 3, featureCount: 4), new FitContext { Checkpoints = store }));

        Assert.Contains("other data", shape.Message, StringComparison.Ordinal);
        Assert.Contains("other values", values.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_CorruptCheckpoint_IsRefused()
    {
        var store = new MemoryCheckpointStore();
        _ = new MlpClassifier(Options).Fit(Data(), new FitContext { Checkpoints = store });
        store.Save(store.Step, store.State.AsSpan(0, store.State.Length - 5));

        var exception = Assert.Throws<KilnException>(() => new MlpClassifier(Options).Fit(Data(), new FitContext { Checkpoints = store }));

        Assert.Contains("truncated", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_CheckpointEvery_SavesAtMultiplesOnly()
    {
        var store = new MemoryCheckpointStore();

        _ = new MlpClassifier(Options).Fit(Data(), new FitContext { Checkpoints = store });

        Assert.Equal([3L, 6, 9], store.Steps);
    }

    private static void AssertSameModel(MlpClassifierModel expected, MlpClassifierModel actual)
    {
        Assert.Equal(expected.Epochs, actual.Epochs);
        Assert.Equal(expected.BestEpoch, actual.BestEpoch);
        Assert.Equal(expected.LossCurve, actual.LossCurve);
        Assert.Equal(expected.ValidationScores, actual.ValidationScores);
        for (var layer = 0; layer < expected.LayerSizes.Count - 1; layer++)
        {
            Bits.Equal(expected.Weights(layer).ToArray(), actual.Weights(layer).ToArray(), $"weights of layer {layer}");
            Bits.Equal(expected.Biases(layer).ToArray(), actual.Biases(layer).ToArray(), $"biases of layer {layer}");
        }
        var features = Data().Features;
        Bits.Equal(expected.PredictProbabilities(features), actual.PredictProbabilities(features), "probabilities");
    }

    private sealed class MemoryCheckpointStore : ICheckpointStore
    {
        public long Step { get; private set; }

        public byte[] State { get; private set; } = [];

        public List<long> Steps { get; } = [];

        public void Save(long step, ReadOnlySpan<byte> state)
        {
            Step = step;
            State = state.ToArray();
            Steps.Add(step);
        }

        public bool TryLoadLatest(out long step, out byte[] state)
        {
            step = Step;
            state = State;
            return Step > 0;
        }
    }

    private sealed class FailingSink(int failAtEpoch) : IMetricSink
    {
        public void Record(string name, long step, double value)
        {
            if (step == failAtEpoch)
                throw new InvalidOperationException($"interrupted at epoch {failAtEpoch}");
        }
    }

    private sealed class RecordingSink : IMetricSink
    {
        public long FirstEpoch { get; private set; } = -1;

        public void Record(string name, long step, double value)
        {
            if (FirstEpoch < 0)
                FirstEpoch = step;
        }
    }

    private sealed class CancelAtEpoch(CancellationTokenSource cancellation, int epoch) : IProgress<FitProgress>
    {
        public void Report(FitProgress value)
        {
            if (value.Completed == epoch)
                cancellation.Cancel();
        }
    }
}
