using Kiln.Core.Learners;
using Kiln.Core.Learners.Baseline;

namespace Kiln.Workflow.Tests;

/// <summary>Learners registered for these tests only, so that kiln.yaml tests do not depend on which real learners exist.</summary>
/// <remarks>They build dummy estimators; what matters here is their declared hyperparameters and tasks.</remarks>
internal static class TestLearners
{
    public const string Tree = "test_tree";
    public const string Linear = "test_linear";
    public const string Net = "test_net";
    public const string Curves = "test_curves";

    private static readonly Lazy<bool> Registered = new(Register);

    public static void Ensure() => _ = Registered.Value;

    private static bool Register()
    {
        LearnerCatalog.Register(Tree,
            classification: o =>
            {
                _ = o.Bind<TestTreeOptions>();
                return new DummyClassifier();
            },
            regression: o =>
            {
                _ = o.Bind<TestTreeOptions>();
                return new DummyRegressor();
            },
            description: "A test tree.");
        LearnerCatalog.Register(Linear,
            classification: o =>
            {
                _ = o.Bind<TestLinearOptions>();
                return new DummyClassifier();
            },
            description: "A test linear classifier.");
        LearnerCatalog.Register(Net,
            regression: o =>
            {
                _ = o.Bind<TestNetOptions>();
                return new DummyRegressor();
            },
            description: "A test network.");
        LearnerCatalog.Register(Curves,
            classification: o => new CurveRecordingEstimator<IClassifierModel>(new DummyClassifier(), o.Bind<TestCurveOptions>()),
            regression: o => new CurveRecordingEstimator<IPredictor>(new DummyRegressor(), o.Bind<TestCurveOptions>()),
            description: "A test learner that records a training curve.");
        return true;
    }
}

public sealed record TestTreeOptions
{
    [Hyperparameter(Choices = ["gini", "entropy"])]
    public string Criterion { get; init; } = "gini";

    [Hyperparameter(Min = 1)]
    public int? MaxDepth { get; init; }

    [Hyperparameter(Min = 2)]
    public int MinSamplesSplit { get; init; } = 2;

    public ulong Seed { get; init; }
}

public sealed record TestLinearOptions
{
    [Hyperparameter("C", Min = 0)]
    public double InverseRegularization { get; init; } = 1.0;

    [Hyperparameter(Min = 1)]
    public int MaxIter { get; init; } = 100;
}

public sealed record TestNetOptions
{
    [Hyperparameter]
    public int[] HiddenLayers { get; init; } = [64, 32];

    [Hyperparameter]
    public bool EarlyStopping { get; init; }
}

public sealed record TestCurveOptions
{
    [Hyperparameter(Min = 1)]
    public int Steps { get; init; } = 8;

    /// <summary>The step recorded as the early-stopping point; 0 records none.</summary>
    [Hyperparameter(Min = 0)]
    public int BestStep { get; init; } = 5;
}
