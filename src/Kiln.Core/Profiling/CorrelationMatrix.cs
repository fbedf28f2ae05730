namespace Kiln.Core.Profiling;

/// <summary>Pearson correlations among numeric columns, each pair over the rows where both values are finite (pandas' <c>DataFrame.corr()</c>).</summary>
/// <remarks>A pair with fewer than two such rows, or with a column that is constant over them, has NaN (as in pandas).</remarks>
public sealed record CorrelationMatrix
{
    /// <summary>The names of the columns, in table order: the numeric features and a numeric target.</summary>
    public required IReadOnlyList<string> Columns { get; init; }

    /// <summary>The correlations: <c>Values[i][j]</c> is between <c>Columns[i]</c> and <c>Columns[j]</c>; the matrix is symmetric.</summary>
    public required IReadOnlyList<IReadOnlyList<double>> Values { get; init; }

    /// <summary>The correlation between columns <paramref name="first"/> and <paramref name="second"/>.</summary>
    /// <exception cref="KeyNotFoundException">A column is not in the matrix.</exception>
    public double Get(string first, string second) => Values[IndexOf(first)][IndexOf(second)];

    private int IndexOf(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == name)
                return i;
        }
        throw new KeyNotFoundException($"Column '{name}' is not in the correlation matrix, which holds the numeric features and target: {string.Join(", ", Columns)}.");
    }
}
