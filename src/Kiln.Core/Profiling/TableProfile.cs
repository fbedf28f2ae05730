using Kiln.Core.Data;

namespace Kiln.Core.Profiling;

/// <summary>The profile of a table: per-column statistics, the target's balance, correlations, duplicate rows and warnings (the workflow's profile step).</summary>
/// <remarks>
/// The profile is immutable and serializes to JSON with <see cref="ProfileJson.Options"/> (snake_case names).
/// Every number is deterministic: the same table and options give the same profile, whatever the number of cores.
/// </remarks>
public sealed record TableProfile
{
    /// <summary>The number of rows.</summary>
    public required int RowCount { get; init; }

    /// <summary>The number of columns.</summary>
    public required int ColumnCount { get; init; }

    /// <summary>One profile per column, in table order.</summary>
    public required IReadOnlyList<ColumnProfile> Columns { get; init; }

    /// <summary>The target's class balance or numeric summary, or <see langword="null"/> when no target was given.</summary>
    public TargetProfile? Target { get; init; }

    /// <summary>Pearson correlations among the numeric features and a numeric target.</summary>
    public required CorrelationMatrix Correlations { get; init; }

    /// <summary>Each feature's association with the target, in table order (empty without a target; id-like features are left out).</summary>
    public required IReadOnlyList<FeatureAssociation> TargetAssociations { get; init; }

    /// <summary>The number of rows that repeat an earlier row exactly, over every column (pandas' <c>duplicated().sum()</c>; missing equals missing).</summary>
    public required int DuplicateRowCount { get; init; }

    /// <summary>The findings of the warning rules: target first, then columns in table order, then the table.</summary>
    public required IReadOnlyList<ProfileWarning> Warnings { get; init; }

    /// <summary>Profiles <paramref name="table"/>, with <paramref name="target"/> as the column to predict.</summary>
    /// <param name="table">The table to profile.</param>
    /// <param name="target">The target column's name; <see langword="null"/> uses the column whose role is <see cref="ColumnRole.Target"/>, if any.</param>
    /// <param name="options">Summary sizes and warning thresholds; <see langword="null"/> for the defaults.</param>
    /// <exception cref="SchemaMismatchException">The target is not a column of the table, a regression target is not numeric, or two class labels are the same number written differently.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static TableProfile Compute(Table table, string? target = null, ProfileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new ProfileOptions();
        options.Validate();
        return ProfileBuilder.Build(table, target ?? table.Schema.FindByRole(ColumnRole.Target)?.Name, options);
    }

    /// <summary>The profile of column <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The table had no such column.</exception>
    public ColumnProfile Column(string name)
    {
        foreach (var column in Columns)
        {
            if (column.Name == name)
                return column;
        }
        throw new KeyNotFoundException($"The profile has no column '{name}'. It has: {string.Join(", ", Columns.Select(column => column.Name))}.");
    }
}
