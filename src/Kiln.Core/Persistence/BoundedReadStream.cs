namespace Kiln.Core.Persistence;

// Reads at most `limit` bytes from an entry, whatever its zip header claims, and fails as soon as the entry proves longer.
internal sealed class BoundedReadStream : Stream
{
    private readonly Stream _inner;
    private readonly Func<BundleFormatException> _tooLong;
    private long _remaining;

    public BoundedReadStream(Stream inner, long limit, Func<BundleFormatException> tooLong)
    {
        _inner = inner;
        _remaining = limit;
        _tooLong = tooLong;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        if (_remaining == 0)
        {
            // At the limit: the entry must end here. One more byte means it is longer than recorded.
            Span<byte> probe = stackalloc byte[1];
            if (_inner.Read(probe) != 0)
                throw _tooLong();
            return 0;
        }
        if (buffer.Length > _remaining)
            buffer = buffer[..(int)_remaining];
        var read = _inner.Read(buffer);
        _remaining -= read;
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _inner.Dispose();
        base.Dispose(disposing);
    }
}
