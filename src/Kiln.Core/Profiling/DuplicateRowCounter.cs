using Kiln.Core.Data;

namespace Kiln.Core.Profiling;

// Counts rows equal to an earlier row over every column, as pandas' duplicated().sum(): a missing value equals a missing value,
// and 0.0 equals -0.0. Each value becomes a 64-bit key (a number's bits, a category code, a text id), rows are hashed column
// by column, and rows with equal hashes are compared key by key, so a hash collision never miscounts. The hash lives only in
// memory; the count does not depend on it.
internal static class DuplicateRowCounter
{
    public static int Count(Table table, IReadOnlyList<int[]?> textIds)
    {
        var rowCount = table.RowCount;
        if (rowCount < 2 || table.ColumnCount == 0)
            return 0;
        var keys = new Func<int, ulong>[table.ColumnCount];
        var hashes = new ulong[rowCount];
        for (var c = 0; c < table.ColumnCount; c++)
        {
            keys[c] = KeyReader(table[c], textIds[c]);
            Mix(table[c], textIds[c], hashes);
        }

        // Rows by hash: the first row with each hash, then a chain of later, different rows with the same hash.
        var first = new Dictionary<ulong, int>(rowCount);
        var nextInChain = new int[rowCount];
        var duplicates = 0;
        for (var row = 0; row < rowCount; row++)
        {
            nextInChain[row] = -1;
            if (!first.TryGetValue(hashes[row], out var candidate))
            {
                first.Add(hashes[row], row);
                continue;
            }
            while (true)
            {
                if (RowsEqual(keys, candidate, row))
                {
                    duplicates++;
                    break;
                }
                if (nextInChain[candidate] < 0)
                {
                    nextInChain[candidate] = row;
                    break;
                }
                candidate = nextInChain[candidate];
            }
        }
        return duplicates;
    }

    private static bool RowsEqual(Func<int, ulong>[] keys, int first, int second)
    {
        foreach (var key in keys)
        {
            if (key(first) != key(second))
                return false;
        }
        return true;
    }

    private static void Mix(Column column, int[]? textIds, ulong[] hashes)
    {
        switch (column)
        {
            case NumericColumn numeric:
            {
                var values = numeric.Values;
                for (var row = 0; row < hashes.Length; row++)
                    hashes[row] = Combine(hashes[row], NumberKey(values[row]));
                break;
            }
            case CategoricalColumn categorical:
            {
                var codes = categorical.Codes;
                for (var row = 0; row < hashes.Length; row++)
                    hashes[row] = Combine(hashes[row], (ulong)(long)codes[row]);
                break;
            }
            case DateTimeColumn dateTime:
            {
                var ticks = dateTime.Ticks;
                for (var row = 0; row < hashes.Length; row++)
                    hashes[row] = Combine(hashes[row], (ulong)ticks[row]);
                break;
            }
            default:
            {
                var key = KeyReader(column, textIds);
                for (var row = 0; row < hashes.Length; row++)
                    hashes[row] = Combine(hashes[row], key(row));
                break;
            }
        }
    }

    private static Func<int, ulong> KeyReader(Column column, int[]? textIds) => column switch
    {
        NumericColumn numeric => row => NumberKey(numeric[row]),
        CategoricalColumn categorical => row => (ulong)(long)categorical.Codes[row],
        DateTimeColumn dateTime => row => (ulong)dateTime.Ticks[row],
        BooleanColumn boolean => row => boolean[row] switch { true => 1UL, false => 0UL, null => 2UL },
        TextColumn when textIds is not null => row => (ulong)(long)textIds[row],
        _ => throw new InvalidOperationException($"Column '{column.Name}' of kind {column.Kind} has no duplicate-row key."),
    };

    // One key per value: every NaN the same, and -0.0 the same as 0.0.
    private static ulong NumberKey(double value) =>
        double.IsNaN(value) ? 0x7FF8000000000000UL : (ulong)BitConverter.DoubleToInt64Bits(value == 0 ? 0.0 : value);

    // SplitMix64's finaliser over the running hash plus the key.
    private static ulong Combine(ulong hash, ulong key)
    {
        var z = hash + key + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
