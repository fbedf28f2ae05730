namespace Kiln.Core.Selection;

/// <summary><see cref="KFold"/> repeated with a fresh shuffle each time: repeat r is <c>new KFold(folds, shuffle: true, seed: Seeds.Derive(seed, r))</c>.</summary>
public sealed class RepeatedKFold : ISplitter
{
    /// <summary>Creates the splitter.</summary>
    /// <param name="folds">The number of folds per repeat (at least 2).</param>
    /// <param name="repeats">The number of repeats (at least 1).</param>
    /// <param name="seed">The seed from which each repeat's seed is derived.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is less than 2 or <paramref name="repeats"/> less than 1.</exception>
    public RepeatedKFold(int folds = 5, int repeats = 10, ulong seed = 0)
    {
        FoldAssignment.CheckFoldCount(folds, nameof(RepeatedKFold));
        FoldAssignment.CheckRepeats(repeats, nameof(RepeatedKFold));
        FoldsPerRepeat = folds;
        Repeats = repeats;
        Seed = seed;
    }

    /// <summary>The number of folds in each repeat, k.</summary>
    /// <value>Default 5.</value>
    public int FoldsPerRepeat { get; }

    /// <summary>The number of repeats.</summary>
    /// <value>Default 10.</value>
    public int Repeats { get; }

    /// <summary>The seed from which each repeat's seed is derived.</summary>
    /// <value>Default 0.</value>
    public ulong Seed { get; }

    /// <inheritdoc/>
    public int FoldCount => FoldsPerRepeat * Repeats;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">There are fewer rows than folds.</exception>
    public IEnumerable<Fold> Split(SplitData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var first = ForRepeat(0).Split(data, 0, nameof(RepeatedKFold));
        return Continue(first, data);
    }

    private KFold ForRepeat(int repeat) => new(FoldsPerRepeat, shuffle: true, Seeds.Derive(Seed, repeat));

    private IEnumerable<Fold> Continue(IEnumerable<Fold> first, SplitData data)
    {
        foreach (var fold in first)
            yield return fold;
        for (var repeat = 1; repeat < Repeats; repeat++)
        {
            foreach (var fold in ForRepeat(repeat).Split(data, repeat, nameof(RepeatedKFold)))
                yield return fold;
        }
    }
}
