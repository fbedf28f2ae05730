namespace Kiln.Workflow.Configuration;

/// <summary>How candidates are scored before the sealed test: kiln.yaml's <c>validation.method</c>.</summary>
public enum ValidationMethod
{
    /// <summary><c>kfold</c>: shuffled k-fold cross-validation, repeated with fresh shuffles when asked.</summary>
    KFold,

    /// <summary><c>stratified_kfold</c>: k-fold keeping each fold's class shares close to the data's (classification only); the default for classification.</summary>
    StratifiedKFold,

    /// <summary><c>holdout</c>: fit on the training part, score on the validation part once.</summary>
    Holdout,
}
