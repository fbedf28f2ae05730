namespace Kiln.Core;

/// <summary>Finds the known name a mistyped one was probably meant to be, for "did you mean …?" hints.</summary>
/// <remarks>
/// Names are compared case-insensitively by optimal string alignment distance (insertions, deletions, substitutions and
/// swaps of two neighbouring characters each cost one). A known name is suggested when it is at most
/// max(1, min(3, length / 3)) edits away, where length is that of the typed name; the closest wins, ties going to the
/// earlier name in the list.
/// </remarks>
public static class NearestName
{
    /// <summary>The known name closest to <paramref name="typed"/>, or <see langword="null"/> when none is close enough.</summary>
    public static string? Find(string typed, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(known);
        var limit = Math.Max(1, Math.Min(3, typed.Length / 3));
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var name in known)
        {
            var distance = Distance(typed.ToLowerInvariant(), name.ToLowerInvariant());
            if (distance <= limit && distance < bestDistance)
            {
                best = name;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>The end of a sentence about the typed name: "; did you mean 'x'?" when a known name is close, else ".".</summary>
    public static string Hint(string typed, IEnumerable<string> known) =>
        Find(typed, known) is { } match ? $"; did you mean '{match}'?" : ".";

    /// <summary>The optimal string alignment distance between two strings.</summary>
    internal static int Distance(string first, string second)
    {
        var rows = first.Length + 1;
        var columns = second.Length + 1;
        var table = new int[rows, columns];
        for (var i = 0; i < rows; i++)
            table[i, 0] = i;
        for (var j = 0; j < columns; j++)
            table[0, j] = j;
        for (var i = 1; i < rows; i++)
        {
            for (var j = 1; j < columns; j++)
            {
                var cost = first[i - 1] == second[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(table[i - 1, j] + 1, table[i, j - 1] + 1), table[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && first[i - 1] == second[j - 2] && first[i - 2] == second[j - 1])
                    value = Math.Min(value, table[i - 2, j - 2] + 1);
                table[i, j] = value;
            }
        }
        return table[rows - 1, columns - 1];
    }
}
