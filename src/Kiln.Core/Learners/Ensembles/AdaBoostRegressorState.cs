namespace Kiln.Core.Learners.Ensembles;

// The options of an AdaBoostRegressorModel as its bundle stores them; every field is required, so a file cannot fall back to a default silently.
internal sealed record AdaBoostRegressorState(int NEstimators, double LearningRate, string Loss, int MaxDepth, ulong Seed)
{
    public static AdaBoostRegressorState From(AdaBoostRegressorOptions options) =>
        new(options.NEstimators, options.LearningRate, options.Loss, options.MaxDepth, options.Seed);

    public AdaBoostRegressorOptions ToOptions() => new()
    {
        NEstimators = NEstimators,
        LearningRate = LearningRate,
        Loss = Loss,
        MaxDepth = MaxDepth,
        Seed = Seed,
    };
}
