namespace Kiln.Core.Data;

/// <summary>An append-only buffer that grows in chunks, so appending never copies what is already stored.</summary>
/// <remarks>
/// When the number of values is known in advance (<c>expectedCount</c>), the first chunk has exactly that size and
/// <see cref="MoveToArray"/> hands it over without a copy. Otherwise the first chunks start small and double (small files
/// stay small), then every chunk has <see cref="MaxChunkLength"/> elements, and <see cref="MoveToArray"/> copies the values
/// once into an exact-size array and drops the chunks.
/// </remarks>
internal sealed class ChunkedBuffer<T>
{
    private const int FirstChunkLength = 1024;
    private const int MaxChunkLength = 1 << 16;

    private readonly List<T[]> _fullChunks = [];
    private T[] _current;
    private int _usedInCurrent;
    private int _fullCount;

    /// <summary>Creates a buffer; <paramref name="expectedCount"/>, when known, sizes the first chunk exactly.</summary>
    public ChunkedBuffer(int? expectedCount = null)
    {
        _current = expectedCount is { } count ? new T[Math.Max(count, 1)] : new T[FirstChunkLength];
    }

    public int Count => _fullCount + _usedInCurrent;

    public void Add(T value)
    {
        if (_usedInCurrent == _current.Length)
            StartChunk();
        _current[_usedInCurrent++] = value;
    }

    public T[] MoveToArray()
    {
        if (_fullChunks.Count == 0 && _usedInCurrent == _current.Length)
        {
            var exact = _current;
            _current = [];
            _usedInCurrent = 0;
            return exact;
        }
        var result = new T[Count];
        var offset = 0;
        foreach (var chunk in _fullChunks)
        {
            chunk.CopyTo(result, offset);
            offset += chunk.Length;
        }
        Array.Copy(_current, 0, result, offset, _usedInCurrent);
        _fullChunks.Clear();
        _current = [];
        _usedInCurrent = 0;
        _fullCount = 0;
        return result;
    }

    private void StartChunk()
    {
        if (Count > Array.MaxLength - MaxChunkLength)
            throw new InvalidOperationException($"A column cannot hold more than {Array.MaxLength - MaxChunkLength} values.");
        _fullChunks.Add(_current);
        _fullCount += _current.Length;
        _current = new T[Math.Min(_current.Length * 2, MaxChunkLength)];
        _usedInCurrent = 0;
    }
}
