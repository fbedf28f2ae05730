namespace Kiln.Core.Learners.Boosting;

// The hyperparameters GradientBoostingClassifierOptions and GradientBoostingRegressorOptions share, so the estimators
// turn either into BoostingSettings the same way. The public records implement it implicitly; it adds nothing to them.
internal interface IGradientBoostingOptions
{
    string Loss { get; }

    double LearningRate { get; }

    int NEstimators { get; }

    double Subsample { get; }

    string Criterion { get; }

    int MinSamplesSplit { get; }

    int MinSamplesLeaf { get; }

    double MinWeightFractionLeaf { get; }

    int? MaxDepth { get; }

    double MinImpurityDecrease { get; }

    string? MaxFeatures { get; }

    int? MaxLeafNodes { get; }

    double ValidationFraction { get; }

    int? NIterNoChange { get; }

    double Tol { get; }

    ulong Seed { get; }
}
