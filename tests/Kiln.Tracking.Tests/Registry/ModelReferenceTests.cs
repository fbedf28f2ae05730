using Kiln.Tracking.Registry;

namespace Kiln.Tracking.Tests.Registry;

public sealed class ModelReferenceTests
{
    [Theory]
    [InlineData("churn", ModelReferenceKind.Latest, null, null)]
    [InlineData("churn_v2-eu", ModelReferenceKind.Latest, null, null)]
    [InlineData("churn@champion", ModelReferenceKind.Alias, "champion", null)]
    [InlineData("churn@v2", ModelReferenceKind.Alias, "v2", null)]
    [InlineData("churn/3", ModelReferenceKind.Version, null, 3)]
    [InlineData("7/12", ModelReferenceKind.Version, null, 12)]
    [InlineData("churn/2147483647", ModelReferenceKind.Version, null, int.MaxValue)]
    public void Parse_ValidForms_ReadNameAndSelector(string text, ModelReferenceKind kind, string? alias, int? version)
    {
        var reference = ModelReference.Parse(text);

        Assert.Equal(text.Split('@', '/')[0], reference.Name);
        Assert.Equal(kind, reference.Kind);
        Assert.Equal(alias, reference.Alias);
        Assert.Equal(version, reference.Version);
        Assert.Equal(text, reference.ToString());
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("churn@", "alias ''")]
    [InlineData("churn/", "version ''")]
    [InlineData("churn@3", "alias '3'")]
    [InlineData("churn@best one", "alias 'best one'")]
    [InlineData("churn/0", "version '0'")]
    [InlineData("churn/03", "version '03'")]
    [InlineData("churn/-1", "version '-1'")]
    [InlineData("churn/+1", "version '+1'")]
    [InlineData("churn/1.5", "version '1.5'")]
    [InlineData("churn/2147483648", "version '2147483648'")]
    [InlineData("churn/1/2", "version '1/2'")]
    [InlineData("churn@a@b", "alias 'a@b'")]
    [InlineData("churn@x/1", "both '@' and '/'")]
    [InlineData("../churn", "model name '..'")]
    [InlineData("models/churn.kiln", "version 'churn.kiln'")]
    [InlineData("model.kiln", "model name 'model.kiln'")]
    [InlineData("@champion", "model name ''")]
    [InlineData("nul\0byte", "model name 'nul\\u0000byte'")]
    public void Parse_InvalidText_SaysWhichPartIsWrong(string text, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => ModelReference.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(ModelReference.TryParse(text, out _));
    }

    [Fact]
    public void Factories_BuildTheSameAsParse()
    {
        Assert.Equal(ModelReference.Parse("churn"), ModelReference.Latest("churn"));
        Assert.Equal(ModelReference.Parse("churn@champion"), ModelReference.ToAlias("churn", "champion"));
        Assert.Equal(ModelReference.Parse("churn/4"), ModelReference.ToVersion("churn", 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelReference.ToVersion("churn", 0));
        Assert.Throws<ArgumentException>(() => ModelReference.ToAlias("churn", "12"));
    }
}
