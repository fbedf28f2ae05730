namespace Kiln.Core.Learners.Ensembles;

/// <summary>Bagging of any Kiln classifier (Breiman, 1996), as scikit-learn's <c>BaggingClassifier</c>: base models fitted on random subsets of the rows and features, their probabilities averaged.</summary>
/// <remarks>
/// <para>
/// The base learner is any learner in <see cref="LearnerCatalog"/> with a classification variant, bagging itself and the
/// dummy baseline included; it is built for each base model from <see cref="BaggingOptions.EstimatorOptions"/> and the
/// base model's own seed. Base model i draws from <c>Seeds.Derive(Seed, i)</c> its seed, then its features (in table
/// order), then its rows; a bootstrap sample is a view of the training rows with repeats, and a feature subset a table of
/// the chosen columns (shared, not copied). Base models are fitted in parallel, one thread each, up to
/// <see cref="FitContext.MaxDegreeOfParallelism"/>, and the ensemble does not depend on the thread count.
/// </para>
/// <para>
/// When the fit context has a metric sink, the fit records <c>validation_accuracy</c> of the first n base models for each
/// n (when the context has a validation set) and <c>oob_score</c> for each n (when <c>oob_score</c> is set).
/// </para>
/// </remarks>
public sealed class BaggingClassifier : IEstimator<BaggingClassifierModel>
{
    /// <summary>Creates the estimator.</summary>
    /// <exception cref="ArgumentException">A hyperparameter is out of range; the message says which.</exception>
    /// <exception cref="HyperparameterException">The base learner is unknown, does not classify, or refuses one of its options (the key is <c>estimator__</c> and the option's name).</exception>
    public BaggingClassifier(BaggingOptions options)
    {
        BaggingFit.Validate(options, LearnerTask.Classification);
        Options = options;
    }

    /// <summary>Creates the estimator with scikit-learn 1.2's defaults: 10 decision trees on bootstrap samples of every feature.</summary>
    public BaggingClassifier()
        : this(new BaggingOptions())
    {
    }

    /// <summary>The hyperparameters.</summary>
    public BaggingOptions Options { get; }

    /// <inheritdoc/>
    /// <exception cref="Data.SchemaMismatchException">There is no target, a target value is missing, or a feature is not numeric; a base learner's own refusal (a missing feature value, say) surfaces as it is.</exception>
    /// <exception cref="ArgumentException">The set has no rows, or <c>max_samples</c> or <c>max_features</c> asks for more rows or features than there are.</exception>
    public BaggingClassifierModel Fit(TrainingSet data, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        context.CancellationToken.ThrowIfCancellationRequested();
        var inputSchema = NumericInputs.From(data.Features, "Bagging");
        if (data.RowCount == 0)
            throw new ArgumentException("The training set has no rows; a classifier needs at least one labelled row.", nameof(data));
        var labels = data.ClassLabels();
        var classes = labels.Classes.ToArray();
        var fitted = BaggingFit.FitMembers(data, context, Options, LearnerTask.Classification);
        var members = Array.ConvertAll(fitted, member => (IClassifierModel)member.Model);
        var model = new BaggingClassifierModel(Options, inputSchema, classes, members, oobScore: null);
        if (context.Metrics is not null && context.Validation is { } validation)
            RecordValidationCurve(model, validation, context);
        if (!Options.OobScore)
            return model;
        var oobScore = OutOfBagScore(model, data, labels.Codes.ToArray(), fitted, context);
        return new BaggingClassifierModel(Options, inputSchema, classes, members, oobScore);
    }

    private static void RecordValidationCurve(BaggingClassifierModel model, TrainingSet validation, FitContext context)
    {
        var table = BaggingFit.RowsOf(validation);
        var codes = BaggingFit.ClassCodes(validation, model.Classes);
        var sums = new double[table.RowCount * model.Classes.Count];
        for (var i = 0; i < model.Estimators.Count; i++)
        {
            model.AddMemberProbabilities(i, table, sums);
            context.Record(TrainingCurve.Validation("accuracy"), i + 1, BaggingFit.Accuracy(sums, codes, model.Classes.Count));
        }
    }

    // scikit-learn's oob_score_: the accuracy of the most probable class by the summed probabilities of the base models
    // that did not draw the row, over the rows some base model left out (NaN when there are none). With a metric sink,
    // the score of the first n base models is recorded for each n.
    private static double OutOfBagScore(BaggingClassifierModel model, TrainingSet data, int[] codes, (IPredictor Model, int[] Rows)[] fitted, FitContext context)
    {
        var table = BaggingFit.RowsOf(data);
        var classCount = model.Classes.Count;
        var rowCount = table.RowCount;
        var sums = new double[rowCount * classCount];
        var member = new double[rowCount * classCount];
        var score = double.NaN;
        for (var i = 0; i < fitted.Length; i++)
        {
            Array.Clear(member);
            model.AddMemberProbabilities(i, table, member);
            var inBag = BaggingFit.InBag(fitted[i].Rows, rowCount);
            for (var row = 0; row < rowCount; row++)
            {
                if (inBag[row])
                    continue;
                for (var c = 0; c < classCount; c++)
                    sums[(row * classCount) + c] += member[(row * classCount) + c];
            }
            score = BaggingFit.Accuracy(sums, codes, classCount);
            context.Record("oob_score", i + 1, score);
        }
        return score;
    }
}
