using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace Kiln.Serving.Requests;

/// <summary>Reads a request body within the size limit, and parses JSON within the depth limit.</summary>
internal static class RequestBody
{
    // A body with a Content-Length is read into an array of exactly that size; a chunked one through a pooled buffer. No
    // per-request scratch array: at tens of thousands of requests a second it would be most of the garbage.
    public static async Task<byte[]> ReadAsync(HttpRequest request, ServingOptions options, CancellationToken cancellationToken)
    {
        if (request.ContentLength > options.MaxBodyBytes)
            throw TooLarge(request.ContentLength.Value, options);
        byte[] body;
        try
        {
            body = request.ContentLength is { } length && length <= Array.MaxLength
                ? await ReadExactlyAsync(request.Body, (int)length, cancellationToken).ConfigureAwait(false)
                : await ReadChunkedAsync(request.Body, options, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException exception)
        {
            throw new RequestProblem(exception.StatusCode, exception.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLargeTitle : "The request could not be read", exception.Message);
        }
        if (body.Length == 0)
            throw RequestProblem.Input("The request body is empty; send the rows to score.");
        return body;
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int length, CancellationToken cancellationToken)
    {
        var body = new byte[length];
        var filled = 0;
        while (filled < length)
        {
            var read = await stream.ReadAsync(body.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
                break;
            filled += read;
        }
        return filled == length ? body : body[..filled];
    }

    private static async Task<byte[]> ReadChunkedAsync(Stream stream, ServingOptions options, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                    break;
                if (buffer.Length + read > options.MaxBodyBytes)
                    throw TooLarge(buffer.Length + read, options);
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.ToArray();
    }

    public static JsonDocument ParseJson(byte[] body, ServingOptions options)
    {
        // The JSON reader checks strings' UTF-8 only when they are read; refuse bad bytes up front, where the offset is known.
        if (!Utf8.IsValid(body))
            throw RequestProblem.Input(string.Create(CultureInfo.InvariantCulture, $"The body is not valid UTF-8 (the first bad byte is at offset {FirstInvalidByte(body)}); send JSON as UTF-8."));
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = options.MaxJsonDepth });
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {exception.BytePositionInLine + 1})")
                : string.Empty;
            throw RequestProblem.Input($"The body is not valid JSON{where}: {exception.Message} The server accepts JSON at most {options.MaxJsonDepth} levels deep, without NaN or Infinity (send null for a missing value).");
        }
        // An escaped lone surrogate ("\ud800") parses, but reading the string throws; check the strings once when escapes are present.
        if (body.AsSpan().IndexOf("\\u"u8) >= 0)
        {
            try
            {
                CheckStrings(document.RootElement);
            }
            catch (InvalidOperationException exception)
            {
                document.Dispose();
                throw RequestProblem.Input($"The body has a string that is not valid text: {exception.Message} Escape only whole UTF-16 surrogate pairs (\\uD83D\\uDE00), never one half.");
            }
        }
        return document;
    }

    private static void CheckStrings(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _ = element.GetString();
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    CheckStrings(item);
                break;
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    _ = member.Name;
                    CheckStrings(member.Value);
                }
                break;
        }
    }

    private static int FirstInvalidByte(byte[] body)
    {
        Utf8.ToUtf16(body, new char[body.Length], out var read, out _, replaceInvalidSequences: false);
        return read;
    }

    public const string TooLargeTitle = "The request is too large";

    private static RequestProblem TooLarge(long seen, ServingOptions options) =>
        new(StatusCodes.Status413PayloadTooLarge, TooLargeTitle,
            string.Create(CultureInfo.InvariantCulture, $"The body is at least {seen} bytes; this server accepts at most {options.MaxBodyBytes} bytes per request. Send fewer rows per request."));
}
