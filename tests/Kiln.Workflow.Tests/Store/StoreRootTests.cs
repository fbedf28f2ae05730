using Kiln.Workflow.Store;

namespace Kiln.Workflow.Tests.Store;

public sealed class StoreRootTests
{
    private static readonly string Current = Path.GetFullPath("/work/project");

    private static Func<string, string?> Environment(string? kilnHome) => name => name == "KILN_HOME" ? kilnHome : null;

    [Fact]
    public void Resolve_StoreOption_WinsOverKilnHome()
    {
        Assert.Equal(Path.GetFullPath("/work/project/runs"), StoreRoot.Resolve("runs", Environment("/srv/kiln"), Current));
    }

    [Fact]
    public void Resolve_NoOption_UsesKilnHome()
    {
        Assert.Equal(Path.GetFullPath("/srv/kiln"), StoreRoot.Resolve(null, Environment("/srv/kiln/"), Current));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Resolve_NoOptionNoKilnHome_UsesDotKilnInCurrentFolder(string? kilnHome)
    {
        Assert.Equal(Path.GetFullPath("/work/project/.kiln"), StoreRoot.Resolve(null, Environment(kilnHome), Current));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Resolve_EmptyStoreOption_Throws(string option)
    {
        var error = Assert.Throws<ArgumentException>(() => StoreRoot.Resolve(option, Environment(null), Current));

        Assert.StartsWith("--store was given an empty folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NulInKilnHome_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => StoreRoot.Resolve(null, Environment("/srv/\0kiln"), Current));

        Assert.StartsWith("The store folder from KILN_HOME contains a NUL character.", error.Message, StringComparison.Ordinal);
    }
}
