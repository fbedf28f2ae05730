namespace Kiln.Core.Learners.Baseline;

/// <summary>Hyperparameters of <see cref="DummyClassifier"/>: which rule predicts the class (scikit-learn's <c>DummyClassifier</c>).</summary>
public sealed record DummyClassifierOptions
{
    /// <summary>Predict the most frequent (highest weighted) class; its probability is 1.</summary>
    public const string MostFrequent = "most_frequent";

    /// <summary>Predict the most frequent class; the probabilities are the weighted class frequencies.</summary>
    public const string Prior = "prior";

    /// <summary>Predict a class drawn from the weighted class frequencies; its probability is 1.</summary>
    public const string Stratified = "stratified";

    /// <summary>Predict a class drawn uniformly; every class has probability 1 / k.</summary>
    public const string Uniform = "uniform";

    /// <summary>Predict <see cref="Constant"/>; its probability is 1.</summary>
    public const string ConstantClass = "constant";

    /// <summary>The prediction rule: <c>most_frequent</c>, <c>prior</c>, <c>stratified</c>, <c>uniform</c> or <c>constant</c>.</summary>
    /// <value>Default <c>prior</c>, as in scikit-learn.</value>
    [Hyperparameter("strategy", Choices = [MostFrequent, Prior, Stratified, Uniform, ConstantClass], Description = "How the baseline picks its class.")]
    public string Strategy { get; init; } = Prior;

    /// <summary>The class label predicted by the <c>constant</c> strategy, written as the target's values are (e.g. <c>"yes"</c> or <c>"1"</c>).</summary>
    /// <value>Default <see langword="null"/>; required by <c>constant</c>.</value>
    [Hyperparameter("constant", Description = "The class the constant strategy predicts.")]
    public string? Constant { get; init; }

    /// <summary>The seed of the <c>stratified</c> and <c>uniform</c> draws.</summary>
    /// <value>Default 0.</value>
    public ulong Seed { get; init; }
}
