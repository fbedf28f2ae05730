using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.Core.Selection;

/// <summary>What a splitter splits: the number of rows and, for the splitters that need them, each row's class, group or time.</summary>
/// <remarks>
/// Immutable; the factories and <c>With…</c> methods copy what they are given. Row <c>i</c> here is row <c>i</c> of
/// whatever the caller splits (a table, or a <see cref="TrainingSet"/>, whose rows are numbered 0 … RowCount − 1),
/// and the folds' indices refer to those rows.
/// </remarks>
public sealed class SplitData
{
    private readonly int[]? _classCodes;
    private readonly IReadOnlyList<string>? _classNames;
    private readonly int[]? _groupCodes;
    private readonly int[]? _timeOrder;

    private SplitData(int rowCount, int[]? classCodes, IReadOnlyList<string>? classNames, int[]? groupCodes, int[]? timeOrder)
    {
        RowCount = rowCount;
        _classCodes = classCodes;
        _classNames = classNames;
        _groupCodes = groupCodes;
        _timeOrder = timeOrder;
    }

    /// <summary>The number of rows to split.</summary>
    public int RowCount { get; }

    /// <summary>Whether each row's class is known (stratified splitters need it).</summary>
    public bool HasClasses => _classCodes is not null;

    /// <summary>Whether each row's group is known (<see cref="GroupKFold"/> needs it).</summary>
    public bool HasGroups => _groupCodes is not null;

    /// <summary>Whether the rows' time order is known (<see cref="TimeSeriesSplit"/> uses it; without it, row order is time order).</summary>
    public bool HasTimes => _timeOrder is not null;

    /// <summary>Each row's class code (non-negative), or empty when <see cref="HasClasses"/> is false.</summary>
    public ReadOnlySpan<int> ClassCodes => _classCodes;

    /// <summary>The names of the class codes, used in error messages, or <see langword="null"/> when not given.</summary>
    public IReadOnlyList<string>? ClassNames => _classNames;

    /// <summary>Each row's group code (any integer; equal codes are one group), or empty when <see cref="HasGroups"/> is false.</summary>
    public ReadOnlySpan<int> GroupCodes => _groupCodes;

    /// <summary>The rows from earliest to latest (ties in row order), or empty when <see cref="HasTimes"/> is false.</summary>
    public ReadOnlySpan<int> TimeOrder => _timeOrder;

    /// <summary>Data of <paramref name="rowCount"/> rows with nothing else known.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowCount"/> is negative.</exception>
    public static SplitData ForRows(int rowCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        return new SplitData(rowCount, null, null, null, null);
    }

    /// <summary>Data whose rows have the classes <paramref name="classCodes"/>, for stratified splitters.</summary>
    /// <param name="classCodes">Each row's class code: 0 or more (codes need not be contiguous).</param>
    /// <param name="classNames">The name of each code, for error messages; <see langword="null"/> to name classes by code.</param>
    /// <exception cref="ArgumentException">A code is negative (a missing class), or is past the end of <paramref name="classNames"/>.</exception>
    public static SplitData ForClasses(ReadOnlySpan<int> classCodes, IReadOnlyList<string>? classNames = null)
    {
        for (var row = 0; row < classCodes.Length; row++)
        {
            var code = classCodes[row];
            if (code < 0)
                throw new ArgumentException($"Row {row} has class code {code}; every row needs a class (0 or more) to stratify. Remove rows with a missing target first.", nameof(classCodes));
            if (classNames is not null && code >= classNames.Count)
                throw new ArgumentException($"Row {row} has class code {code}, but only {classNames.Count} class names were given.", nameof(classNames));
        }
        return new SplitData(classCodes.Length, classCodes.ToArray(), classNames is null ? null : [.. classNames], null, null);
    }

    /// <summary>Data whose rows have the classes of <paramref name="labels"/>, named in error messages.</summary>
    public static SplitData ForClasses(ClassLabels labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return ForClasses(labels.Codes, labels.Classes);
    }

    /// <summary>Data whose rows belong to the groups <paramref name="groupCodes"/>, for <see cref="GroupKFold"/>.</summary>
    public static SplitData ForGroups(ReadOnlySpan<int> groupCodes) => ForRows(groupCodes.Length).WithGroups(groupCodes);

    /// <summary>A copy that also knows each row's group; equal codes form one group.</summary>
    /// <exception cref="ArgumentException">The number of codes differs from <see cref="RowCount"/>.</exception>
    public SplitData WithGroups(ReadOnlySpan<int> groupCodes)
    {
        CheckLength(groupCodes.Length, "group codes", nameof(groupCodes));
        return new SplitData(RowCount, _classCodes, _classNames, groupCodes.ToArray(), _timeOrder);
    }

    /// <summary>A copy that also knows each row's group, given as keys (compared ordinally).</summary>
    /// <exception cref="ArgumentException">The number of keys differs from <see cref="RowCount"/>, or a key is <see langword="null"/>.</exception>
    public SplitData WithGroups(IReadOnlyList<string> groupKeys)
    {
        ArgumentNullException.ThrowIfNull(groupKeys);
        CheckLength(groupKeys.Count, "group keys", nameof(groupKeys));
        var codes = new int[groupKeys.Count];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var row = 0; row < codes.Length; row++)
        {
            var key = groupKeys[row]
                ?? throw new ArgumentException($"The group key of row {row} is missing; every row needs a group. Remove the row or give it a group of its own.", nameof(groupKeys));
            if (!index.TryGetValue(key, out var code))
            {
                code = index.Count;
                index.Add(key, code);
            }
            codes[row] = code;
        }
        return new SplitData(RowCount, _classCodes, _classNames, codes, _timeOrder);
    }

    /// <summary>A copy that also knows each row's group: the values of <paramref name="groups"/> (of any kind) at <paramref name="rows"/>.</summary>
    /// <exception cref="ArgumentException">The number of rows differs from <see cref="RowCount"/>, or a group value is missing.</exception>
    public SplitData WithGroups(Column groups, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(groups);
        CheckLength(rows.Length, $"rows of group column '{groups.Name}'", nameof(rows));
        var keys = new string[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            keys[i] = groups.FormatValue(rows[i])
                ?? throw new ArgumentException($"The group column '{groups.Name}' is missing in row {rows[i]}; every row needs a group. Fill it in or remove the row.", nameof(groups));
        }
        return WithGroups(keys);
    }

    /// <summary>A copy that also knows each row's group: the values of every row of <paramref name="groups"/>.</summary>
    /// <exception cref="ArgumentException">The column's length differs from <see cref="RowCount"/>, or a group value is missing.</exception>
    public SplitData WithGroups(Column groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        CheckLength(groups.Length, $"rows of group column '{groups.Name}'", nameof(groups));
        return WithGroups(groups, AllRows(groups.Length));
    }

    /// <summary>A copy that also knows when each row happened, as <paramref name="times"/> (ticks, seconds: any increasing scale).</summary>
    /// <exception cref="ArgumentException">The number of times differs from <see cref="RowCount"/>.</exception>
    public SplitData WithTimes(ReadOnlySpan<long> times)
    {
        CheckLength(times.Length, "times", nameof(times));
        var order = AllRows(times.Length);
        var keys = times.ToArray();
        // A stable sort, so rows at the same time keep their order on every runtime.
        Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
        return new SplitData(RowCount, _classCodes, _classNames, _groupCodes, order);
    }

    /// <summary>A copy that also knows when each row happened: a date-time column's instants or a numeric column's values.</summary>
    /// <exception cref="ArgumentException">The column's length differs from <see cref="RowCount"/>, it is neither date-time nor numeric, or a value is missing.</exception>
    public SplitData WithTimes(Column times)
    {
        ArgumentNullException.ThrowIfNull(times);
        CheckLength(times.Length, $"rows of time column '{times.Name}'", nameof(times));
        for (var row = 0; row < times.Length; row++)
        {
            if (times.IsMissing(row))
                throw new ArgumentException($"The time column '{times.Name}' is missing in row {row}; a time-ordered split needs every row's time. Fill it in or remove the row.", nameof(times));
        }
        switch (times)
        {
            case DateTimeColumn dates:
                return WithTimes(dates.Ticks);
            case NumericColumn numbers:
            {
                var order = AllRows(numbers.Length);
                var values = numbers.Values.ToArray();
                Array.Sort(order, (a, b) => values[a] != values[b] ? values[a].CompareTo(values[b]) : a.CompareTo(b));
                return new SplitData(RowCount, _classCodes, _classNames, _groupCodes, order);
            }
            default:
                throw new ArgumentException($"The time column '{times.Name}' is {times.Kind}; a time-ordered split needs a DateTime or Numeric column. Parse it first.", nameof(times));
        }
    }

    internal string DescribeClass(int code) =>
        _classNames is not null && code < _classNames.Count ? $"'{_classNames[code]}'" : $"with code {code}";

    internal int[] RequireClasses(string splitter) => _classCodes
        ?? throw new ArgumentException($"{splitter} stratifies by class and needs each row's class. Build the data with SplitData.ForClasses, or use a splitter that does not stratify.");

    internal int[] RequireGroups(string splitter) => _groupCodes
        ?? throw new ArgumentException($"{splitter} keeps each group in one fold and needs each row's group. Add them with SplitData.WithGroups, or use a splitter that ignores groups.");

    private void CheckLength(int length, string what, string parameterName)
    {
        if (length != RowCount)
            throw new ArgumentException($"There are {length} {what} but the data has {RowCount} rows; give one per row.", parameterName);
    }

    private static int[] AllRows(int count)
    {
        var rows = new int[count];
        for (var i = 0; i < count; i++)
            rows[i] = i;
        return rows;
    }
}
