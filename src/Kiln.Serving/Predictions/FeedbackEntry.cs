namespace Kiln.Serving.Predictions;

/// <summary>The true outcome of one earlier prediction: a class label for a classifier, a number for a regressor.</summary>
internal sealed record FeedbackEntry(string Id, int Version, string? Label, double Value);
