namespace Kiln.Core.Learners.Ensembles;

// One of the base learner's hyperparameter values as a bagging bundle stores it: a scalar's text, null (both null), or a list.
internal sealed record BaggingEstimatorOption(string Name, string? Text, string?[]? Items)
{
    public static BaggingEstimatorOption From(string name, HyperparameterValue value) =>
        new(name, value.Text, value.IsList ? [.. value.Items.Select(item => item.Text)] : null);

    public HyperparameterValue ToValue()
    {
        if (Items is not null)
            return HyperparameterValue.List(Items.Select(item => item is null ? HyperparameterValue.Null : HyperparameterValue.Scalar(item)));
        return Text is null ? HyperparameterValue.Null : HyperparameterValue.Scalar(Text);
    }
}
