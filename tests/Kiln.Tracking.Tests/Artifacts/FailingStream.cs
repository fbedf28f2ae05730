namespace Kiln.Tracking.Tests.Artifacts;

/// <summary>A readable stream that yields <c>failAfter</c> bytes of a pattern, then throws <see cref="IOException"/>: a source that breaks midway.</summary>
internal sealed class FailingStream(long failAfter) : Stream
{
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= failAfter)
            throw new IOException($"The source broke after {failAfter} bytes (simulated).");
        var count = (int)Math.Min(buffer.Length, failAfter - _position);
        for (var i = 0; i < count; i++)
            buffer[i] = (byte)((_position + i) * 31);
        _position += count;
        return count;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
