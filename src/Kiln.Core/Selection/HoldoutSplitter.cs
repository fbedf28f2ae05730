using System.Globalization;

namespace Kiln.Core.Selection;

/// <summary>Splits rows once into train, validation and test parts (default 70 / 15 / 15), at random, stratified by class, or in time order.</summary>
/// <remarks>
/// <para>
/// Part sizes (<see cref="Sizes"/>) follow scikit-learn's <c>train_test_split</c>, extended to three parts:
/// test = ⌈n · test⌉, train = ⌊n · train⌋, and validation gets the rest; with no validation part, train = n − test.
/// Each size is within one row of its ideal. Products within 1e-9 (relative) of a whole number count as that number,
/// so a test fraction of 0.07 of 100 rows gives 7 test rows (scikit-learn rounds up the floating-point product 7.000000000000001 and gives 8).
/// </para>
/// <para>
/// <see cref="SplitStratified"/> keeps those exact sizes and gives each part ⌊q⌋ or ⌈q⌉ rows of each class, where
/// q = n_class · part size / n is the class's ideal count, so each part's class proportions are within one row of the
/// data's (largest remainders first, ties in a seeded order). A class whose ideal count in a part is below one row may
/// be absent from that part.
/// </para>
/// </remarks>
public sealed class HoldoutSplitter
{
    private const double Tolerance = 1e-9;

    /// <summary>Creates the splitter; the fractions must add up to 1.</summary>
    /// <param name="trainFraction">The share of rows to fit on, in (0, 1).</param>
    /// <param name="validationFraction">The share to validate on, in [0, 1); 0 makes a train / test split.</param>
    /// <param name="testFraction">The share kept for the final test, in (0, 1).</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <exception cref="ArgumentOutOfRangeException">A fraction is out of range or not a number.</exception>
    /// <exception cref="ArgumentException">The fractions do not add up to 1 (within 1e-9).</exception>
    public HoldoutSplitter(double trainFraction = 0.70, double validationFraction = 0.15, double testFraction = 0.15, ulong seed = 0)
    {
        CheckFraction(trainFraction, "train", nameof(trainFraction), allowZero: false);
        CheckFraction(validationFraction, "validation", nameof(validationFraction), allowZero: true);
        CheckFraction(testFraction, "test", nameof(testFraction), allowZero: false);
        var sum = trainFraction + validationFraction + testFraction;
        if (Math.Abs(sum - 1) > Tolerance)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"The train, validation and test fractions {trainFraction}, {validationFraction} and {testFraction} add up to {sum}; they must add up to 1. ") +
                "Give fractions that add up to 1 (for example 0.7, 0.15 and 0.15, or 0.8, 0 and 0.2 for a train / test split).");
        }
        TrainFraction = trainFraction;
        ValidationFraction = validationFraction;
        TestFraction = testFraction;
        Seed = seed;
    }

    /// <summary>The share of rows to fit on.</summary>
    /// <value>Default 0.70.</value>
    public double TrainFraction { get; }

    /// <summary>The share of rows to validate on; 0 for a train / test split.</summary>
    /// <value>Default 0.15.</value>
    public double ValidationFraction { get; }

    /// <summary>The share of rows kept for the final test.</summary>
    /// <value>Default 0.15.</value>
    public double TestFraction { get; }

    /// <summary>The seed of the shuffle.</summary>
    /// <value>Default 0.</value>
    public ulong Seed { get; }

    /// <summary>Whether there is a validation part (<see cref="ValidationFraction"/> is above 0).</summary>
    public bool HasValidation => ValidationFraction > 0;

    /// <summary>A train / test splitter with no validation part.</summary>
    /// <param name="testFraction">The share kept for the test, in (0, 1).</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testFraction"/> is not in (0, 1).</exception>
    public static HoldoutSplitter TrainTest(double testFraction = 0.25, ulong seed = 0)
    {
        CheckFraction(testFraction, "test", nameof(testFraction), allowZero: false);
        return new HoldoutSplitter(1 - testFraction, 0, testFraction, seed);
    }

    /// <summary>The number of rows each part gets out of <paramref name="rowCount"/> (see the remarks on <see cref="HoldoutSplitter"/>).</summary>
    /// <exception cref="ArgumentException">A part would be empty: the train or test part, or the validation part when its fraction is above 0.</exception>
    public HoldoutSizes Sizes(int rowCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        var sum = TrainFraction + ValidationFraction + TestFraction;
        var test = SnapCeiling(rowCount * (TestFraction / sum));
        int train, validation;
        if (HasValidation)
        {
            train = SnapFloor(rowCount * (TrainFraction / sum));
            validation = rowCount - train - test;
            if (validation < 0)
            {
                validation = 0;
                train = rowCount - test;
            }
        }
        else
        {
            train = rowCount - test;
            validation = 0;
        }
        CheckNotEmpty(train, "train", TrainFraction, rowCount, "a larger train fraction");
        CheckNotEmpty(test, "test", TestFraction, rowCount, "a larger test fraction");
        if (HasValidation)
            CheckNotEmpty(validation, "validation", ValidationFraction, rowCount, "a larger validation fraction, or a validation fraction of 0 for a train / test split");
        return new HoldoutSizes(train, validation, test);
    }

    /// <summary>Splits the rows at random: a seeded shuffle cut into parts of <see cref="Sizes"/>.</summary>
    /// <exception cref="ArgumentException">A part would be empty.</exception>
    public Holdout Split(SplitData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var sizes = Sizes(data.RowCount);
        return Cut(new KilnRandom(Seed).Permutation(data.RowCount), sizes);
    }

    /// <summary>Splits the rows at random, keeping each class's share in every part (see the remarks on <see cref="HoldoutSplitter"/>).</summary>
    /// <exception cref="ArgumentException">
    /// The data has no classes; a part would be empty; a class has fewer rows than there are parts; or a part would have fewer rows than there are classes.
    /// </exception>
    public Holdout SplitStratified(SplitData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var codes = data.RequireClasses($"{nameof(HoldoutSplitter)}.{nameof(SplitStratified)}");
        var sizes = Sizes(codes.Length);
        var encoded = new int[codes.Length];
        var classCount = FoldAssignment.EncodeByFirstAppearance(codes, encoded, out var originalCodes);
        var rowsOfClass = new List<int>[classCount];
        for (var c = 0; c < classCount; c++)
            rowsOfClass[c] = [];
        for (var row = 0; row < encoded.Length; row++)
            rowsOfClass[encoded[row]].Add(row);
        CheckStratifiable(data, sizes, rowsOfClass, originalCodes);

        var random = new KilnRandom(Seed);
        var partSizes = new[] { sizes.Train, sizes.Validation, sizes.Test };
        var allocation = ProportionalAllocation.Allocate([.. rowsOfClass.Select(rows => rows.Count)], partSizes, random);
        var parts = new[] { new List<int>(sizes.Train), new List<int>(sizes.Validation), new List<int>(sizes.Test) };
        for (var c = 0; c < classCount; c++)
        {
            var rows = rowsOfClass[c].ToArray();
            random.Shuffle(rows.AsSpan());
            var next = 0;
            for (var part = 0; part < parts.Length; part++)
            {
                for (var i = 0; i < allocation[c][part]; i++)
                    parts[part].Add(rows[next++]);
            }
        }
        return new Holdout(Sorted(parts[0]), Sorted(parts[1]), Sorted(parts[2]));
    }

    /// <summary>Splits the rows in time order: the earliest go to train, the next to validation, the latest to test.</summary>
    /// <remarks>Time order is <see cref="SplitData.TimeOrder"/> when the data has times, else row order. The seed is not used.</remarks>
    /// <exception cref="ArgumentException">A part would be empty.</exception>
    public Holdout SplitByTime(SplitData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var sizes = Sizes(data.RowCount);
        var order = data.HasTimes ? data.TimeOrder.ToArray() : Enumerable.Range(0, data.RowCount).ToArray();
        var train = order[..sizes.Train];
        var validation = order[sizes.Train..(sizes.Train + sizes.Validation)];
        var test = order[(sizes.Train + sizes.Validation)..];
        Array.Sort(train);
        Array.Sort(validation);
        Array.Sort(test);
        return new Holdout(train, validation, test);
    }

    private static Holdout Cut(int[] order, HoldoutSizes sizes)
    {
        var test = order[..sizes.Test];
        var validation = order[sizes.Test..(sizes.Test + sizes.Validation)];
        var train = order[(sizes.Test + sizes.Validation)..];
        Array.Sort(train);
        Array.Sort(validation);
        Array.Sort(test);
        return new Holdout(train, validation, test);
    }

    private void CheckStratifiable(SplitData data, HoldoutSizes sizes, List<int>[] rowsOfClass, int[] originalCodes)
    {
        var partCount = HasValidation ? 3 : 2;
        var partNames = HasValidation ? "train, validation and test" : "train and test";
        var small = Enumerable.Range(0, rowsOfClass.Length).Where(c => rowsOfClass[c].Count < partCount).ToList();
        if (small.Count > 0)
        {
            var described = string.Join(", ", small.Take(10).Select(c => $"class {data.DescribeClass(originalCodes[c])} has {rowsOfClass[c].Count} {(rowsOfClass[c].Count == 1 ? "row" : "rows")}"));
            var more = small.Count > 10 ? $" and {small.Count - 10} more" : string.Empty;
            throw new ArgumentException(
                $"A stratified split into {partNames} needs at least {partCount} rows of every class, one for each part: {described}{more}. " +
                (HasValidation ? "Merge or drop the rare classes, use a train / test split (validation fraction 0), or split without stratification." : "Merge or drop the rare classes, or split without stratification."));
        }
        CheckPartHoldsClasses(sizes.Train, "train", rowsOfClass.Length);
        if (HasValidation)
            CheckPartHoldsClasses(sizes.Validation, "validation", rowsOfClass.Length);
        CheckPartHoldsClasses(sizes.Test, "test", rowsOfClass.Length);
    }

    private static void CheckPartHoldsClasses(int size, string part, int classCount)
    {
        if (size < classCount)
        {
            throw new ArgumentException(
                $"The {part} part would have {size} {(size == 1 ? "row" : "rows")}, fewer than the {classCount} classes, so a stratified split cannot give it a row of each class. " +
                $"Use a larger {part} fraction, more data, or a split without stratification.");
        }
    }

    private static void CheckNotEmpty(int size, string part, double fraction, int rowCount, string remedy)
    {
        if (size > 0)
            return;
        throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"The {part} part would be empty: {fraction:0.###} of {rowCount} rows is {rowCount * fraction:0.###} rows, which rounds to 0. ") +
            $"Use more rows, or {remedy}.");
    }

    private static void CheckFraction(double fraction, string part, string parameterName, bool allowZero)
    {
        if (double.IsNaN(fraction) || fraction >= 1 || fraction < 0 || (!allowZero && fraction == 0))
        {
            var range = allowZero ? "at least 0 and below 1" : "above 0 and below 1";
            throw new ArgumentOutOfRangeException(parameterName, fraction, $"The {part} fraction is {fraction.ToString(CultureInfo.InvariantCulture)}; it must be {range}.");
        }
    }

    private static int SnapFloor(double value)
    {
        var nearest = Math.Round(value);
        return (int)(IsNearlyWhole(value, nearest) ? nearest : Math.Floor(value));
    }

    private static int SnapCeiling(double value)
    {
        var nearest = Math.Round(value);
        return (int)(IsNearlyWhole(value, nearest) ? nearest : Math.Ceiling(value));
    }

    private static bool IsNearlyWhole(double value, double nearest) => Math.Abs(value - nearest) <= Tolerance * Math.Max(1, Math.Abs(value));

    private static int[] Sorted(List<int> rows)
    {
        var array = rows.ToArray();
        Array.Sort(array);
        return array;
    }
}
