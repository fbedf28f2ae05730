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
    public void Claim_ManyFirstRunsAtOnce_AllAgreeAndNoneSeesAHalfWrittenMarker()
    {
        using var folder = new TempFolder();
        for (var round = 0; round < 40; round++)
        {
            var store = Path.Combine(folder.Path, $"store-{round}");
            using var start = new Barrier(8);

            var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
            var threads = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
            {
                start.SignalAndWait();
                try
                {
                    EnvironmentMarker.Claim(store, RunEnvironment.Develop);
                }
                catch (KilnException exception)
                {
                    failures.Add(exception.Message);
                }
            })).ToArray();
            foreach (var thread in threads)
                thread.Start();
            foreach (var thread in threads)
                thread.Join();

            Assert.Empty(failures);
            Assert.Equal(["environment.txt"], Directory.GetFiles(store).Select(Path.GetFileName));
        }
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
