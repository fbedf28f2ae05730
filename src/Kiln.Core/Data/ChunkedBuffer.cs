namespace Kiln.Core.Data;

/// <summary>The storage a column builder appends to: either a known range of a final array, or chunks when the row count is unknown.</summary>
/// <remarks>
/// When the number of rows is known (the reader counted them), the buffer writes straight into its range of the column's
/// final array — several buffers can fill disjoint ranges of one array from different threads — and nothing is copied.
/// Otherwise chunks start small and double (small inputs stay small) up to <see cref="MaxChunkLength"/> elements, and
/// <see cref="MoveToArray"/> copies the values once into an exact-size array and drops the chunks.
/// </remarks>
internal sealed class ChunkedBuffer<T>
{
    private const int FirstChunkLength = 1024;
    private const int MaxChunkLength = 1 << 16;

    private readonly List<T[]>? _fullChunks;
    private readonly int _start;
    private T[] _current;
    private int _position;
    private int _end;
    private int _fullCount;

    /// <summary>Creates a growing buffer for an unknown number of values.</summary>
    public ChunkedBuffer()
    {
        _fullChunks = [];
        _current = new T[FirstChunkLength];
        _end = _current.Length;
    }

    private ChunkedBuffer(T[] target, int start, int count)
    {
        _current = target;
        _start = start;
        _position = start;
        _end = start + count;
    }

    /// <summary>The final array a fixed-range buffer writes into, shared with the buffers of the other ranges.</summary>
    public T[] Target => _fullChunks is null ? _current : throw new InvalidOperationException("A growing buffer has no shared target.");

    /// <summary>The number of values added.</summary>
    public int Count => _fullChunks is null ? _position - _start : _fullCount + _position;

    /// <summary>A buffer for exactly <paramref name="count"/> values, written to <paramref name="target"/> from <paramref name="start"/>.</summary>
    public static ChunkedBuffer<T> ForRange(T[] target, int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, target.Length);
        return new ChunkedBuffer<T>(target, start, count);
    }

    public void Add(T value)
    {
        if (_position == _end)
            StartChunk();
        _current[_position++] = value;
    }

    /// <summary>The values as one array (the shared target for a fixed range); the buffer must not be used afterwards.</summary>
    public T[] MoveToArray()
    {
        if (_fullChunks is null)
            return _current;
        var result = new T[Count];
        var offset = 0;
        foreach (var chunk in _fullChunks)
        {
            chunk.CopyTo(result, offset);
            offset += chunk.Length;
        }
        Array.Copy(_current, 0, result, offset, _position);
        _fullChunks.Clear();
        _current = [];
        _position = 0;
        _end = 0;
        _fullCount = 0;
        return result;
    }

    private void StartChunk()
    {
        if (_fullChunks is null)
            throw new InvalidOperationException($"The buffer holds exactly {_end - _start} values; one more was added.");
        if (Count > Array.MaxLength - MaxChunkLength)
            throw new InvalidOperationException($"A column cannot hold more than {Array.MaxLength - MaxChunkLength} values.");
        _fullChunks.Add(_current);
        _fullCount += _current.Length;
        _current = new T[Math.Min(_current.Length * 2, MaxChunkLength)];
        _position = 0;
        _end = _current.Length;
    }
}
