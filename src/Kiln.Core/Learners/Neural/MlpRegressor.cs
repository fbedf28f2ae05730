namespace Kiln.Core.Learners.Neural;

/// <summary>A multi-layer perceptron regressor trained by minibatch sgd or adam, as scikit-learn 1.2's <c>MLPRegressor</c>.</summary>
/// <remarks>
/// <para>
/// Hidden layers use <see cref="MlpOptions.Activation"/>; the output layer is one identity unit, trained on half the
/// squared error plus the L2 (<c>alpha</c>) and L1 (<c>l1</c>) penalties.
/// Weights start Glorot-uniform with scikit-learn's bounds. After each epoch the fit stops once the training loss (or,
/// with <c>early_stopping</c>, the validation R², whose best epoch's weights are kept) has not improved by
/// <c>tol</c> for more than <c>n_iter_no_change</c> epochs. Features must be numeric and finite; scale them first (a
/// standard scaler), as for any MLP.
/// </para>
/// <para>
/// The fit records <c>train_loss</c> per epoch, and <c>validation_loss</c> and <c>validation_r2</c> when it has
/// validation rows; with <c>checkpoint_every</c> it saves its complete state to <see cref="FitContext.Checkpoints"/>, and it
/// resumes from the store's checkpoint, giving the same bits as an uninterrupted fit. Results do not depend on
/// <see cref="FitContext.MaxDegreeOfParallelism"/>.
/// </para>
/// </remarks>
public sealed class MlpRegressor : IEstimator<MlpRegressorModel>
{
    private const string Learner = "An MLP regressor";

    /// <summary>Creates the estimator.</summary>
    /// <exception cref="ArgumentException">A hyperparameter is out of range or not one of its allowed values; the message says which.</exception>
    public MlpRegressor(MlpOptions options)
    {
        MlpFit.Validate(options);
        Options = options;
    }

    /// <summary>Creates the estimator with scikit-learn 1.2's defaults: one hidden layer of 100 relu units, adam, 200 epochs.</summary>
    public MlpRegressor()
        : this(new MlpOptions())
    {
    }

    /// <summary>The hyperparameters.</summary>
    public MlpOptions Options { get; }

    // Replaces the random initial parameters (weights of each layer, then biases, as scikit-learn's coefs_ and intercepts_);
    // for tests that start Kiln and scikit-learn from the same weights.
    internal double[]? InitialParameters { get; init; }

    /// <inheritdoc/>
    /// <exception cref="Data.SchemaMismatchException">There is no target, a target value is missing, or a feature is not numeric or holds a missing or infinite value.</exception>
    /// <exception cref="ArgumentException">The set has no rows or features, or has sample weights.</exception>
    /// <exception cref="KilnException">The checkpoint store holds a checkpoint of another fit.</exception>
    public MlpRegressorModel Fit(TrainingSet data, FitContext context)
    {
        var (inputSchema, _, result) = MlpFit.Fit(data, context, Options, classification: false, InitialParameters, Learner);
        return new MlpRegressorModel(MlpModelCore.Create(Options, inputSchema, result));
    }
}
