using System.Numerics.Tensors;

namespace Kiln.Core.Learners.Neural;

// Activations, their derivatives and the losses of the network, on row-major spans of rows × width.
internal static class MlpFunctions
{
    // The smallest probability the log losses take (numpy's float64 eps, as scikit-learn clips).
    public const double ProbabilityFloor = 2.220446049250313e-16;

    public static MlpActivation Parse(string activation) => activation switch
    {
        MlpOptions.Relu => MlpActivation.Relu,
        MlpOptions.Tanh => MlpActivation.Tanh,
        MlpOptions.Logistic => MlpActivation.Logistic,
        MlpOptions.Identity => MlpActivation.Identity,
        _ => throw new ArgumentException($"Activation (activation) is '{activation}'; use relu, tanh, logistic or identity.", nameof(activation)),
    };

    // Applies the activation in place; `width` is the row length (softmax normalises each row).
    public static void Activate(MlpActivation activation, Span<double> values, int width)
    {
        switch (activation)
        {
            case MlpActivation.Relu:
                TensorPrimitives.Max(values, 0.0, values);
                break;
            case MlpActivation.Tanh:
                TensorPrimitives.Tanh(values, values);
                break;
            case MlpActivation.Logistic:
                TensorPrimitives.Sigmoid(values, values);
                break;
            case MlpActivation.Softmax:
                for (var start = 0; start < values.Length; start += width)
                    Softmax(values.Slice(start, width));
                break;
            case MlpActivation.Identity:
                break;
        }
    }

    // Multiplies the back-propagated errors by the activation's derivative, written in terms of its outputs.
    public static void MultiplyDerivative(MlpActivation activation, ReadOnlySpan<double> outputs, Span<double> errors)
    {
        switch (activation)
        {
            case MlpActivation.Relu:
                for (var i = 0; i < errors.Length; i++)
                {
                    if (outputs[i] == 0)
                        errors[i] = 0;
                }
                break;
            case MlpActivation.Tanh:
                for (var i = 0; i < errors.Length; i++)
                    errors[i] *= 1 - (outputs[i] * outputs[i]);
                break;
            case MlpActivation.Logistic:
                for (var i = 0; i < errors.Length; i++)
                {
                    errors[i] *= outputs[i];
                    errors[i] *= 1 - outputs[i];
                }
                break;
            case MlpActivation.Identity:
            case MlpActivation.Softmax:
                break;
        }
    }

    // The mean loss of the rows, without the penalty: half the mean squared error over every output for identity,
    // the log loss of the true class for softmax, the binary log loss for one logistic output.
    public static double Loss(MlpActivation output, ReadOnlySpan<double> predicted, ReadOnlySpan<double> targets, int rows)
    {
        var sum = 0.0;
        switch (output)
        {
            case MlpActivation.Identity:
                for (var i = 0; i < predicted.Length; i++)
                {
                    var difference = targets[i] - predicted[i];
                    sum += difference * difference;
                }
                return sum / predicted.Length / 2;
            case MlpActivation.Logistic:
                for (var i = 0; i < predicted.Length; i++)
                {
                    var probability = Math.Clamp(predicted[i], ProbabilityFloor, 1 - ProbabilityFloor);
                    if (targets[i] != 0)
                        sum += targets[i] * Math.Log(probability);
                    if (targets[i] != 1)
                        sum += (1 - targets[i]) * Math.Log(1 - probability);
                }
                return -sum / rows;
            default:
                for (var i = 0; i < predicted.Length; i++)
                {
                    if (targets[i] != 0)
                        sum += targets[i] * Math.Log(Math.Clamp(predicted[i], ProbabilityFloor, 1 - ProbabilityFloor));
                }
                return -sum / rows;
        }
    }

    private static void Softmax(Span<double> row)
    {
        var largest = TensorPrimitives.Max(row);
        TensorPrimitives.Subtract(row, largest, row);
        TensorPrimitives.Exp(row, row);
        TensorPrimitives.Divide(row, TensorPrimitives.Sum(row), row);
    }
}
