using System.Text.Json;

namespace Kiln.TestKit;

/// <summary>Reads the reference values under tests/reference, computed by the scripts beside them.</summary>
public static class ReferenceData
{
    /// <summary>The root element of tests/reference/<paramref name="fileName"/>.</summary>
    public static JsonElement Load(string fileName)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(TestData.Path("reference", fileName)));
        return document.RootElement.Clone();
    }
}
