namespace Kiln.Core.IO;

/// <summary>The shared shape of Kiln's read-only, forward-only stream wrappers: subclasses supply <see cref="Read(Span{byte})"/> alone.</summary>
/// <param name="inner">The wrapped stream.</param>
/// <param name="ownsInner">Whether disposing this stream disposes <paramref name="inner"/>.</param>
internal abstract class ForwardReadStream(Stream inner, bool ownsInner) : Stream
{
    protected Stream Inner { get; } = inner;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public abstract override int Read(Span<byte> buffer);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && ownsInner)
            Inner.Dispose();
        base.Dispose(disposing);
    }
}
