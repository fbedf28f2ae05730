namespace Kiln.Core.Selection;

/// <summary>K-fold cross-validation that never splits a group: all rows of a group are in the same test fold.</summary>
/// <remarks>
/// Folds are balanced greedily by group size, as scikit-learn's <c>GroupKFold</c> does: groups are taken largest first,
/// each into the fold that has the fewest rows so far. Ties are broken deterministically — equal-sized groups in order of
/// first appearance, equally light folds by lowest index — so the split needs no seed and is the same on every run.
/// Fold sizes are as even as the group sizes allow, not necessarily within one row of each other.
/// </remarks>
public sealed class GroupKFold : ISplitter
{
    /// <summary>Creates the splitter.</summary>
    /// <param name="folds">The number of folds, k (at least 2).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is less than 2.</exception>
    public GroupKFold(int folds = 5)
    {
        FoldAssignment.CheckFoldCount(folds, nameof(GroupKFold));
        FoldCount = folds;
    }

    /// <summary>The number of folds, k.</summary>
    /// <value>Default 5.</value>
    public int FoldCount { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The data has no groups, or fewer groups than folds.</exception>
    public IEnumerable<Fold> Split(SplitData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var groups = data.RequireGroups(nameof(GroupKFold));
        var encoded = new int[groups.Length];
        var groupCount = FoldAssignment.EncodeByFirstAppearance(groups, encoded, out _);
        if (groupCount < FoldCount)
        {
            throw new ArgumentException(
                $"{nameof(GroupKFold)} cannot make {FoldCount} folds from {groupCount} groups ({groups.Length} rows): a group is never split, so every fold needs a group of its own. " +
                $"Use at most {groupCount} folds, or finer groups.");
        }
        var groupSizes = new int[groupCount];
        foreach (var group in encoded)
            groupSizes[group]++;

        // Largest groups first; equal sizes in order of first appearance (the encoding's order), so the order is total.
        var order = Enumerable.Range(0, groupCount).OrderByDescending(group => groupSizes[group]).ThenBy(group => group).ToArray();
        var foldSizes = new long[FoldCount];
        var foldOfGroup = new int[groupCount];
        foreach (var group in order)
        {
            var lightest = 0;
            for (var fold = 1; fold < FoldCount; fold++)
            {
                if (foldSizes[fold] < foldSizes[lightest])
                    lightest = fold;
            }
            foldSizes[lightest] += groupSizes[group];
            foldOfGroup[group] = lightest;
        }

        var testFoldOfRow = new int[encoded.Length];
        for (var row = 0; row < encoded.Length; row++)
            testFoldOfRow[row] = foldOfGroup[encoded[row]];
        return FoldAssignment.Enumerate(testFoldOfRow, FoldCount, repeat: 0);
    }
}
