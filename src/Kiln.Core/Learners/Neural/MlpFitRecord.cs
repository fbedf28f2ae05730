namespace Kiln.Core.Learners.Neural;

// How an MLP fit went, as its bundle stores it.
internal sealed record MlpFitRecord(int Epochs, bool Converged, int? BestEpoch, double[] LossCurve, double[] ValidationScores, string[] Diagnostics);
