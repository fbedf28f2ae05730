namespace Kiln.Core.Learners.Neural;

// The options of an MLP model as its bundle stores them; every field is required, so a file cannot fall back to a default silently.
internal sealed record MlpState(
    string HiddenLayerSizes, string Activation, string Solver, double Alpha, double L1, double Dropout, int? BatchSize, string LearningRate,
    double LearningRateInit, double PowerT, int MaxIter, bool Shuffle, double Tol, double Momentum, bool NesterovsMomentum, bool EarlyStopping,
    double ValidationFraction, double Beta1, double Beta2, double Epsilon, int NIterNoChange, int CheckpointEvery, ulong Seed)
{
    public static MlpState From(MlpOptions options) => new(
        options.HiddenLayerSizes, options.Activation, options.Solver, options.Alpha, options.L1, options.Dropout, options.BatchSize, options.LearningRate,
        options.LearningRateInit, options.PowerT, options.MaxIter, options.Shuffle, options.Tol, options.Momentum, options.NesterovsMomentum, options.EarlyStopping,
        options.ValidationFraction, options.Beta1, options.Beta2, options.Epsilon, options.NIterNoChange, options.CheckpointEvery, options.Seed);

    public MlpOptions ToOptions() => new()
    {
        HiddenLayerSizes = HiddenLayerSizes,
        Activation = Activation,
        Solver = Solver,
        Alpha = Alpha,
        L1 = L1,
        Dropout = Dropout,
        BatchSize = BatchSize,
        LearningRate = LearningRate,
        LearningRateInit = LearningRateInit,
        PowerT = PowerT,
        MaxIter = MaxIter,
        Shuffle = Shuffle,
        Tol = Tol,
        Momentum = Momentum,
        NesterovsMomentum = NesterovsMomentum,
        EarlyStopping = EarlyStopping,
        ValidationFraction = ValidationFraction,
        Beta1 = Beta1,
        Beta2 = Beta2,
        Epsilon = Epsilon,
        NIterNoChange = NIterNoChange,
        CheckpointEvery = CheckpointEvery,
        Seed = Seed,
    };
}
