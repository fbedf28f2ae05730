using Kiln.Core;

namespace Kiln.Core.Tests;

public sealed class NearestNameTests
{
    private static readonly string[] Keys = ["name", "namespace", "job_name", "data", "target", "ignore", "task", "metric", "seed", "split", "validation", "candidates"];

    [Theory]
    [InlineData("targt", "target")]
    [InlineData("tagret", "target")]
    [InlineData("Target", "target")]
    [InlineData("nmae", "name")]
    [InlineData("canidates", "candidates")]
    [InlineData("validaton", "validation")]
    [InlineData("jobname", "job_name")]
    public void Find_Typo_ReturnsIntendedName(string typed, string expected)
    {
        Assert.Equal(expected, NearestName.Find(typed, Keys));
    }

    [Theory]
    [InlineData("colour")]
    [InlineData("x")]
    [InlineData("learners")]
    public void Find_NothingClose_ReturnsNull(string typed)
    {
        Assert.Null(NearestName.Find(typed, Keys));
    }

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("ca", "ac", 1)]
    [InlineData("abcd", "acbd", 1)]
    public void Distance_KnownPairs_MatchesHandCount(string first, string second, int expected)
    {
        Assert.Equal(expected, NearestName.Distance(first, second));
    }

    [Fact]
    public void Hint_CloseAndFar_EndsTheSentence()
    {
        Assert.Equal("; did you mean 'seed'?", NearestName.Hint("sed", Keys));
        Assert.Equal(".", NearestName.Hint("colour", Keys));
    }
}
