using System.Globalization;
using Kiln.Core.Data;

namespace Kiln.Workflow;

/// <summary>Turns a column into another kind through its values' text, for files whose types cannot be declared at read time (Parquet).</summary>
/// <remarks>
/// Any column becomes categorical or text (each value's invariant text). Numbers are parsed from text with the invariant
/// culture. Booleans are read from <c>true</c> / <c>false</c> (any letter case) and date-times from ISO-8601 text.
/// A value that does not fit is an error naming the file, the row and the value.
/// </remarks>
internal static class ColumnKindConversion
{
    /// <summary><paramref name="table"/> with each column named in <paramref name="kinds"/> turned into its kind.</summary>
    /// <param name="table">The columns to convert.</param>
    /// <param name="kinds">The kind each named column must have.</param>
    /// <param name="file">The file (and part of it) as messages name it.</param>
    /// <param name="firstRow">The file's row number of the table's first row, for messages (a chunk of a larger file starts later than 0).</param>
    /// <exception cref="SchemaMismatchException">A named column is not in the table.</exception>
    /// <exception cref="DataFormatException">A value does not fit the kind asked for.</exception>
    public static Table Apply(Table table, IReadOnlyDictionary<string, ColumnKind> kinds, string file, long firstRow = 0)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(kinds);
        var unknown = kinds.Keys.Where(name => !table.Schema.Contains(name)).ToList();
        if (unknown.Count > 0)
            throw new SchemaMismatchException($"The schema names {Quoted(unknown)}, which {file} does not have. Its columns are: {Quoted(table.Schema.Names)}.");
        foreach (var (name, kind) in kinds.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var column = table[name];
            if (column.Kind != kind)
                table = table.With(Convert(column, kind, file, firstRow));
        }
        return table;
    }

    /// <summary><paramref name="column"/> as a column of <paramref name="kind"/>.</summary>
    /// <exception cref="DataFormatException">A value does not fit the kind.</exception>
    public static Column Convert(Column column, ColumnKind kind, string file, long firstRow = 0)
    {
        ArgumentNullException.ThrowIfNull(column);
        var texts = new string?[column.Length];
        for (var row = 0; row < texts.Length; row++)
            texts[row] = column.FormatValue(row);
        switch (kind)
        {
            case ColumnKind.Categorical:
                return CategoricalColumn.FromValues(column.Name, texts);
            case ColumnKind.Text:
                return TextColumn.FromOwned(column.Name, texts);
            case ColumnKind.Numeric:
                var numbers = new double[texts.Length];
                for (var row = 0; row < texts.Length; row++)
                {
                    if (texts[row] is not { } text)
                        numbers[row] = double.NaN;
                    else if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[row]))
                        throw Misfit(file, column.Name, firstRow + row, text, "a number");
                }
                return NumericColumn.FromOwned(column.Name, numbers);
            case ColumnKind.Boolean:
                var flags = new bool?[texts.Length];
                for (var row = 0; row < texts.Length; row++)
                {
                    flags[row] = texts[row] switch
                    {
                        null => null,
                        var text when text.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
                        var text when text.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
                        var text => throw Misfit(file, column.Name, firstRow + row, text, "true or false"),
                    };
                }
                return new BooleanColumn(column.Name, flags);
            case ColumnKind.DateTime:
                var ticks = new long[texts.Length];
                for (var row = 0; row < texts.Length; row++)
                {
                    if (texts[row] is not { } text)
                        ticks[row] = DateTimeColumn.MissingTicks;
                    else if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
                        ticks[row] = instant.UtcTicks;
                    else
                        throw Misfit(file, column.Name, firstRow + row, text, "an ISO-8601 date or timestamp");
                }
                return DateTimeColumn.FromOwnedTicks(column.Name, ticks);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a column kind.");
        }
    }

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(name => $"'{name}'"));

    private static DataFormatException Misfit(string file, string column, long row, string value, string expected) => new(
        $"{file}, row {row}, column '{column}': '{value}' is not {expected}, as the declared kind needs. Fix the value, or declare another kind for the column.",
        file: file, column: column, value: value);
}
