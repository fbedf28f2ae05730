using Kiln.Tracking;
using Kiln.Workflow.Configuration;

namespace Kiln.Workflow.Tests.Configuration;

public sealed class KilnYamlEnvironmentTests
{
    [Theory]
    [InlineData("environment: production", RunEnvironment.Production)]
    [InlineData("environment: develop", RunEnvironment.Develop)]
    public void Parse_Environment_Read(string line, RunEnvironment expected)
    {
        var config = KilnYaml.Parse($"name: m\ndata: d.csv\ntarget: y\n{line}\n", "kiln.yaml", "/work");

        Assert.Equal(expected, config.Environment);
    }

    [Fact]
    public void Parse_NoEnvironment_LeftToTheSettings()
    {
        Assert.Null(KilnYaml.Parse("name: m\ndata: d.csv\ntarget: y\n", "kiln.yaml", "/work").Environment);
    }

    [Fact]
    public void Parse_UnknownEnvironment_NamesTheLineAndTheChoices()
    {
        var error = Assert.Throws<KilnConfigException>(() => KilnYaml.Parse("name: m\ndata: d.csv\ntarget: y\nenvironment: prodution\n", "kiln.yaml", "/work"));

        Assert.Equal("kiln.yaml, line 4, 'environment': expected develop or production, got 'prodution'; did you mean 'production'?", error.Message);
    }
}
