namespace Kiln.Core.Learners.Ensembles;

/// <summary>Bagging of any Kiln regressor (Breiman, 1996), as scikit-learn's <c>BaggingRegressor</c>: base models fitted on random subsets of the rows and features, their predictions averaged.</summary>
/// <remarks>
/// <para>
/// The base learner is any learner in <see cref="LearnerCatalog"/> with a regression variant, bagging itself and the
/// dummy baseline included; it is built for each base model from <see cref="BaggingOptions.EstimatorOptions"/> and the
/// base model's own seed. Base model i draws from <c>Seeds.Derive(Seed, i)</c> its seed, then its features (in table
/// order), then its rows; a bootstrap sample is a view of the training rows with repeats, and a feature subset a table of
/// the chosen columns (shared, not copied). Base models are fitted in parallel, one thread each, up to
/// <see cref="FitContext.MaxDegreeOfParallelism"/>, and the ensemble does not depend on the thread count.
/// </para>
/// <para>
/// When the fit context has a metric sink, the fit records <c>validation_r2</c> of the first n base models for each n
/// (when the context has a validation set) and <c>oob_score</c> for each n (when <c>oob_score</c> is set).
/// </para>
/// </remarks>
public sealed class BaggingRegressor : IEstimator<BaggingRegressorModel>
{
    /// <summary>Creates the estimator.</summary>
    /// <exception cref="ArgumentException">A hyperparameter is out of range; the message says which.</exception>
    /// <exception cref="HyperparameterException">The base learner is unknown, has no regression variant, or refuses one of its options (the key is <c>estimator__</c> and the option's name).</exception>
    public BaggingRegressor(BaggingOptions options)
    {
        BaggingFit.Validate(options, LearnerTask.Regression);
        Options = options;
    }

    /// <summary>Creates the estimator with scikit-learn 1.2's defaults: 10 decision trees on bootstrap samples of every feature.</summary>
    public BaggingRegressor()
        : this(new BaggingOptions())
    {
    }

    /// <summary>The hyperparameters.</summary>
    public BaggingOptions Options { get; }

    /// <inheritdoc/>
    /// <exception cref="Data.SchemaMismatchException">There is no numeric target, a target value is missing, or a feature is not numeric; a base learner's own refusal (a missing feature value, say) surfaces as it is.</exception>
    /// <exception cref="ArgumentException">The set has no rows, or <c>max_samples</c> or <c>max_features</c> asks for more rows or features than there are.</exception>
    public BaggingRegressorModel Fit(TrainingSet data, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        context.CancellationToken.ThrowIfCancellationRequested();
        var inputSchema = NumericInputs.From(data.Features, "Bagging");
        if (data.RowCount == 0)
            throw new ArgumentException("The training set has no rows; a regressor needs at least one row with a target.", nameof(data));
        var targets = data.NumericTarget();
        var fitted = BaggingFit.FitMembers(data, context, Options, LearnerTask.Regression);
        var members = Array.ConvertAll(fitted, member => member.Model);
        var model = new BaggingRegressorModel(Options, inputSchema, members, oobScore: null);
        if (context.Metrics is not null && context.Validation is { } validation)
            RecordValidationCurve(model, validation, context);
        if (!Options.OobScore)
            return model;
        var oobScore = OutOfBagScore(model, data, targets, fitted, context);
        return new BaggingRegressorModel(Options, inputSchema, members, oobScore);
    }

    private static void RecordValidationCurve(BaggingRegressorModel model, TrainingSet validation, FitContext context)
    {
        var table = BaggingFit.RowsOf(validation);
        var targets = validation.NumericTarget();
        var sums = new double[table.RowCount];
        var counts = new int[table.RowCount];
        for (var i = 0; i < model.Estimators.Count; i++)
        {
            model.AddMemberPredictions(i, table, sums);
            counts.AsSpan().Fill(i + 1);
            context.Record(TrainingCurve.Validation("r2"), i + 1, BaggingFit.RSquared(sums, counts, targets));
        }
    }

    // scikit-learn's oob_score_: the R² of each row's mean prediction by the base models that did not draw it, over the
    // rows some base model left out (NaN with fewer than two). With a metric sink, the score of the first n base models
    // is recorded for each n.
    private static double OutOfBagScore(BaggingRegressorModel model, TrainingSet data, double[] targets, (IPredictor Model, int[] Rows)[] fitted, FitContext context)
    {
        var table = BaggingFit.RowsOf(data);
        var rowCount = table.RowCount;
        var sums = new double[rowCount];
        var counts = new int[rowCount];
        var member = new double[rowCount];
        var score = double.NaN;
        for (var i = 0; i < fitted.Length; i++)
        {
            Array.Clear(member);
            model.AddMemberPredictions(i, table, member);
            var inBag = BaggingFit.InBag(fitted[i].Rows, rowCount);
            for (var row = 0; row < rowCount; row++)
            {
                if (inBag[row])
                    continue;
                sums[row] += member[row];
                counts[row]++;
            }
            score = BaggingFit.RSquared(sums, counts, targets);
            context.Record("oob_score", i + 1, score);
        }
        return score;
    }
}
