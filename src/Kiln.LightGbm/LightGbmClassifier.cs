using Kiln.Core.Learners;

namespace Kiln.LightGbm;

/// <summary>
/// Gradient-boosted classification trees by LightGBM: objective <c>binary</c> (metric <c>binary_logloss</c>) for two
/// classes, <c>multiclass</c> (metric <c>multi_logloss</c>) for more.
/// </summary>
/// <remarks>
/// Features are numeric (NaN is LightGBM's missing value) or categorical: a <see cref="Kiln.Core.Data.CategoricalColumn"/> is
/// passed to LightGBM as a categorical feature (its codes, with <c>categorical_feature=</c>), not one-hot encoded; a missing
/// category, and at prediction a category not seen in training, is LightGBM's missing value for a categorical feature and goes
/// to the right child of every categorical split, with the categories outside the split's set.
/// </remarks>
public sealed class LightGbmClassifier : IEstimator<LightGbmClassifierModel>, INativeCategoricalFeatures
{
    /// <summary>A classifier with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">An option is out of its range; the message names it, its value and the range.</exception>
    public LightGbmClassifier(LightGbmOptions options)
    {
        LightGbmParameters.Validate(options);
        Options = options;
    }

    /// <summary>A classifier with LightGBM's default options.</summary>
    public LightGbmClassifier()
        : this(new LightGbmOptions())
    {
    }

    /// <summary>The hyperparameters.</summary>
    public LightGbmOptions Options { get; }

    /// <inheritdoc/>
    public bool TakesCategoricalFeatures => true;

    /// <inheritdoc/>
    /// <remarks>
    /// Uses <see cref="FitContext.MaxDegreeOfParallelism"/> threads. With <see cref="LightGbmOptions.EarlyStoppingRounds"/>
    /// positive, stops on the validation log-loss of <see cref="FitContext.Validation"/>, or without one of a stratified
    /// <see cref="LightGbmOptions.ValidationFraction"/> of the rows held out, and keeps the best round; without it, records the
    /// validation log-loss per round when the context has a validation set.
    /// </remarks>
    /// <exception cref="ArgumentException">The target has fewer than two classes, the validation set has a class the training set lacks, or <c>class_weight</c> names a class the training set lacks.</exception>
    /// <exception cref="Kiln.Core.KilnException">LightGBM refused the data or the parameters; the message carries LightGBM's own.</exception>
    public LightGbmClassifierModel Fit(TrainingSet data, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        context.CancellationToken.ThrowIfCancellationRequested();
        var features = LightGbmFeatures.FromTraining(data, LightGbmFit.Learner);
        var labels = data.ClassLabels();
        var classes = labels.Classes;
        if (classes.Count < 2)
            throw new ArgumentException($"The target has {classes.Count} class ({string.Join(", ", classes)}); a LightGBM classifier needs at least two.", nameof(data));
        var split = LightGbmFit.Split(data, context, Options, stratify: true);
        var codes = ReferenceEquals(split.Fit, data) ? labels.Codes.ToArray() : Codes(split.Fit, classes, "training");
        var weights = LightGbmClassWeights.RowWeights(Options.ClassWeight, classes, codes, split.Fit.SampleWeights());
        var validationLabels = split.Validation is null ? null : Array.ConvertAll(Codes(split.Validation, classes, "validation"), code => (float)code);
        var (objective, metric) = classes.Count == 2 ? ("binary", "binary_logloss") : ("multiclass", "multi_logloss");
        var result = LightGbmFit.Train(features, split, Array.ConvertAll(codes, code => (float)code), weights, validationLabels, Options, objective, metric, classes.Count, context);
        var outputs = classes.Count == 2 ? 1 : classes.Count;
        return new LightGbmClassifierModel(Options, result.Features, [.. classes], LightGbmBooster.FromText(result.ModelText, features.Count, outputs));
    }

    // The index in `classes` of every row's class, found by name (a held-out or given validation set has its own class list).
    private static int[] Codes(TrainingSet rows, IReadOnlyList<string> classes, string part)
    {
        var labels = rows.ClassLabels();
        var toIndex = new int[labels.ClassCount];
        for (var k = 0; k < toIndex.Length; k++)
        {
            toIndex[k] = IndexOf(classes, labels.Classes[k]);
            if (toIndex[k] < 0)
            {
                var row = labels.Codes.IndexOf(k);
                throw new ArgumentException($"The {part} set has class '{labels.Classes[k]}' in row {rows.SourceRow(row)}, which the training set does not have ({string.Join(", ", classes)}).", nameof(rows));
            }
        }
        var codes = new int[rows.RowCount];
        for (var i = 0; i < codes.Length; i++)
            codes[i] = toIndex[labels.Codes[i]];
        return codes;
    }

    private static int IndexOf(IReadOnlyList<string> classes, string label)
    {
        for (var k = 0; k < classes.Count; k++)
        {
            if (string.Equals(classes[k], label, StringComparison.Ordinal))
                return k;
        }
        return -1;
    }
}
