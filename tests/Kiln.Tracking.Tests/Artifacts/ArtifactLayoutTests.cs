using Kiln.Tracking.Artifacts;

namespace Kiln.Tracking.Tests.Artifacts;

public sealed class ArtifactLayoutTests
{
    private static readonly DateOnly Day = new(2026, 3, 7);

    [Fact]
    public void Keys_FollowDesignSection6Exactly()
    {
        Assert.Equal("ns=marketing/", ArtifactLayout.Namespace("marketing"));
        Assert.Equal("ns=marketing/input/data/churn/", ArtifactLayout.DataSet("marketing", "churn"));
        Assert.Equal("ns=marketing/input/data/churn/0123456789abcdef/", ArtifactLayout.DataVersion("marketing", "churn", "0123456789abcdef"));
        Assert.Equal("ns=marketing/input/data/churn/0123456789abcdef/year=2026/month=03/day=07/", ArtifactLayout.DataVersion("marketing", "churn", "0123456789abcdef", Day));
        Assert.Equal("ns=marketing/output/churn-model/", ArtifactLayout.Model("marketing", "churn-model"));
        Assert.Equal("ns=marketing/output/churn-model/year=2026/month=03/day=07/churn-20260307-1/", ArtifactLayout.Job("marketing", "churn-model", Day, "churn-20260307-1"));
        Assert.Equal("ns=marketing/output/churn-model/year=2026/month=03/day=07/churn-20260307-1/checkpoints/", ArtifactLayout.Checkpoints("marketing", "churn-model", Day, "churn-20260307-1"));
        Assert.Equal("ns=marketing/output/churn-model/year=2026/month=03/day=07/churn-20260307-1/model.kiln", ArtifactLayout.File(ArtifactLayout.Job("marketing", "churn-model", Day, "churn-20260307-1"), "model.kiln"));
    }

    [Fact]
    public void Day_PadsAndUsesTheUtcDay()
    {
        Assert.Equal("year=0987/month=01/day=02/", ArtifactLayout.Day(new DateOnly(987, 1, 2)));
        // 23:30 at UTC-05:00 is 04:30 the next day in UTC.
        Assert.Equal(new DateOnly(2026, 3, 8), ArtifactLayout.DayOf(new DateTimeOffset(2026, 3, 7, 23, 30, 0, TimeSpan.FromHours(-5))));
    }

    public static TheoryData<string> BadNames => new()
    {
        "",
        "../",
        "..",
        ".",
        "../../etc",
        "/etc",
        "/",
        "C:\\Windows",
        "C:",
        "a\\b",
        "a/b",
        "a//b",
        "a\0b",
        "\0",
        "a\u0001b",
        "a\u001fb",
        "a\u007fb",
        "a\nb",
        "\u0430bc",
        "\uff4dodel",
        "a\u2215b",
        "\u2024\u2024",
        "caf\u00e9",
        new string('x', 65),
        new string('x', 10_000),
        "-rf",
        "_hidden",
        ".hidden",
        "with space",
        "a=b",
        "CON",
        "nul",
        "com1",
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public void EveryName_Bad_IsRefusedNamingTheField(string bad)
    {
        AssertRefused("ns", "namespace", () => ArtifactLayout.Job(bad, "model", Day, "job"));
        AssertRefused("dataset", "data set name", () => ArtifactLayout.DataVersion("ns", bad, "0123456789abcdef", Day));
        AssertRefused("version", "data version", () => ArtifactLayout.DataVersion("ns", "data", bad, Day));
        AssertRefused("model", "model name", () => ArtifactLayout.Job("ns", bad, Day, "job"));
        AssertRefused("jobName", "job name", () => ArtifactLayout.Job("ns", "model", Day, bad));
        AssertRefused("jobName", "job name", () => ArtifactLayout.Checkpoints("ns", "model", Day, bad));
    }

    [Fact]
    public void EveryName_Null_IsRefusedNamingTheField()
    {
        AssertRefused("ns", "namespace", () => ArtifactLayout.Namespace(null!));
        AssertRefused("jobName", "job name", () => ArtifactLayout.Job("ns", "model", Day, null!));
    }

    [Fact]
    public void Names_AtTheLimit_AreAccepted()
    {
        var longest = new string('a', 64);
        Assert.EndsWith($"/{longest}/", ArtifactLayout.Job(longest, longest, Day, longest), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("a/../../escape.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("a//b.txt")]
    [InlineData("a/")]
    [InlineData("a\\b.txt")]
    [InlineData(".hidden")]
    [InlineData("a/./b.txt")]
    [InlineData("a\0.txt")]
    [InlineData("\u2215etc")]
    [InlineData("")]
    public void File_BadRelativePath_IsRefused(string relative)
    {
        var error = Assert.Throws<ArgumentException>(() => ArtifactLayout.File("ns=a/", relative));
        Assert.Equal("relativePath", error.ParamName);
        Assert.DoesNotContain('\0', error.Message);
    }

    [Fact]
    public void File_TooLongAltogether_IsRefused()
    {
        var folder = string.Concat(Enumerable.Repeat(new string('f', 200) + "/", 5));
        var error = Assert.Throws<ArgumentException>(() => ArtifactLayout.File(folder, new string('x', 200)));
        Assert.Equal("relativePath", error.ParamName);
        Assert.Contains("1024", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ArtifactLayout.File(new string('x', 10_000) + "/", "a"));
    }

    [Theory]
    [InlineData("job")]
    [InlineData("/abs/")]
    [InlineData("../")]
    [InlineData("a//")]
    public void File_BadFolder_IsRefused(string folder)
    {
        Assert.Equal("folder", Assert.Throws<ArgumentException>(() => ArtifactLayout.File(folder, "a.txt")).ParamName);
    }

    [Fact]
    public void ToLocalPath_StaysUnderTheRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "kiln-root");
        Assert.Equal(Path.Combine(root, "ns=a", "output", "m"), ArtifactLayout.ToLocalPath(root, "ns=a/output/m/"));
        Assert.Equal(Path.Combine(root, "ns=a", "x.txt"), ArtifactLayout.ToLocalPath(root, "ns=a/x.txt"));
        Assert.Equal(root, ArtifactLayout.ToLocalPath(root + Path.DirectorySeparatorChar, ""));
        Assert.Equal("keyOrPrefix", Assert.Throws<ArgumentException>(() => ArtifactLayout.ToLocalPath(root, "../x")).ParamName);
        Assert.Equal("keyOrPrefix", Assert.Throws<ArgumentException>(() => ArtifactLayout.ToLocalPath(root, "/etc/passwd")).ParamName);
        Assert.Equal("root", Assert.Throws<ArgumentException>(() => ArtifactLayout.ToLocalPath("relative/root", "a")).ParamName);
    }

    [Fact]
    public void GuardInside_PathLeavingTheRoot_IsRefused()
    {
        // The second guard, behind the key rules: checked on paths the rules would never let through.
        var root = Path.Combine(Path.GetTempPath(), "kiln-root");
        Assert.Throws<ArgumentException>(() => ArtifactLayout.GuardInside(root, Path.Combine(root, "..", "elsewhere"), "x"));
        Assert.Throws<ArgumentException>(() => ArtifactLayout.GuardInside(root, root + "-sibling", "x"));
        Assert.Throws<ArgumentException>(() => ArtifactLayout.GuardInside(root, "/etc/passwd", "x"));
        Assert.Equal(Path.Combine(root, "a"), ArtifactLayout.GuardInside(root, Path.Combine(root, "b", "..", "a"), "x"));
        Assert.Equal(root, ArtifactLayout.GuardInside(root, root, "x"));
    }

    private static void AssertRefused(string parameter, string field, Action build)
    {
        var error = Assert.ThrowsAny<ArgumentException>(build);
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', error.Message);
        Assert.True(error.Message.Length < 400, $"The message is {error.Message.Length} characters long.");
    }
}
