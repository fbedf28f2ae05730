namespace Kiln.Core.Selection;

/// <summary>Shared pieces of the k-fold splitters: argument checks, and folds built from each row's test fold.</summary>
internal static class FoldAssignment
{
    public static void CheckFoldCount(int folds, string splitter)
    {
        if (folds < 2)
            throw new ArgumentOutOfRangeException(nameof(folds), folds, $"{splitter} needs at least 2 folds; got {folds}. With one fold nothing is left to fit on.");
    }

    public static void CheckRepeats(int repeats, string splitter)
    {
        if (repeats < 1)
            throw new ArgumentOutOfRangeException(nameof(repeats), repeats, $"{splitter} needs at least 1 repeat; got {repeats}.");
    }

    public static void CheckEnoughRows(int folds, int rowCount, string splitter)
    {
        if (folds > rowCount)
            throw new ArgumentException($"{splitter} cannot make {folds} folds from {rowCount} rows: every fold needs at least one test row. Use at most {rowCount} folds, or more data.");
    }

    /// <summary>The folds whose test rows are the rows assigned to them, train rows all the others; both ascending.</summary>
    public static IEnumerable<Fold> Enumerate(int[] testFoldOfRow, int folds, int repeat)
    {
        for (var fold = 0; fold < folds; fold++)
            yield return ToFold(testFoldOfRow, fold, repeat);
    }

    public static Fold ToFold(int[] testFoldOfRow, int fold, int repeat)
    {
        var testCount = 0;
        foreach (var assigned in testFoldOfRow)
        {
            if (assigned == fold)
                testCount++;
        }
        var test = new int[testCount];
        var train = new int[testFoldOfRow.Length - testCount];
        int testIndex = 0, trainIndex = 0;
        for (var row = 0; row < testFoldOfRow.Length; row++)
        {
            if (testFoldOfRow[row] == fold)
                test[testIndex++] = row;
            else
                train[trainIndex++] = row;
        }
        return new Fold(fold, repeat, train, test);
    }

    /// <summary>Renumbers codes 0 … m − 1 in order of first appearance, as scikit-learn's StratifiedKFold orders classes; returns m.</summary>
    public static int EncodeByFirstAppearance(ReadOnlySpan<int> codes, int[] encoded, out int[] originalCodes)
    {
        var index = new Dictionary<int, int>();
        var originals = new List<int>();
        for (var row = 0; row < codes.Length; row++)
        {
            if (!index.TryGetValue(codes[row], out var code))
            {
                code = index.Count;
                index.Add(codes[row], code);
                originals.Add(codes[row]);
            }
            encoded[row] = code;
        }
        originalCodes = [.. originals];
        return originals.Count;
    }
}
