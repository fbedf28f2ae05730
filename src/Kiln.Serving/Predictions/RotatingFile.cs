using System.Globalization;

namespace Kiln.Serving.Predictions;

/// <summary>
/// JSON Lines files <c>PREFIX-NNNNNN.jsonl</c> in one folder: a line goes to the newest file unless it would grow past the
/// size limit, then a new file is started and the oldest beyond the file limit are deleted. A restart starts a new file.
/// </summary>
internal sealed class RotatingFile : IDisposable
{
    private readonly string _folder;
    private readonly string _prefix;
    private readonly long _maxBytes;
    private readonly int _maxFiles;
    private FileStream? _stream;
    private int _sequence;

    public RotatingFile(string folder, string prefix, long maxBytes, int maxFiles)
    {
        _folder = folder;
        _prefix = prefix;
        _maxBytes = maxBytes;
        _maxFiles = maxFiles;
        Directory.CreateDirectory(folder);
        _sequence = Existing().Select(file => file.Sequence).DefaultIfEmpty(0).Max();
    }

    public void Write(ReadOnlySpan<byte> line)
    {
        if (_stream is not null && _stream.Length > 0 && _stream.Length + line.Length > _maxBytes)
        {
            _stream.Dispose();
            _stream = null;
        }
        if (_stream is null)
        {
            _sequence++;
            var path = Path.Combine(_folder, string.Create(CultureInfo.InvariantCulture, $"{_prefix}-{_sequence:D6}.jsonl"));
            _stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 64 * 1024);
            Prune();
        }
        _stream.Write(line);
    }

    public void Flush() => _stream?.Flush(flushToDisk: false);

    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
    }

    private void Prune()
    {
        foreach (var (path, _) in Existing().OrderByDescending(file => file.Sequence).Skip(_maxFiles))
            File.Delete(path);
    }

    private IEnumerable<(string Path, int Sequence)> Existing()
    {
        foreach (var path in Directory.EnumerateFiles(_folder, _prefix + "-*.jsonl"))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (int.TryParse(name.AsSpan(_prefix.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
                yield return (path, sequence);
        }
    }
}
