using System.Globalization;
using System.Text;
using Kiln.Core;

namespace Kiln.LightGbm;

// Checks LightGbmOptions and turns them into LightGBM's "key=value key=value" parameter string.
internal static class LightGbmParameters
{
    public static void Validate(LightGbmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Range("n_estimators", options.NEstimators, 1, 100_000);
        Range("num_leaves", options.NumLeaves, 2, 131_072);
        if (options.MaxDepth is not (-1 or >= 1))
            throw new ArgumentException($"max_depth is {options.MaxDepth}; it must be -1 (no limit) or at least 1.", nameof(options));
        if (!(options.LearningRate > 0 && options.LearningRate <= 1))
            throw new ArgumentException($"learning_rate is {options.LearningRate}; it must be in (0, 1].", nameof(options));
        Range("min_child_samples", options.MinChildSamples, 1, 1_000_000);
        Fraction("feature_fraction", options.FeatureFraction);
        Fraction("bagging_fraction", options.BaggingFraction);
        Range("bagging_freq", options.BaggingFreq, 0, 100_000);
        Penalty("lambda_l1", options.LambdaL1);
        Penalty("lambda_l2", options.LambdaL2);
        Range("early_stopping_rounds", options.EarlyStoppingRounds, 0, 100_000);
        if (!(options.ValidationFraction > 0 && options.ValidationFraction < 1))
            throw new ArgumentException($"validation_fraction is {options.ValidationFraction}; it must be in (0, 1).", nameof(options));
        LightGbmClassWeights.Validate(options.ClassWeight);
    }

    // The full parameter string for one fit. Threads are always set explicitly, and the fit is made deterministic:
    // deterministic=true with row-wise histograms gives the same model on every run and thread count.
    public static string Build(LightGbmOptions options, string objective, string metric, int classCount, int threads, bool trainingMetric, string? categoricalFeatures)
    {
        var seed = (int)(Seeds.Derive(options.Seed, stream: 0) % int.MaxValue);
        var text = new StringBuilder();
        Add(text, "objective", objective);
        if (classCount > 2)
            Add(text, "num_class", classCount.ToString(CultureInfo.InvariantCulture));
        Add(text, "metric", metric);
        // Only evaluation: the training curve costs one metric pass per round and does not change the model.
        if (trainingMetric)
            Add(text, "is_provide_training_metric", "true");
        Add(text, "num_iterations", options.NEstimators);
        Add(text, "num_leaves", options.NumLeaves);
        Add(text, "max_depth", options.MaxDepth);
        Add(text, "learning_rate", options.LearningRate);
        Add(text, "min_data_in_leaf", options.MinChildSamples);
        Add(text, "feature_fraction", options.FeatureFraction);
        Add(text, "bagging_fraction", options.BaggingFraction);
        Add(text, "bagging_freq", options.BaggingFreq);
        Add(text, "lambda_l1", options.LambdaL1);
        Add(text, "lambda_l2", options.LambdaL2);
        if (categoricalFeatures is not null)
            Add(text, "categorical_feature", categoricalFeatures);
        Add(text, "seed", seed);
        Add(text, "num_threads", Math.Max(1, threads));
        Add(text, "deterministic", "true");
        Add(text, "force_row_wise", "true");
        Add(text, "verbosity", -1);
        return text.ToString();
    }

    private static void Add(StringBuilder text, string name, string value)
    {
        if (text.Length > 0)
            text.Append(' ');
        text.Append(name).Append('=').Append(value);
    }

    private static void Add(StringBuilder text, string name, double value) => Add(text, name, value.ToString("R", CultureInfo.InvariantCulture));

    private static void Range(string name, int value, int min, int max)
    {
        if (value < min || value > max)
            throw new ArgumentException($"{name} is {value}; it must be between {min} and {max}.");
    }

    private static void Fraction(string name, double value)
    {
        if (!(value > 0 && value <= 1))
            throw new ArgumentException($"{name} is {value}; it must be in (0, 1].");
    }

    private static void Penalty(string name, double value)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentException($"{name} is {value}; it must be a finite number, 0 or more.");
    }
}
