namespace Kiln.Core.Learners.Ensembles;

// The options of an AdaBoostClassifierModel as its bundle stores them; every field is required, so a file cannot fall back to a default silently.
internal sealed record AdaBoostClassifierState(int NEstimators, double LearningRate, string Algorithm, int MaxDepth, ulong Seed)
{
    public static AdaBoostClassifierState From(AdaBoostClassifierOptions options) =>
        new(options.NEstimators, options.LearningRate, options.Algorithm, options.MaxDepth, options.Seed);

    public AdaBoostClassifierOptions ToOptions() => new()
    {
        NEstimators = NEstimators,
        LearningRate = LearningRate,
        Algorithm = Algorithm,
        MaxDepth = MaxDepth,
        Seed = Seed,
    };
}
