using Kiln.Core.Data;

namespace Kiln.Core.Learners;

/// <summary>What a learner fits on: a feature table, an optional target and weights, and the rows to use.</summary>
/// <remarks>
/// <see cref="Rows"/> makes a view that copies nothing, so splits and cross-validation folds share the data.
/// Learners read the rows through <see cref="RowIndices"/> (into <see cref="Features"/>, <see cref="Target"/> and
/// <see cref="Weights"/>) and build whatever internal layout they need at fit time.
/// </remarks>
public sealed class TrainingSet
{
    private readonly int[]? _rows;

    /// <summary>Creates a training set over every row of <paramref name="features"/>.</summary>
    /// <exception cref="ArgumentException">The target or weights differ in length from the features, or a weight is negative or not finite.</exception>
    public TrainingSet(Table features, Column? target = null, Column? weights = null)
        : this(features, target, weights, rows: null)
    {
        if (target is not null && target.Length != features.RowCount)
            throw new ArgumentException($"The target '{target.Name}' has {target.Length} rows; the features have {features.RowCount}.", nameof(target));
        if (weights is not null)
        {
            if (weights.Length != features.RowCount)
                throw new ArgumentException($"The weights '{weights.Name}' have {weights.Length} rows; the features have {features.RowCount}.", nameof(weights));
            if (weights is not NumericColumn numeric)
                throw new ArgumentException($"The weights '{weights.Name}' are {weights.Kind}; sample weights must be numeric.", nameof(weights));
            var values = numeric.Values;
            for (var row = 0; row < values.Length; row++)
            {
                if (!(values[row] >= 0) || double.IsInfinity(values[row]))
                    throw new ArgumentException($"The weight in row {row} is {values[row]}; sample weights must be finite and not negative.", nameof(weights));
            }
        }
    }

    private TrainingSet(Table features, Column? target, Column? weights, int[]? rows)
    {
        ArgumentNullException.ThrowIfNull(features);
        Features = features;
        Target = target;
        Weights = weights;
        _rows = rows;
    }

    /// <summary>The feature table (all rows; see <see cref="RowIndices"/> for the ones in this set).</summary>
    public Table Features { get; }

    /// <summary>The target column (all rows), or <see langword="null"/> for unsupervised learning.</summary>
    public Column? Target { get; }

    /// <summary>The sample weights (all rows), or <see langword="null"/> when every row weighs 1.</summary>
    public Column? Weights { get; }

    /// <summary>The number of rows in this set.</summary>
    public int RowCount => _rows?.Length ?? Features.RowCount;

    /// <summary>Whether this set is a subset of its tables' rows.</summary>
    public bool IsView => _rows is not null;

    /// <summary>The indices into <see cref="Features"/> of this set's rows (0 … n − 1 when it is not a view).</summary>
    public ReadOnlySpan<int> RowIndices => _rows ?? AllRows();

    /// <summary>A view of some of this set's rows; <paramref name="rows"/> index into this set and may repeat (bootstrap samples).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside this set.</exception>
    public TrainingSet Rows(ReadOnlySpan<int> rows)
    {
        var composed = new int[rows.Length];
        var count = RowCount;
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            if ((uint)row >= (uint)count)
                throw new ArgumentOutOfRangeException(nameof(rows), $"Row {row} is outside the training set of {count} rows.");
            composed[i] = _rows is null ? row : _rows[row];
        }
        return new TrainingSet(Features, Target, Weights, composed);
    }

    /// <summary>The index into the source tables of this set's row <paramref name="row"/>.</summary>
    public int SourceRow(int row) => _rows is null ? row : _rows[row];

    /// <summary>Copies numeric feature <paramref name="columnIndex"/> of this set's rows into <paramref name="destination"/>.</summary>
    /// <exception cref="SchemaMismatchException">The column is not numeric.</exception>
    public void GatherFeature(int columnIndex, Span<double> destination)
    {
        var column = Features[columnIndex] as NumericColumn
            ?? throw new SchemaMismatchException($"Feature '{Features[columnIndex].Name}' is {Features[columnIndex].Kind}; learners take numeric features. Prepare the table first (encode categories, parse dates).");
        if (_rows is null)
            column.Values.CopyTo(destination);
        else
            column.Gather(_rows, destination);
    }

    /// <summary>The numeric target of this set's rows.</summary>
    /// <exception cref="SchemaMismatchException">There is no target, it is not numeric, or a value is missing.</exception>
    public double[] NumericTarget()
    {
        var target = Target ?? throw new SchemaMismatchException("This learner needs a target column, and the training set has none.");
        if (target is not NumericColumn numeric)
            throw new SchemaMismatchException($"The target '{target.Name}' is {target.Kind}; a regression target must be numeric.");
        var values = new double[RowCount];
        if (_rows is null)
            numeric.Values.CopyTo(values);
        else
            numeric.Gather(_rows, values);
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new SchemaMismatchException($"The target '{target.Name}' is {values[i]} in row {SourceRow(i)}; rows with a missing or infinite target must be removed before fitting.");
        }
        return values;
    }

    /// <summary>The sample weights of this set's rows, or <see langword="null"/> when there are none.</summary>
    public double[]? SampleWeights()
    {
        if (Weights is not NumericColumn weights)
            return null;
        var values = new double[RowCount];
        if (_rows is null)
            weights.Values.CopyTo(values);
        else
            weights.Gather(_rows, values);
        return values;
    }

    /// <summary>The class of each of this set's rows, as codes into the sorted class list.</summary>
    /// <exception cref="SchemaMismatchException">There is no target, or a target value is missing.</exception>
    public ClassLabels ClassLabels()
    {
        var target = Target ?? throw new SchemaMismatchException("This learner needs a target column, and the training set has none.");
        return Learners.ClassLabels.FromColumn(target, RowIndices);
    }

    private int[] AllRows()
    {
        var rows = new int[Features.RowCount];
        for (var i = 0; i < rows.Length; i++)
            rows[i] = i;
        return rows;
    }
}
