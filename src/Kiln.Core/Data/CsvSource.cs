using System.Buffers;
using System.IO.Compression;
using System.Text;
using System.Text.Unicode;
using Kiln.Core.IO;

namespace Kiln.Core.Data;

/// <summary>
/// Where CSV bytes come from: a file or a caller's stream, gzip-compressed or not (detected by the magic bytes 1F 8B),
/// opened as many times as the reader needs passes.
/// </summary>
/// <remarks>
/// A caller's stream that cannot seek is first copied to a temporary file (deleted on dispose), so that every pass,
/// and a re-read after a column's kind is corrected, sees the same bytes. A caller's stream is never closed.
/// </remarks>
internal sealed class CsvSource : IDisposable
{
    private const int FileBufferSize = 1 << 16;
    private const int PrefixLength = 8192;
    private const long MinLengthForParts = 4L << 20;
    private const int SplitSearchLength = 1 << 20;

    private readonly string? _path;
    private readonly Stream? _stream;
    private readonly long _streamStart;
    private readonly bool _ownsStream;

    private CsvSource(string displayName, string? path, Stream? stream, bool ownsStream)
    {
        DisplayName = displayName;
        _path = path;
        _stream = stream;
        _ownsStream = ownsStream;
        _streamStart = stream?.Position ?? 0;
    }

    /// <summary>Whether the bytes are gzip-compressed (known once <see cref="OpenBytes"/> or <see cref="EnsureText"/> ran).</summary>
    public bool IsCompressed { get; private set; }

    /// <summary>Whether the text may be read in two byte ranges at once: a plain (not gzip) UTF-8 file of at least 4 MiB.</summary>
    public bool CanReadInParts { get; private set; }

    /// <summary>The name used in messages: the path as the caller gave it, or the caller's display name.</summary>
    public string DisplayName { get; }

    public static CsvSource FromPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
            throw new DataFormatException($"'{path}' is a directory, not a data file. Give the path of a CSV file.", file: path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The data file '{path}' does not exist (looked for '{Path.GetFullPath(path)}'). Check the path and the working directory.", path);
        }
        return new CsvSource(path, path, stream: null, ownsStream: false);
    }

    public static CsvSource FromStream(Stream stream, string displayName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        if (!stream.CanRead)
            throw new ArgumentException($"The stream for '{displayName}' cannot be read.", nameof(stream));
        if (stream.CanSeek)
            return new CsvSource(displayName, path: null, stream, ownsStream: false);

        var spool = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None,
            FileBufferSize, FileOptions.DeleteOnClose);
        try
        {
            stream.CopyTo(spool);
            spool.Position = 0;
        }
        catch
        {
            spool.Dispose();
            throw;
        }
        return new CsvSource(displayName, path: null, spool, ownsStream: true);
    }

    /// <summary>Opens the (decompressed) bytes from the start; disposing the result never closes a caller's stream.</summary>
    public Stream OpenBytes()
    {
        Stream raw;
        bool leaveRawOpen;
        if (_path is not null)
        {
            raw = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferSize, FileOptions.SequentialScan);
            leaveRawOpen = false;
        }
        else
        {
            raw = _stream!;
            raw.Position = _streamStart;
            leaveRawOpen = true;
        }

        Span<byte> magic = stackalloc byte[2];
        var read = raw.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        raw.Position -= read;
        IsCompressed = read == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
        if (IsCompressed)
        {
            var start = raw.Position;
            uint? declaredLength = null;
            if (raw.Length - start >= 18)
            {
                Span<byte> trailer = stackalloc byte[4];
                raw.Position = raw.Length - 4;
                raw.ReadExactly(trailer);
                declaredLength = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer);
                raw.Position = start;
            }
            return new CheckedGzipStream(new GZipStream(raw, CompressionMode.Decompress, leaveRawOpen), declaredLength);
        }
        return leaveRawOpen ? new BorrowedStream(raw) : raw;
    }

    /// <summary>
    /// The byte offset just past the first line feed at or after the middle of the file, where a second reader may start;
    /// <see langword="null"/> when there is none. Whether it is a record boundary (not inside a quoted field) is for the
    /// reader to confirm: the first part must then end cleanly.
    /// </summary>
    public long? FindMiddleLineStart()
    {
        if (!CanReadInParts)
            return null;
        using var file = new FileStream(_path!, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
        var middle = file.Length / 2;
        file.Position = middle;
        var buffer = new byte[SplitSearchLength];
        var read = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var index = buffer.AsSpan(0, read).IndexOf((byte)'\n');
        if (index < 0)
            return null;
        var start = middle + index + 1;
        return start < file.Length ? start : null;
    }

    /// <summary>Opens the text of bytes [<paramref name="start"/>, <paramref name="end"/>) of a file that <see cref="CanReadInParts"/>.</summary>
    public TextReader OpenText(long start, long end)
    {
        var file = new FileStream(_path!, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferSize, FileOptions.SequentialScan);
        file.Position = start;
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        return new StreamReader(new RangeStream(file, end - start), encoding, detectEncodingFromByteOrderMarks: start == 0, FileBufferSize, leaveOpen: false);
    }

    /// <summary>Opens the text: UTF-8 (a UTF-8 or UTF-16 byte-order mark is honoured); invalid UTF-8 throws when read.</summary>
    public TextReader OpenText()
    {
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        return new StreamReader(OpenBytes(), encoding, detectEncodingFromByteOrderMarks: true, FileBufferSize, leaveOpen: false);
    }

    /// <summary>Checks that the source holds text: not empty, not binary, not a Parquet file.</summary>
    /// <exception cref="DataFormatException">The source is empty or binary.</exception>
    public void EnsureText()
    {
        var prefix = new byte[PrefixLength];
        int length;
        try
        {
            using var bytes = OpenBytes();
            length = bytes.ReadAtLeast(prefix, PrefixLength, throwOnEndOfStream: false);
        }
        catch (InvalidDataException exception)
        {
            throw NotGzip(exception);
        }
        var span = prefix.AsSpan(0, length);
        if (span.StartsWith("PAR1"u8))
        {
            throw new DataFormatException(
                $"{DisplayName} is a Parquet file, not CSV text. Read it with ParquetTable.Read (or give it a .parquet extension).", file: DisplayName);
        }
        var hasUtf16Mark = span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);
        CanReadInParts = _path is not null && !IsCompressed && !hasUtf16Mark && new FileInfo(_path).Length >= MinLengthForParts;
        if (!hasUtf16Mark && span.Contains((byte)0))
        {
            throw new DataFormatException(
                $"{DisplayName} looks like a binary file (it contains NUL bytes), not CSV text. Check that this is the file you meant, and export it as CSV (UTF-8).",
                file: DisplayName);
        }
        var withoutMark = span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? span[3..] : span;
        if (length < PrefixLength && withoutMark.IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            throw new DataFormatException(
                $"{DisplayName} is empty: a CSV file needs a header line with the column names and then one line per row.", file: DisplayName);
        }
    }

    /// <summary>The error for text that is not valid UTF-8, naming the first bad line (found by scanning the bytes again).</summary>
    public DataFormatException NotUtf8(Exception cause)
    {
        var line = FindFirstInvalidUtf8Line();
        var where = line is { } number ? $", line {number}" : string.Empty;
        return new DataFormatException(
            $"{DisplayName}{where}: the file is not UTF-8 text (it holds a byte sequence that UTF-8 does not allow; " +
            "it is probably Latin-1 or Windows-1252). Save it as UTF-8, for example with 'iconv -f latin1 -t utf-8'.",
            cause, DisplayName);
    }

    /// <summary>The error for a gzip stream that is corrupt or cut short.</summary>
    public DataFormatException NotGzip(Exception cause) => new(
        $"{DisplayName} starts like a gzip file but is not valid gzip data (it may be truncated or corrupt): {cause.Message} " +
        "Compress it again, or give the uncompressed file.",
        cause, DisplayName);

    public void Dispose()
    {
        if (_ownsStream)
            _stream!.Dispose();
    }

    private long? FindFirstInvalidUtf8Line()
    {
        var bytes = ArrayPool<byte>.Shared.Rent(1 << 16);
        var chars = ArrayPool<char>.Shared.Rent(1 << 16);
        try
        {
            using var stream = OpenBytes();
            long line = 1;
            var carried = 0;
            var first = true;
            while (true)
            {
                var read = stream.ReadAtLeast(bytes.AsSpan(carried, (1 << 16) - carried), (1 << 16) - carried, throwOnEndOfStream: false);
                var available = carried + read;
                var block = bytes.AsSpan(0, available);
                if (first && block.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                    block = block[3..];
                first = false;
                var isFinal = read == 0 || available < (1 << 16);
                var status = Utf8.ToUtf16(block, chars, out var consumed, out _, replaceInvalidSequences: false, isFinalBlock: isFinal);
                line += block[..consumed].Count((byte)'\n');
                if (status == System.Buffers.OperationStatus.InvalidData)
                    return line;
                if (isFinal && status == System.Buffers.OperationStatus.Done)
                    return null;
                var rest = block[consumed..];
                rest.CopyTo(bytes);
                carried = rest.Length;
                if (read == 0)
                    return null;
            }
        }
        catch (IOException)
        {
            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}

/// <summary>Reads a caller's stream without ever closing it.</summary>
file sealed class BorrowedStream(Stream inner) : ForwardReadStream(inner, ownsInner: false)
{
    public override int Read(Span<byte> buffer) => Inner.Read(buffer);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Inner.ReadAsync(buffer, offset, count, cancellationToken);
}

/// <summary>
/// Decompresses gzip and, at the end, checks the byte count against the length in the gzip trailer: .NET's
/// <see cref="GZipStream"/> ends quietly on a truncated file, which would drop rows without a word.
/// </summary>
/// <remarks>The trailer of a multi-member file (bgzip, pigz -i) holds the last member's length only; such files are reported as corrupt and must be decompressed first.</remarks>
file sealed class CheckedGzipStream(GZipStream inner, uint? declaredLength) : ForwardReadStream(inner, ownsInner: true)
{
    private long _produced;

    public override int Read(Span<byte> buffer)
    {
        var read = Inner.Read(buffer);
        _produced += read;
        if (read == 0 && buffer.Length > 0 && declaredLength is { } expected && (uint)_produced != expected)
        {
            throw new InvalidDataException(
                $"the data ends after {_produced:N0} decompressed bytes but the gzip trailer promises {expected:N0} (modulo 4 GiB)");
        }
        return read;
    }
}

/// <summary>Reads at most a given number of bytes of a file stream, which it owns.</summary>
file sealed class RangeStream(FileStream inner, long length) : ForwardReadStream(inner, ownsInner: true)
{
    private long _remaining = length;

    public override int Read(Span<byte> buffer)
    {
        if (_remaining <= 0)
            return 0;
        if (buffer.Length > _remaining)
            buffer = buffer[..(int)_remaining];
        var read = Inner.Read(buffer);
        _remaining -= read;
        return read;
    }
}
