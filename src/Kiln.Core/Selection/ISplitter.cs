namespace Kiln.Core.Selection;

/// <summary>Splits rows into cross-validation folds, deterministically for a given seed.</summary>
/// <remarks>
/// Implementations validate their arguments when <see cref="Split"/> is called (not when the folds are enumerated),
/// then produce the folds lazily, in order: repeat 0's folds 0 … k − 1, then repeat 1's, and so on.
/// Enumerating the result twice gives the same folds.
/// </remarks>
public interface ISplitter
{
    /// <summary>The number of folds <see cref="Split"/> produces in all: folds per repeat × repeats.</summary>
    int FoldCount { get; }

    /// <summary>The folds of <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">The data cannot be split this way (too few rows, classes or groups; classes or groups missing); the message says why and what to change.</exception>
    IEnumerable<Fold> Split(SplitData data);
}
