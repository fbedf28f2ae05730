namespace Kiln.Core.Selection;

/// <summary><see cref="StratifiedKFold"/> repeated with a fresh shuffle each time: repeat r is <c>new StratifiedKFold(folds, shuffle: true, seed: Seeds.Derive(seed, r))</c>.</summary>
/// <remarks>The fold sizes and per-class counts are the same in every repeat; only which rows fill them changes.</remarks>
public sealed class RepeatedStratifiedKFold : ISplitter
{
    /// <summary>Creates the splitter.</summary>
    /// <param name="folds">The number of folds per repeat (at least 2).</param>
    /// <param name="repeats">The number of repeats (at least 1).</param>
    /// <param name="seed">The seed from which each repeat's seed is derived.</param>
    /// <param name="allowSmallClasses">Whether a class with fewer rows than folds is accepted (see <see cref="StratifiedKFold"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is less than 2 or <paramref name="repeats"/> less than 1.</exception>
    public RepeatedStratifiedKFold(int folds = 5, int repeats = 10, ulong seed = 0, bool allowSmallClasses = false)
    {
        FoldAssignment.CheckFoldCount(folds, nameof(RepeatedStratifiedKFold));
        FoldAssignment.CheckRepeats(repeats, nameof(RepeatedStratifiedKFold));
        FoldsPerRepeat = folds;
        Repeats = repeats;
        Seed = seed;
        AllowSmallClasses = allowSmallClasses;
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

    /// <summary>Whether a class with fewer rows than folds is accepted.</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool AllowSmallClasses { get; }

    /// <inheritdoc/>
    public int FoldCount => FoldsPerRepeat * Repeats;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">As for <see cref="StratifiedKFold.Split(SplitData)"/>.</exception>
    public IEnumerable<Fold> Split(SplitData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var first = ForRepeat(0).Split(data, 0, nameof(RepeatedStratifiedKFold));
        return Continue(first, data);
    }

    private StratifiedKFold ForRepeat(int repeat) => new(FoldsPerRepeat, shuffle: true, Seeds.Derive(Seed, repeat), AllowSmallClasses);

    private IEnumerable<Fold> Continue(IEnumerable<Fold> first, SplitData data)
    {
        foreach (var fold in first)
            yield return fold;
        for (var repeat = 1; repeat < Repeats; repeat++)
        {
            foreach (var fold in ForRepeat(repeat).Split(data, repeat, nameof(RepeatedStratifiedKFold)))
                yield return fold;
        }
    }
}
