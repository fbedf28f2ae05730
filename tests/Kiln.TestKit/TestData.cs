using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.TestKit;

/// <summary>Finds and reads the files under tests/data and tests/reference, which the build copies next to the test assemblies.</summary>
public static class TestData
{
    /// <summary>The full path of a file copied to the test output, e.g. <c>Path("data", "iris.csv")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, .. parts]);

    /// <summary>Reads a bundled CSV file from tests/data with Kiln's reader and its default type inference.</summary>
    public static Table ReadCsv(string fileName) => CsvTable.Read(Path("data", fileName));

    /// <summary>A bundled CSV file as a training set: every column but <paramref name="target"/> and <paramref name="drop"/> is a feature.</summary>
    public static TrainingSet TrainingSet(string fileName, string target, params string[] drop)
    {
        var table = ReadCsv(fileName);
        return new TrainingSet(table.Drop([target, .. drop]), table[target]);
    }
}
