using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kiln.Core.Profiling;

/// <summary>The JSON form of <see cref="TableProfile"/> and <see cref="ReferenceProfile"/>: snake_case names, enums as snake_case strings, NaN as the string <c>"NaN"</c>, absent summaries left out.</summary>
public static class ProfileJson
{
    /// <summary>The serializer settings (read-only), for embedding a profile in report.json or metrics.json.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Writes <paramref name="profile"/> as indented JSON.</summary>
    public static string Serialize(TableProfile profile) => JsonSerializer.Serialize(profile, Options);

    /// <summary>Writes <paramref name="reference"/> as indented JSON.</summary>
    public static string Serialize(ReferenceProfile reference) => JsonSerializer.Serialize(reference, Options);

    /// <summary>Reads a profile written by <see cref="Serialize(TableProfile)"/>.</summary>
    /// <exception cref="JsonException">The text is not a profile.</exception>
    public static TableProfile DeserializeProfile(string json) =>
        JsonSerializer.Deserialize<TableProfile>(json, Options) ?? throw new JsonException("The JSON text is 'null', not a table profile.");

    /// <summary>Reads a reference profile written by <see cref="Serialize(ReferenceProfile)"/>.</summary>
    /// <exception cref="JsonException">The text is not a reference profile.</exception>
    public static ReferenceProfile DeserializeReference(string json) =>
        JsonSerializer.Deserialize<ReferenceProfile>(json, Options) ?? throw new JsonException("The JSON text is 'null', not a reference profile.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectNullableAnnotations = true,
            WriteIndented = true,
            IndentSize = 2,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
