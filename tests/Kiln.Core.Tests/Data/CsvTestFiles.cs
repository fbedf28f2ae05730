using System.Text;
using Kiln.Core.Data;

namespace Kiln.Core.Tests.Data;

/// <summary>Reads CSV text given inline, and makes temporary files the tests delete.</summary>
internal static class CsvTestFiles
{
    public static Table ReadText(string text, CsvReadOptions? options = null, string name = "data.csv") =>
        CsvTable.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), name, options);

    public static DataFormatException ReadFails(string text, CsvReadOptions? options = null) =>
        Assert.Throws<DataFormatException>(() => ReadText(text, options));

    public static string DataPath(string fileName) => Path.Combine(AppContext.BaseDirectory, "data", fileName);
}

/// <summary>A temporary directory removed on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = Directory.CreateTempSubdirectory("kiln-data-tests-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
