using Kiln.Tracking;
using Kiln.Workflow.Configuration;

namespace Kiln.Workflow.Tests.Configuration;

/// <summary>kiln.config.yaml: the environments' places, read with YamlDotNet; a problem names the file, line, column and key.</summary>
public sealed class KilnSettingsFileTests
{
    [Fact]
    public void Parse_BothEnvironments_PathsResolvedAgainstTheFilesFolder()
    {
        var file = KilnSettingsFile.Parse(
            """
            default_environment: production
            environments:
              develop:
                store: .kiln
              production:
                store: /srv/kiln/production
                tracking: ""
                artifacts: s3://models/production
            """, "kiln.config.yaml", "/work/project");

        Assert.Equal(RunEnvironment.Production, file.DefaultEnvironment);
        Assert.Equal(new EnvironmentEntry("/work/project/.kiln", null, null), file.Entry(RunEnvironment.Develop));
        Assert.Equal(new EnvironmentEntry("/srv/kiln/production", string.Empty, "s3://models/production"), file.Entry(RunEnvironment.Production));
    }

    [Fact]
    public void Parse_EmptyFile_NoSettings()
    {
        var file = KilnSettingsFile.Parse(string.Empty, "kiln.config.yaml", "/work");

        Assert.Null(file.DefaultEnvironment);
        Assert.Empty(file.Environments);
    }

    public static TheoryData<string, string> BadFiles() => new()
    {
        { "default_environmnet: develop", "kiln.config.yaml, line 1, column 1, 'default_environmnet': unknown key 'default_environmnet'; did you mean 'default_environment'? Allowed keys: default_environment, environments." },
        { "default_environment: staging", "kiln.config.yaml, line 1, column 22, 'default_environment': expected develop or production, got 'staging'." },
        { "environments:\n  develop:\n    stor: x", "kiln.config.yaml, line 3, column 5, 'environments.develop.stor': unknown key 'stor' in 'environments.develop'; did you mean 'store'? Allowed keys: store, tracking, artifacts." },
        { "environments:\n  prodution: {store: x}", "kiln.config.yaml, line 2, column 3, 'environments.prodution': unknown key 'prodution' in 'environments'; did you mean 'production'? Allowed keys: develop, production." },
        { "environments:\n  develop:\n    store: [a, b]", "kiln.config.yaml, line 3, column 12, 'environments.develop.store': expected the store's folder, got a list." },
        { "environments:\n  develop:\n    store:", "kiln.config.yaml, line 3, column 11, 'environments.develop.store': expected the store's folder, got nothing." },
        { "environments: [develop]", "kiln.config.yaml, line 1, column 15, 'environments': expected a map of environments ('{develop: {store: .kiln}, production: {store: /srv/kiln}}'), got a list." },
        { "- develop", "kiln.config.yaml, line 1, column 1: expected keys and values ('environments: {develop: {store: .kiln}}'), got a list." },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Parse_BadFile_MessageNamesLineColumnAndKey(string text, string expected)
    {
        var error = Assert.Throws<KilnConfigException>(() => KilnSettingsFile.Parse(text, "kiln.config.yaml", "/work"));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Parse_NotYaml_MessageNamesTheLine()
    {
        var error = Assert.Throws<KilnConfigException>(() => KilnSettingsFile.Parse("environments: {develop: {store: x}\n", "kiln.config.yaml", "/work"));

        Assert.StartsWith("kiln.config.yaml, line ", error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeeplyNested_RefusedBeforeLoading()
    {
        var error = Assert.Throws<KilnConfigException>(() => KilnSettingsFile.Parse(new string('[', 5000) + new string(']', 5000), "kiln.config.yaml", "/work"));

        Assert.Contains("nests lists and maps more than 8 levels deep", error.Message, StringComparison.Ordinal);
    }
}
