using Kiln.Core.Persistence;

namespace Kiln.Core.Tests.Persistence;

public sealed class BoundedReadStreamTests
{
    [Fact]
    public void Read_SourceLongerThanLimit_ThrowsAtTheLimit()
    {
        using var stream = new BoundedReadStream(new MemoryStream(new byte[1000]), 100, () => new BundleFormatException("too long"));
        var buffer = new byte[64];
        var total = 0;

        var exception = Assert.Throws<BundleFormatException>(() =>
        {
            int read;
            while ((read = stream.Read(buffer)) > 0)
                total += read;
        });

        Assert.Equal("too long", exception.Message);
        Assert.Equal(100, total);
    }

    [Fact]
    public void Read_SourceExactlyAtLimit_EndsNormally()
    {
        using var stream = new BoundedReadStream(new MemoryStream(new byte[100]), 100, () => new BundleFormatException("too long"));
        using var copy = new MemoryStream();

        stream.CopyTo(copy);

        Assert.Equal(100, copy.Length);
    }
}
