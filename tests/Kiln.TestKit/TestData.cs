using System.Globalization;
using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.TestKit;

/// <summary>Finds and reads the files under tests/data and tests/reference, which the build copies next to the test assemblies.</summary>
public static class TestData
{
    /// <summary>The full path of a file copied to the test output, e.g. <c>Path("data", "iris.csv")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, .. parts]);

    /// <summary>Reads a bundled CSV file from tests/data: a column is numeric when every non-empty cell parses as a number, else categorical; empty and NA cells are missing.</summary>
    /// <remarks>A small reader for the well-formed test files only (quoted fields without embedded line breaks); Kiln's own CSV reader is the product.</remarks>
    public static Table ReadCsv(string fileName)
    {
        var lines = File.ReadAllLines(Path("data", fileName));
        var header = SplitLine(lines[0]);
        var cells = new List<string?>[header.Count];
        for (var j = 0; j < cells.Length; j++)
            cells[j] = new List<string?>(lines.Length);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
                continue;
            var fields = SplitLine(lines[i]);
            if (fields.Count != header.Count)
                throw new InvalidDataException($"{fileName} line {i + 1} has {fields.Count} fields; the header has {header.Count}.");
            for (var j = 0; j < fields.Count; j++)
                cells[j].Add(fields[j] is "" or "NA" ? null : fields[j]);
        }
        var columns = new List<Column>(header.Count);
        for (var j = 0; j < header.Count; j++)
        {
            var values = new double[cells[j].Count];
            var numeric = true;
            for (var row = 0; row < values.Length && numeric; row++)
            {
                var cell = cells[j][row];
                if (cell is null)
                    values[row] = double.NaN;
                else
                    numeric = double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out values[row]);
            }
            columns.Add(numeric ? NumericColumn.FromOwned(header[j], values) : CategoricalColumn.FromValues(header[j], cells[j]));
        }
        return new Table(columns);
    }

    /// <summary>A bundled CSV file as a training set: every column but <paramref name="target"/> and <paramref name="drop"/> is a feature.</summary>
    public static TrainingSet TrainingSet(string fileName, string target, params string[] drop)
    {
        var table = ReadCsv(fileName);
        return new TrainingSet(table.Drop([target, .. drop]), table[target]);
    }

    private static List<string> SplitLine(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        return fields;
    }
}
