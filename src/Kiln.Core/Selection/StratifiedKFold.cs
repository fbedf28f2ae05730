namespace Kiln.Core.Selection;

/// <summary>K-fold cross-validation that keeps each class's share in every fold: each fold holds ⌊n_c / k⌋ or ⌈n_c / k⌉ rows of class c.</summary>
/// <remarks>
/// <para>
/// The allocation is scikit-learn's (0.22 and later): classes are numbered in order of first appearance, the rows sorted
/// by class are dealt to folds 0, 1, …, k − 1, 0, 1, … in turn, and fold f receives that many rows of each class. So every
/// fold's count of every class is within one of <c>n_c / k</c>, and the fold sizes are exactly <see cref="KFold"/>'s (the first
/// <c>n mod k</c> folds have one row more). Within a class, the rows go to their folds in row order, or in an order shuffled
/// by <see cref="KilnRandom"/>. Without shuffling the folds equal scikit-learn's; with shuffling only the sizes and class counts do.
/// </para>
/// <para>
/// Classes smaller than k: scikit-learn refuses when every class has fewer than k rows and warns when the smallest does.
/// Kiln refuses in both cases by default, because a fold whose test part lacks a class gives misleading per-class
/// metrics; pass <c>allowSmallClasses: true</c> to accept such folds (then only the first case is refused).
/// </para>
/// </remarks>
public sealed class StratifiedKFold : ISplitter
{
    /// <summary>Creates the splitter.</summary>
    /// <param name="folds">The number of folds, k (at least 2).</param>
    /// <param name="shuffle">Whether to shuffle the rows of each class before dealing them to folds.</param>
    /// <param name="seed">The seed of the shuffle; ignored without <paramref name="shuffle"/>.</param>
    /// <param name="allowSmallClasses">Whether a class with fewer rows than folds is accepted (some folds then have none of it).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is less than 2.</exception>
    public StratifiedKFold(int folds = 5, bool shuffle = true, ulong seed = 0, bool allowSmallClasses = false)
    {
        FoldAssignment.CheckFoldCount(folds, nameof(StratifiedKFold));
        FoldCount = folds;
        Shuffle = shuffle;
        Seed = seed;
        AllowSmallClasses = allowSmallClasses;
    }

    /// <summary>The number of folds, k.</summary>
    /// <value>Default 5.</value>
    public int FoldCount { get; }

    /// <summary>Whether each class's rows are shuffled before being dealt to folds.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool Shuffle { get; }

    /// <summary>The seed of the shuffle.</summary>
    /// <value>Default 0.</value>
    public ulong Seed { get; }

    /// <summary>Whether a class with fewer rows than folds is accepted.</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool AllowSmallClasses { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">
    /// The data has no classes, there are fewer rows than folds, every class has fewer rows than folds, or (unless
    /// <see cref="AllowSmallClasses"/>) some class has.
    /// </exception>
    public IEnumerable<Fold> Split(SplitData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return FoldAssignment.Enumerate(Assign(data, nameof(StratifiedKFold)), FoldCount, repeat: 0);
    }

    internal IEnumerable<Fold> Split(SplitData data, int repeat, string splitter) =>
        FoldAssignment.Enumerate(Assign(data, splitter), FoldCount, repeat);

    private int[] Assign(SplitData data, string splitter)
    {
        var codes = data.RequireClasses(splitter);
        var rowCount = codes.Length;
        FoldAssignment.CheckEnoughRows(FoldCount, rowCount, splitter);
        var encoded = new int[rowCount];
        var classCount = FoldAssignment.EncodeByFirstAppearance(codes, encoded, out var originalCodes);
        var classSizes = new int[classCount];
        foreach (var code in encoded)
            classSizes[code]++;
        CheckClassSizes(data, classSizes, originalCodes, splitter);

        // Rows sorted by class occupy positions start_c … start_c + n_c − 1; position i is dealt to fold i mod k.
        var foldsOfClass = new int[classCount][];
        var random = Shuffle ? new KilnRandom(Seed) : null;
        var start = 0;
        for (var c = 0; c < classCount; c++)
        {
            var perFold = new int[FoldCount];
            for (var position = start; position < start + classSizes[c]; position++)
                perFold[position % FoldCount]++;
            var folds = new int[classSizes[c]];
            var next = 0;
            for (var fold = 0; fold < FoldCount; fold++)
            {
                for (var i = 0; i < perFold[fold]; i++)
                    folds[next++] = fold;
            }
            random?.Shuffle(folds.AsSpan());
            foldsOfClass[c] = folds;
            start += classSizes[c];
        }

        var testFoldOfRow = new int[rowCount];
        var taken = new int[classCount];
        for (var row = 0; row < rowCount; row++)
        {
            var c = encoded[row];
            testFoldOfRow[row] = foldsOfClass[c][taken[c]++];
        }
        return testFoldOfRow;
    }

    private void CheckClassSizes(SplitData data, int[] classSizes, int[] originalCodes, string splitter)
    {
        var largest = 0;
        for (var c = 1; c < classSizes.Length; c++)
        {
            if (classSizes[c] > classSizes[largest])
                largest = c;
        }
        if (classSizes[largest] < FoldCount)
        {
            throw new ArgumentException(
                $"{splitter} cannot make {FoldCount} folds: every class has fewer than {FoldCount} rows (the largest, class {data.DescribeClass(originalCodes[largest])}, has {classSizes[largest]}). " +
                (classSizes[largest] >= 2 ? $"Use at most {classSizes[largest]} folds, or a splitter that does not stratify." : "Use a splitter that does not stratify."));
        }
        if (AllowSmallClasses)
            return;
        var small = Enumerable.Range(0, classSizes.Length).Where(c => classSizes[c] < FoldCount).ToList();
        if (small.Count == 0)
            return;
        var smallest = small.Min(c => classSizes[c]);
        var described = string.Join(", ", small.Take(10).Select(c => $"class {data.DescribeClass(originalCodes[c])} has {classSizes[c]}"));
        var more = small.Count > 10 ? $" and {small.Count - 10} more" : string.Empty;
        throw new ArgumentException(
            $"{splitter} cannot give every one of its {FoldCount} folds a row of each class: {described}{more}. " +
            (smallest >= 2 ? $"Use at most {smallest} folds, merge" : "Merge") +
            " or drop the rare classes, or pass allowSmallClasses: true to accept folds without them.");
    }
}
