using Kiln.Core;
using Kiln.TestKit;
using Kiln.Workflow.Store;

namespace Kiln.Workflow.Tests.Store;

public sealed class RunIdentityTests
{
    private static readonly TimeProvider Clock = new FixedTimeProvider(new DateTimeOffset(2025, 3, 7, 14, 25, 1, TimeSpan.FromHours(2)));

    [Fact]
    public void Create_NoJobName_GeneratesNameTimeAndRunIdPrefix()
    {
        var identity = RunIdentity.Create("penguins", null, Clock, new KilnRandom(5));

        Assert.Matches("^[0-9a-f]{32}$", identity.RunId);
        Assert.Equal($"penguins-20250307-122501-{identity.RunId[..4]}", identity.JobName);
        Assert.Equal(new DateTimeOffset(2025, 3, 7, 12, 25, 1, TimeSpan.Zero), identity.StartedAt);
        Assert.Equal(TimeSpan.Zero, identity.StartedAt.Offset);
    }

    [Fact]
    public void Create_SameSeed_SameRunId()
    {
        var first = RunIdentity.Create("m", null, Clock, new KilnRandom(5));
        var second = RunIdentity.Create("m", null, Clock, new KilnRandom(5));
        var other = RunIdentity.Create("m", null, Clock, new KilnRandom(6));

        Assert.Equal(first, second);
        Assert.NotEqual(first.RunId, other.RunId);
    }

    [Fact]
    public void Create_RunIdDigits_AreTheSourcesTwoDrawsInHex()
    {
        var source = new KilnRandom(11);
        var expected = $"{source.NextUInt64():x16}{source.NextUInt64():x16}";

        Assert.Equal(expected, RunIdentity.Create("m", null, Clock, new KilnRandom(11)).RunId);
    }

    [Fact]
    public void Create_JobNameGiven_KeptAsIs()
    {
        Assert.Equal("penguins-try-1", RunIdentity.Create("penguins", "penguins-try-1", Clock, new KilnRandom(1)).JobName);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a b")]
    [InlineData("")]
    public void Create_BadJobName_Refused(string jobName)
    {
        Assert.Throws<ArgumentException>(() => RunIdentity.Create("m", jobName, Clock, new KilnRandom(1)));
    }

    [Fact]
    public void GenerateJobName_LongestModelName_StaysAValid64CharacterName()
    {
        var model = new string('m', 64);

        var jobName = RunIdentity.GenerateJobName(model, Clock.GetUtcNow(), "abcdef");

        Assert.Equal(64, jobName.Length);
        Assert.Equal(new string('m', 43) + "-20250307-122501-abcd", jobName);
        Assert.True(StoreNames.IsValid(jobName));
    }

    [Fact]
    public void EntropySeed_TwoCalls_Differ()
    {
        Assert.NotEqual(RunIdentity.EntropySeed(), RunIdentity.EntropySeed());
    }
}
