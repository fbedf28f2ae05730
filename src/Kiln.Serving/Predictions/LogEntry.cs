namespace Kiln.Serving.Predictions;

/// <summary>What a request hands the background writer of the <see cref="PredictionLog"/>.</summary>
internal abstract record LogEntry;
