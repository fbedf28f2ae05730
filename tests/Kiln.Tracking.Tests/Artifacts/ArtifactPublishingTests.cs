using Kiln.Tracking.Artifacts;

namespace Kiln.Tracking.Tests.Artifacts;

public sealed class ArtifactPublishingTests
{
    [Fact]
    public void MarkersFirst_SplitsMarkersFromFiles()
    {
        var (markers, others) = ArtifactPublishing.MarkersFirst(["a/_SUCCESS", "a/x", "_SUCCESS", "b/not_SUCCESS", "b/_SUCCESS"]);

        Assert.Equal(["a/_SUCCESS", "_SUCCESS", "b/_SUCCESS"], markers);
        Assert.Equal(["a/x", "b/not_SUCCESS"], others);
    }

    [Fact]
    public void OutsideFoldersOf_KeepsTheFilesOfAFolderWhoseMarkerStayed()
    {
        var skipped = new List<string>();

        var deletable = ArtifactPublishing.OutsideFoldersOf(["a/_SUCCESS"], ["a/x", "a/sub/y", "ab/z", "b/w"], skipped);

        Assert.Equal(["ab/z", "b/w"], deletable);
        Assert.Equal(["a/x", "a/sub/y"], skipped);
    }
}
