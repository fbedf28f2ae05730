using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.TestKit;

/// <summary>Every value of a training set (features, target, weights, row indices), to show that a fit left the data untouched.</summary>
public static class DataSnapshot
{
    /// <summary>One line per column and one for the rows: numeric values by their bits, categorical by codes and categories, others as text.</summary>
    public static IReadOnlyList<string> Take(TrainingSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var lines = new List<string> { $"schema {data.Features.Schema}", $"rows {string.Join(',', data.RowIndices.ToArray())}" };
        foreach (var column in data.Features.Columns)
            lines.Add(Describe(column));
        if (data.Target is not null)
            lines.Add("target " + Describe(data.Target));
        if (data.Weights is not null)
            lines.Add("weights " + Describe(data.Weights));
        return lines;
    }

    private static string Describe(Column column) => column switch
    {
        NumericColumn numeric => $"{column.Name}: {string.Join(',', numeric.Values.ToArray().Select(v => BitConverter.DoubleToInt64Bits(v).ToString("X16", System.Globalization.CultureInfo.InvariantCulture)))}",
        CategoricalColumn categorical => $"{column.Name}: [{string.Join('|', categorical.Categories)}] {string.Join(',', categorical.Codes.ToArray())}",
        _ => $"{column.Name}: {string.Join('|', Enumerable.Range(0, column.Length).Select(row => column.FormatValue(row) ?? "<missing>"))}",
    };
}
