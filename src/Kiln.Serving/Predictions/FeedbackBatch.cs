namespace Kiln.Serving.Predictions;

/// <summary>One request's feedback for the log of model <paramref name="Model"/>.</summary>
internal sealed record FeedbackBatch(string Model, DateTimeOffset Time, IReadOnlyList<FeedbackEntry> Entries) : LogEntry;
