using Kiln.Core.Persistence;

namespace Kiln.Core.Tests.Persistence;

public sealed class ModelKindsTests
{
    [Fact]
    public void Known_CoreKinds_AreListed()
    {
        Assert.Contains("dummy_classifier", ModelKinds.Known);
        Assert.Contains("dummy_regressor", ModelKinds.Known);
        Assert.True(ModelKinds.IsKnown("dummy_regressor"));
        Assert.False(ModelKinds.IsKnown("System.IO.File"));
    }

    [Fact]
    public void Register_ExistingKind_ThrowsAndKeepsTheOriginal()
    {
        var exception = Assert.Throws<ArgumentException>(() => ModelKinds.Register("dummy_classifier", reader => throw reader.Invalid("impostor")));

        Assert.Contains("'dummy_classifier' is already registered", exception.Message, StringComparison.Ordinal);
        var loaded = SampleBundles.Load(SampleBundles.Bytes(SampleBundles.Classifier()));
        Assert.Equal("dummy_classifier", loaded.Model.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Dummy")]
    [InlineData("9lives")]
    [InlineData("System.IO.File, System.IO")]
    [InlineData("kind-with-dash")]
    [InlineData("a_kind_name_that_is_far_too_long_to_be_accepted_by_the_table_of_kinds")]
    public void Register_InvalidName_Throws(string kind) =>
        Assert.Throws<ArgumentException>(() => ModelKinds.Register(kind, reader => throw reader.Invalid("never")));
}
