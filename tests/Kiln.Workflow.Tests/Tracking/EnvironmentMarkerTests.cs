using Kiln.Core;
using Kiln.Tracking;
using Kiln.Workflow.Tracking;

namespace Kiln.Workflow.Tests.Tracking;

public sealed class EnvironmentMarkerTests
{
    [Fact]
    public void Claim_NewStore_WritesTheEnvironmentAndTheSameEnvironmentMayClaimAgain()
    {
        using var folder = new TempFolder();
        var store = Path.Combine(folder.Path, "store");

        EnvironmentMarker.Claim(store, RunEnvironment.Production);
        EnvironmentMarker.Claim(store, RunEnvironment.Production);

        Assert.Equal("production\n", File.ReadAllText(Path.Combine(store, EnvironmentMarker.FileName)));
    }

    [Fact]
    public void Claim_StoreOfTheOtherEnvironment_RefusedWithWhatToDo()
    {
        using var folder = new TempFolder();
        EnvironmentMarker.Claim(folder.Path, RunEnvironment.Develop);

        var error = Assert.Throws<KilnException>(() => EnvironmentMarker.Claim(folder.Path, RunEnvironment.Production));

        Assert.StartsWith($"The store {folder.Path} belongs to the develop environment (", error.Message, StringComparison.Ordinal);
        Assert.Contains("not to production; develop and production never share a store. Use --env develop with this store", error.Message, StringComparison.Ordinal);
        Assert.Throws<KilnException>(() => EnvironmentMarker.Check(folder.Path, RunEnvironment.Production));
    }

    [Fact]
    public void Check_StoreWithoutMarker_PassesAndWritesNothing()
    {
        using var folder = new TempFolder();

        EnvironmentMarker.Check(folder.Path, RunEnvironment.Production);

        Assert.False(File.Exists(Path.Combine(folder.Path, EnvironmentMarker.FileName)));
    }
}
