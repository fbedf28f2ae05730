namespace Kiln.Core.Learners.Neural;

// What a fit produces besides the network: the loss curve, the validation curve, where early stopping stopped, and notes.
internal sealed record MlpFitResult(
    MlpNetwork Network,
    double[] LossCurve,
    double[] ValidationLosses,
    double[] ValidationScores,
    int Epochs,
    int? BestEpoch,
    bool Converged,
    string[] Diagnostics);
