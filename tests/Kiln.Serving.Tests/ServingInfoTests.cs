namespace Kiln.Serving.Tests;

public sealed class ServingInfoTests
{
    [Fact]
    public void DefaultHost_IsLoopback()
    {
        Assert.True(System.Net.IPAddress.IsLoopback(System.Net.IPAddress.Parse(ServingInfo.DefaultHost)));
    }
}
