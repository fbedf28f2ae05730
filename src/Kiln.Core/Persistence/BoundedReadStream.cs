using Kiln.Core.IO;

namespace Kiln.Core.Persistence;

// Reads at most `limit` bytes from an entry, whatever its zip header claims, and fails as soon as the entry proves longer.
internal sealed class BoundedReadStream(Stream inner, long limit, Func<BundleFormatException> tooLong) : ForwardReadStream(inner, ownsInner: true)
{
    private long _remaining = limit;

    public override int Read(Span<byte> buffer)
    {
        if (_remaining == 0)
        {
            // At the limit: the entry must end here. One more byte means it is longer than recorded.
            Span<byte> probe = stackalloc byte[1];
            if (Inner.Read(probe) != 0)
                throw tooLong();
            return 0;
        }
        if (buffer.Length > _remaining)
            buffer = buffer[..(int)_remaining];
        var read = Inner.Read(buffer);
        _remaining -= read;
        return read;
    }
}
