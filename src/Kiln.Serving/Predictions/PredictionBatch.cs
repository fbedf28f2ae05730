using Kiln.Core.Data;

namespace Kiln.Serving.Predictions;

/// <summary>
/// One request's predictions for the log: the raw input rows, the ids, predictions (class indexes for a classifier) and
/// probabilities (row-major, one per class), and which rows were sampled. Serialized by the background writer, not the request.
/// </summary>
internal sealed record PredictionBatch(
    ServedModel Model,
    DateTimeOffset Time,
    long LatencyMicroseconds,
    Table Inputs,
    IReadOnlyList<string> Ids,
    double[] Predictions,
    double[]? Probabilities,
    int[] SampledRows) : LogEntry;
