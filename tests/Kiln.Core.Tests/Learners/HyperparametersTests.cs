using Kiln.Core.Learners;

namespace Kiln.Core.Tests.Learners;

public sealed class HyperparametersTests
{
    public sealed record SampleOptions
    {
        [Hyperparameter("n_estimators", Min = 1, Max = 2000, Log = true)]
        public int TreeCount { get; init; } = 100;

        [Hyperparameter]
        public int MaxDepth { get; init; } = 6;

        [Hyperparameter(Choices = ["sqrt", "log2"])]
        public string MaxFeatures { get; init; } = "sqrt";

        public ulong Seed { get; init; } = 3;
    }

    public sealed record DuplicateOptions
    {
        [Hyperparameter("depth")]
        public int MaxDepth { get; init; }

        [Hyperparameter("depth")]
        public int MinDepth { get; init; }
    }

    public sealed record NoParameterlessConstructor(int Depth);

    [Theory]
    [InlineData("MaxDepth", "max_depth")]
    [InlineData("maxDepth", "max_depth")]
    [InlineData("L2Penalty", "l2_penalty")]
    [InlineData("HTTPServer", "http_server")]
    [InlineData("MinSamplesLeaf", "min_samples_leaf")]
    [InlineData("Alpha", "alpha")]
    [InlineData("X", "x")]
    [InlineData("Layer2Size", "layer2_size")]
    [InlineData("already_snake", "already_snake")]
    public void SnakeCase_Names_ConvertAsScikitLearnSpellsThem(string name, string expected)
    {
        Assert.Equal(expected, Hyperparameters.SnakeCase(name));
    }

    [Fact]
    public void Describe_Options_ListsDeclaredInOrderWithDefaults()
    {
        var described = Hyperparameters.Describe(typeof(SampleOptions));

        Assert.Equal(["n_estimators", "max_depth", "max_features"], described.Select(info => info.Name));
        Assert.Equal(["TreeCount", "MaxDepth", "MaxFeatures"], described.Select(info => info.PropertyName));
        Assert.Equal([100, 6, (object)"sqrt"], described.Select(info => info.DefaultValue));
        Assert.Equal(typeof(int), described[0].Type);
        Assert.True(described[0].Declaration.Log);
        Assert.Equal(2000, described[0].Declaration.Max);
        Assert.True(double.IsNaN(described[1].Declaration.Min));
        Assert.Equal(["sqrt", "log2"], described[2].Declaration.Choices!);
    }

    [Fact]
    public void Describe_DuplicateName_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Hyperparameters.Describe(typeof(DuplicateOptions)));

        Assert.Contains("'depth' twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_NoParameterlessConstructor_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => Hyperparameters.Describe(typeof(NoParameterlessConstructor)));

        Assert.Contains("public parameterless constructor", error.Message, StringComparison.Ordinal);
    }
}
