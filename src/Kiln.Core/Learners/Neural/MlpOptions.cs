namespace Kiln.Core.Learners.Neural;

/// <summary>Hyperparameters of <see cref="MlpClassifier"/> and <see cref="MlpRegressor"/>, named and defaulted as scikit-learn 1.2's
/// <c>MLPClassifier</c> / <c>MLPRegressor</c> (stochastic solvers), plus an L1 penalty, dropout and checkpoints.</summary>
public sealed record MlpOptions
{
    /// <summary>Rectified linear unit, max(0, z).</summary>
    public const string Relu = "relu";

    /// <summary>Hyperbolic tangent.</summary>
    public const string Tanh = "tanh";

    /// <summary>Logistic sigmoid, 1 / (1 + e^−z).</summary>
    public const string Logistic = "logistic";

    /// <summary>No activation, f(z) = z.</summary>
    public const string Identity = "identity";

    /// <summary>Stochastic gradient descent, with momentum and Nesterov's momentum as set.</summary>
    public const string Sgd = "sgd";

    /// <summary>Adam (Kingma and Ba, 2014).</summary>
    public const string Adam = "adam";

    /// <summary>A fixed learning rate.</summary>
    public const string Constant = "constant";

    /// <summary>learning_rate_init / (t + 1)^power_t after each epoch, t counting the rows seen.</summary>
    public const string InvScaling = "invscaling";

    /// <summary>The learning rate is divided by 5 whenever the loss (or validation score) stops improving.</summary>
    public const string Adaptive = "adaptive";

    /// <summary>The number of neurons of each hidden layer, comma-separated: <c>"100"</c> is one layer of 100, <c>"64,32"</c> two layers.</summary>
    /// <value>Default <c>"100"</c>.</value>
    [Hyperparameter("hidden_layer_sizes", Description = "Neurons per hidden layer, comma-separated (\"64,32\" is two layers).")]
    public string HiddenLayerSizes { get; init; } = "100";

    /// <summary>The activation of the hidden layers: <c>relu</c>, <c>tanh</c>, <c>logistic</c> or <c>identity</c>.</summary>
    /// <value>Default <c>relu</c>.</value>
    [Hyperparameter("activation", Choices = [Relu, Tanh, Logistic, Identity], Description = "The activation of the hidden layers.")]
    public string Activation { get; init; } = Relu;

    /// <summary>The optimizer: <c>adam</c> or <c>sgd</c>.</summary>
    /// <value>Default <c>adam</c>.</value>
    [Hyperparameter("solver", Choices = [Adam, Sgd], Description = "The optimizer: adam, or sgd with momentum.")]
    public string Solver { get; init; } = Adam;

    /// <summary>The L2 penalty: the loss adds alpha · ‖W‖² / (2 · batch rows) over every weight (not the biases).</summary>
    /// <value>Default 0.0001.</value>
    [Hyperparameter("alpha", Min = 0, Max = 10, Description = "The L2 penalty on the weights.")]
    public double Alpha { get; init; } = 1e-4;

    /// <summary>The L1 penalty: the loss adds l1 · ‖W‖₁ / (batch rows) over every weight (not the biases). Not in scikit-learn.</summary>
    /// <value>Default 0.</value>
    [Hyperparameter("l1", Min = 0, Max = 10, Description = "The L1 penalty on the weights.")]
    public double L1 { get; init; }

    /// <summary>The share of each hidden layer's outputs set to zero at random in each training batch (inverted dropout; the others are scaled by 1 / (1 − dropout)); prediction uses every neuron. Not in scikit-learn.</summary>
    /// <value>Default 0.</value>
    [Hyperparameter("dropout", Min = 0, Max = 0.9, Description = "The share of hidden outputs dropped in each training batch.")]
    public double Dropout { get; init; }

    /// <summary>The rows per minibatch, or <see langword="null"/> for scikit-learn's <c>auto</c>, min(200, rows); a size above the row count is clipped to it.</summary>
    /// <value>Default <see langword="null"/>.</value>
    [Hyperparameter("batch_size", Min = 1, Max = 100_000, Log = true, Description = "Rows per minibatch; none for min(200, rows).")]
    public int? BatchSize { get; init; }

    /// <summary>The learning-rate schedule of <c>sgd</c>: <c>constant</c>, <c>invscaling</c> or <c>adaptive</c>.</summary>
    /// <value>Default <c>constant</c>.</value>
    [Hyperparameter("learning_rate", Choices = [Constant, InvScaling, Adaptive], Description = "The learning-rate schedule of sgd.")]
    public string LearningRate { get; init; } = Constant;

    /// <summary>The initial learning rate (the step size of both solvers).</summary>
    /// <value>Default 0.001.</value>
    [Hyperparameter("learning_rate_init", Min = 1e-6, Max = 1, Log = true, Description = "The initial learning rate.")]
    public double LearningRateInit { get; init; } = 1e-3;

    /// <summary>The exponent of the <c>invscaling</c> schedule.</summary>
    /// <value>Default 0.5.</value>
    [Hyperparameter("power_t", Min = 0, Max = 10, Description = "The exponent of the invscaling schedule.")]
    public double PowerT { get; init; } = 0.5;

    /// <summary>The most epochs (passes over the training rows).</summary>
    /// <value>Default 200.</value>
    [Hyperparameter("max_iter", Min = 1, Max = 100_000, Log = true, Description = "The most epochs.")]
    public int MaxIter { get; init; } = 200;

    /// <summary>Whether to shuffle the rows before each epoch.</summary>
    /// <value>Default <see langword="true"/>.</value>
    [Hyperparameter("shuffle", Description = "Shuffle the rows before each epoch.")]
    public bool Shuffle { get; init; } = true;

    /// <summary>The least improvement of the training loss (or validation score) that counts as progress.</summary>
    /// <value>Default 0.0001.</value>
    [Hyperparameter("tol", Min = 0, Max = 1, Description = "The least improvement that counts as progress.")]
    public double Tol { get; init; } = 1e-4;

    /// <summary>The momentum of <c>sgd</c>, in [0, 1]; 0 is plain gradient descent.</summary>
    /// <value>Default 0.9.</value>
    [Hyperparameter("momentum", Min = 0, Max = 1, Description = "The momentum of sgd; 0 for plain gradient descent.")]
    public double Momentum { get; init; } = 0.9;

    /// <summary>Whether <c>sgd</c> uses Nesterov's momentum (when the momentum is positive).</summary>
    /// <value>Default <see langword="true"/>.</value>
    [Hyperparameter("nesterovs_momentum", Description = "Use Nesterov's momentum with sgd.")]
    public bool NesterovsMomentum { get; init; } = true;

    /// <summary>Whether to stop when the validation score (accuracy or R²) stops improving, and keep the weights of its best epoch.</summary>
    /// <value>Default <see langword="false"/>.</value>
    [Hyperparameter("early_stopping", Description = "Stop when the validation score stops improving and keep the best epoch.")]
    public bool EarlyStopping { get; init; }

    /// <summary>The share of training rows held out for early stopping when the fit context has no validation set, in (0, 1).</summary>
    /// <value>Default 0.1.</value>
    [Hyperparameter("validation_fraction", Min = 0.01, Max = 0.5, Description = "The share of rows held out for early stopping.")]
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Adam's decay of the first moment, in [0, 1).</summary>
    /// <value>Default 0.9.</value>
    [Hyperparameter("beta_1", Min = 0, Max = 0.999, Description = "Adam's decay of the mean gradient.")]
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam's decay of the second moment, in [0, 1).</summary>
    /// <value>Default 0.999.</value>
    [Hyperparameter("beta_2", Min = 0, Max = 0.999999, Description = "Adam's decay of the mean squared gradient.")]
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Adam's guard against division by zero.</summary>
    /// <value>Default 1e-8.</value>
    [Hyperparameter("epsilon", Min = 1e-12, Max = 1e-3, Log = true, Description = "Adam's guard against division by zero.")]
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>How many epochs without progress (by <see cref="Tol"/>) end the fit, or cut the <c>adaptive</c> learning rate.</summary>
    /// <value>Default 10.</value>
    [Hyperparameter("n_iter_no_change", Min = 1, Max = 1000, Log = true, Description = "Epochs without progress before stopping.")]
    public int NIterNoChange { get; init; } = 10;

    /// <summary>Save a checkpoint to the fit context's store every this many epochs; 0 never saves one. A fit resumes from the store's checkpoint either way.</summary>
    /// <value>Default 0.</value>
    [Hyperparameter("checkpoint_every", Min = 0, Max = 100_000, Description = "Save a checkpoint every this many epochs; 0 for never.")]
    public int CheckpointEvery { get; init; }

    /// <summary>The seed of the initial weights, the validation hold-out, the shuffles and the dropout masks.</summary>
    /// <value>Default 0.</value>
    public ulong Seed { get; init; }
}
