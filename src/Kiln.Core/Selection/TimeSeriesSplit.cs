namespace Kiln.Core.Selection;

/// <summary>Forward-chaining splits for time-ordered data: each fold tests on a block of later rows and trains only on rows before it.</summary>
/// <remarks>
/// <para>
/// As scikit-learn's <c>TimeSeriesSplit</c>: with n rows in time order, k folds and test size t (default <c>⌊n / (k + 1)⌋</c>),
/// fold i (0-based) tests on positions <c>n − (k − i)·t</c> … <c>n − (k − i − 1)·t − 1</c> and trains on the positions before the
/// test block less the last <c>gap</c> ones (and at most <c>maxTrainSize</c> of them, the latest). The earliest rows are never tested,
/// and a fold's train part leaves out the rows after its test block.
/// </para>
/// <para>
/// Time order is <see cref="SplitData.TimeOrder"/> when the data has times, else row order. The folds hold row indices
/// (ascending, like every <see cref="Fold"/>), not positions in time.
/// </para>
/// </remarks>
public sealed class TimeSeriesSplit : ISplitter
{
    /// <summary>Creates the splitter.</summary>
    /// <param name="folds">The number of folds, k (at least 2).</param>
    /// <param name="testSize">Rows in each test block, or <see langword="null"/> for <c>⌊n / (k + 1)⌋</c>.</param>
    /// <param name="gap">Rows left out between the end of each train part and the start of its test block.</param>
    /// <param name="maxTrainSize">The most rows a train part may have (the latest are kept), or <see langword="null"/> for no limit.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is less than 2, <paramref name="testSize"/> or <paramref name="maxTrainSize"/> is less than 1, or <paramref name="gap"/> is negative.</exception>
    public TimeSeriesSplit(int folds = 5, int? testSize = null, int gap = 0, int? maxTrainSize = null)
    {
        FoldAssignment.CheckFoldCount(folds, nameof(TimeSeriesSplit));
        if (testSize is { } size)
            ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(testSize));
        if (maxTrainSize is { } limit)
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1, nameof(maxTrainSize));
        ArgumentOutOfRangeException.ThrowIfNegative(gap);
        FoldCount = folds;
        TestSize = testSize;
        Gap = gap;
        MaxTrainSize = maxTrainSize;
    }

    /// <summary>The number of folds, k.</summary>
    /// <value>Default 5.</value>
    public int FoldCount { get; }

    /// <summary>Rows in each test block, or <see langword="null"/> for <c>⌊n / (k + 1)⌋</c>.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public int? TestSize { get; }

    /// <summary>Rows left out between each train part and its test block.</summary>
    /// <value>Default 0.</value>
    public int Gap { get; }

    /// <summary>The most rows a train part may have, or <see langword="null"/> for no limit.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public int? MaxTrainSize { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">There are too few rows for k + 1 blocks, or for k test blocks of the test size after the gap.</exception>
    public IEnumerable<Fold> Split(SplitData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var rowCount = data.RowCount;
        if (FoldCount + 1 > rowCount)
            throw new ArgumentException($"{nameof(TimeSeriesSplit)} with {FoldCount} folds cuts the rows into {FoldCount + 1} blocks, and there are only {rowCount} rows. Use at most {Math.Max(rowCount - 1, 0)} folds, or more data.");
        var testSize = TestSize ?? (rowCount / (FoldCount + 1));
        if ((long)rowCount - Gap - ((long)testSize * FoldCount) <= 0)
        {
            throw new ArgumentException(
                $"{nameof(TimeSeriesSplit)} cannot make {FoldCount} test blocks of {testSize} rows with a gap of {Gap} from {rowCount} rows: no rows would be left to train the first fold on. " +
                "Use fewer folds, a smaller test size or gap, or more data.");
        }
        var order = data.HasTimes ? data.TimeOrder.ToArray() : Enumerable.Range(0, rowCount).ToArray();
        return Enumerate(order, testSize);
    }

    private IEnumerable<Fold> Enumerate(int[] order, int testSize)
    {
        var firstTestStart = order.Length - (FoldCount * testSize);
        for (var fold = 0; fold < FoldCount; fold++)
        {
            var testStart = firstTestStart + (fold * testSize);
            var trainEnd = testStart - Gap;
            var trainStart = MaxTrainSize is { } limit && limit < trainEnd ? trainEnd - limit : 0;
            var train = order[trainStart..trainEnd];
            var test = order[testStart..(testStart + testSize)];
            Array.Sort(train);
            Array.Sort(test);
            yield return new Fold(fold, 0, train, test);
        }
    }
}
