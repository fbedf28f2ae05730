using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.TestKit;

/// <summary>Copies of a training set whose rows outside the set are replaced by drastically different values, to prove that a fit reads its training rows and nothing else.</summary>
public static class LeakageData
{
    /// <summary>A training set over new tables, with the same row indices, where every row not in <paramref name="view"/> holds
    /// huge or missing numbers, categories and classes never seen in the training rows (under a reordered dictionary), flipped
    /// booleans, far-future date-times with a time of day, other text, and large weights.</summary>
    /// <exception cref="ArgumentException">The set is not a view of some rows.</exception>
    public static TrainingSet Perturb(TrainingSet view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (!view.IsView)
            throw new ArgumentException("Perturb needs a view of some rows: there are no other rows to change.", nameof(view));
        var keep = new bool[view.Features.RowCount];
        foreach (var row in view.RowIndices)
            keep[row] = true;
        var roles = view.Features.Schema.Where(column => column.Role != ColumnRole.Feature).ToDictionary(column => column.Name, column => column.Role);
        var features = new Table(view.Features.Columns.Select(column => Perturb(column, keep)), roles);
        var target = view.Target is null ? null : Perturb(view.Target, keep);
        var weights = view.Weights is NumericColumn weightColumn
            ? NumericColumn.FromOwned(weightColumn.Name, [.. Enumerable.Range(0, keep.Length).Select(row => keep[row] ? weightColumn[row] : 1e6)])
            : null;
        return new TrainingSet(features, target, weights).Rows(view.RowIndices);
    }

    /// <summary>The column with every row where <paramref name="keep"/> is false replaced (see <see cref="Perturb(TrainingSet)"/>).</summary>
    public static Column Perturb(Column column, bool[] keep)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(keep);
        var rows = Enumerable.Range(0, column.Length);
        switch (column)
        {
            case NumericColumn numeric:
                return NumericColumn.FromOwned(column.Name, [.. rows.Select(row => keep[row] ? numeric[row] : row % 3 == 0 ? double.NaN : (row % 2 == 0 ? 1e15 : -1e15) + row)]);
            case CategoricalColumn categorical:
                // New categories come first, so every code of the training rows changes too.
                var values = rows.Select(row => keep[row] ? categorical[row] : $"leak_{row % 4}").ToList();
                var order = values.Where((value, row) => !keep[row]).Concat(values.Where((value, row) => keep[row])).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
                var index = order.Select((value, code) => (value, code)).ToDictionary(item => item.value, item => item.code, StringComparer.Ordinal);
                return CategoricalColumn.FromOwned(column.Name, [.. values.Select(value => value is null ? CategoricalColumn.MissingCode : index[value])], order);
            case BooleanColumn flags:
                return new BooleanColumn(column.Name, rows.Select(row => keep[row] ? flags[row] : flags[row] is { } flag ? !flag : true).ToArray());
            case DateTimeColumn dates:
                return new DateTimeColumn(column.Name, rows.Select(row => keep[row] ? dates[row] : new DateTime(2999, 12, 31, 13, 45, 0, DateTimeKind.Utc)).ToArray());
            case TextColumn text:
                return TextColumn.FromOwned(column.Name, [.. rows.Select(row => keep[row] ? text[row] : "leak")]);
            default:
                throw new ArgumentException($"Column '{column.Name}' is of an unknown kind {column.Kind}.", nameof(column));
        }
    }
}
