using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kiln.Core.Persistence;

// One set of JSON settings for the manifest and every JSON entry: snake_case names, enums as snake_case strings,
// NaN and infinities written as named literals, nullable annotations and required members enforced, duplicate keys refused.
internal static class BundleJson
{
    private static readonly ConcurrentDictionary<int, JsonSerializerOptions> ByDepth = new();

    public static JsonSerializerOptions Options(int maxDepth) => ByDepth.GetOrAdd(maxDepth, Create);

    public static JsonDocumentOptions DocumentOptions(int maxDepth) => new()
    {
        MaxDepth = maxDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    private static JsonSerializerOptions Create(int maxDepth)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            AllowDuplicateProperties = false,
            MaxDepth = maxDepth,
            WriteIndented = true,
            IndentSize = 2,
            // A bundle is a file, never embedded in HTML: keep '+', quotes and non-ASCII class names readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
