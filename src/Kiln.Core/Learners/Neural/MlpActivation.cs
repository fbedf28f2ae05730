namespace Kiln.Core.Learners.Neural;

// The function a layer applies to its weighted sums: the hidden layers' choice, or the output layer's, which the task fixes
// (softmax for several classes, logistic for two, identity for regression), as in scikit-learn's MLP.
internal enum MlpActivation
{
    Identity,
    Relu,
    Tanh,
    Logistic,
    Softmax,
}
