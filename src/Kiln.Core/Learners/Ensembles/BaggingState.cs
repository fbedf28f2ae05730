namespace Kiln.Core.Learners.Ensembles;

// The options of a bagging model as its bundle stores them; every field is required, so a file cannot fall back to a default silently.
internal sealed record BaggingState(
    string Estimator, BaggingEstimatorOption[] EstimatorOptions, int NEstimators, double MaxSamples, double MaxFeatures,
    bool Bootstrap, bool BootstrapFeatures, bool OobScore, ulong Seed)
{
    public static BaggingState From(BaggingOptions options) => new(
        options.Estimator,
        [.. options.EstimatorOptions.Select(pair => BaggingEstimatorOption.From(pair.Key, pair.Value))],
        options.NEstimators, options.MaxSamples, options.MaxFeatures, options.Bootstrap, options.BootstrapFeatures, options.OobScore, options.Seed);

    public BaggingOptions ToOptions()
    {
        var values = new Dictionary<string, HyperparameterValue>(StringComparer.Ordinal);
        foreach (var option in EstimatorOptions)
        {
            if (option is null || !values.TryAdd(option.Name, option.ToValue()))
                throw new ArgumentException($"The base learner's options hold a null entry or name '{option?.Name}' twice.");
        }
        return new BaggingOptions
        {
            Estimator = Estimator,
            EstimatorOptions = values,
            NEstimators = NEstimators,
            MaxSamples = MaxSamples,
            MaxFeatures = MaxFeatures,
            Bootstrap = Bootstrap,
            BootstrapFeatures = BootstrapFeatures,
            OobScore = OobScore,
            Seed = Seed,
        };
    }
}
