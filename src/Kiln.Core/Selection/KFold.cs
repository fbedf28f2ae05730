namespace Kiln.Core.Selection;

/// <summary>K-fold cross-validation: the rows, shuffled or in order, cut into k folds of nearly equal size; each fold is the test part once.</summary>
/// <remarks>
/// Fold sizes follow scikit-learn's <c>KFold</c>: the first <c>n mod k</c> folds have <c>⌊n / k⌋ + 1</c> test rows, the
/// rest <c>⌊n / k⌋</c>. Without shuffling the folds are consecutive blocks of rows, exactly as scikit-learn's; with
/// shuffling the rows are permuted by <see cref="KilnRandom"/> first, so memberships differ from NumPy's, sizes do not.
/// Unlike scikit-learn, Kiln shuffles by default: data files are often sorted (by class, by date), and unshuffled blocks
/// of sorted data make misleading folds. Use <see cref="TimeSeriesSplit"/> when order matters.
/// </remarks>
public sealed class KFold : ISplitter
{
    /// <summary>Creates the splitter.</summary>
    /// <param name="folds">The number of folds, k (at least 2).</param>
    /// <param name="shuffle">Whether to permute the rows before cutting them into folds.</param>
    /// <param name="seed">The seed of the permutation; ignored without <paramref name="shuffle"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is less than 2.</exception>
    public KFold(int folds = 5, bool shuffle = true, ulong seed = 0)
    {
        FoldAssignment.CheckFoldCount(folds, nameof(KFold));
        FoldCount = folds;
        Shuffle = shuffle;
        Seed = seed;
    }

    /// <summary>The number of folds, k.</summary>
    /// <value>Default 5.</value>
    public int FoldCount { get; }

    /// <summary>Whether rows are permuted before being cut into folds.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool Shuffle { get; }

    /// <summary>The seed of the permutation.</summary>
    /// <value>Default 0.</value>
    public ulong Seed { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">There are fewer rows than folds.</exception>
    public IEnumerable<Fold> Split(SplitData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return FoldAssignment.Enumerate(Assign(data.RowCount, nameof(KFold)), FoldCount, repeat: 0);
    }

    internal IEnumerable<Fold> Split(SplitData data, int repeat, string splitter) =>
        FoldAssignment.Enumerate(Assign(data.RowCount, splitter), FoldCount, repeat);

    private int[] Assign(int rowCount, string splitter)
    {
        FoldAssignment.CheckEnoughRows(FoldCount, rowCount, splitter);
        var order = Shuffle ? new KilnRandom(Seed).Permutation(rowCount) : Enumerable.Range(0, rowCount).ToArray();
        var testFoldOfRow = new int[rowCount];
        var baseSize = rowCount / FoldCount;
        var larger = rowCount % FoldCount;
        var position = 0;
        for (var fold = 0; fold < FoldCount; fold++)
        {
            var size = baseSize + (fold < larger ? 1 : 0);
            for (var i = 0; i < size; i++)
                testFoldOfRow[order[position++]] = fold;
        }
        return testFoldOfRow;
    }
}
