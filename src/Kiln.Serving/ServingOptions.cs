using Kiln.Serving.Predictions;

namespace Kiln.Serving;

/// <summary>The limits and switches of a <see cref="ServingApp"/>.</summary>
public sealed record ServingOptions
{
    /// <summary>Whether every prediction and model-metadata endpoint requires an API key (health endpoints stay open).</summary>
    /// <value>Default <see langword="true"/>: an open server must be asked for explicitly.</value>
    public bool RequireAuth { get; init; } = true;

    /// <summary>The largest request body accepted, in bytes; a larger one is answered 413.</summary>
    /// <value>Default 8 MiB.</value>
    public long MaxBodyBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>The deepest JSON nesting accepted; a deeper body is answered 400.</summary>
    /// <value>Default 16 (a request needs at most 5).</value>
    public int MaxJsonDepth { get; init; } = 16;

    /// <summary>The most rows one request may score; more are answered 413.</summary>
    /// <value>Default 10 000.</value>
    public int MaxRows { get; init; } = 10_000;

    /// <summary>The store whose <c>serving/predictions</c> folder receives the prediction and feedback log; <see langword="null"/>: no log.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public string? StoreRoot { get; init; }

    /// <summary>The prediction log's sizes, sampling and queue (used when <see cref="StoreRoot"/> is set).</summary>
    public PredictionLogOptions PredictionLog { get; init; } = new();

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is not positive.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBodyBytes, 1, nameof(MaxBodyBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxJsonDepth, 2, nameof(MaxJsonDepth));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRows, 1, nameof(MaxRows));
        ArgumentNullException.ThrowIfNull(PredictionLog);
        PredictionLog.Validate();
    }
}
