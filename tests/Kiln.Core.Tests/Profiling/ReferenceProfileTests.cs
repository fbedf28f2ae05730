using Kiln.Core.Data;
using Kiln.Core.Profiling;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Profiling;

public sealed class ReferenceProfileTests
{
    [Fact]
    public void FromProfile_NumericFeature_KeepsDecileEdgesAndShares()
    {
        var profile = TableProfile.Compute(TestData.ReadCsv("penguins.csv"), "species");

        var reference = ReferenceProfile.FromProfile(profile);

        var flipper = reference.Features.Single(feature => feature.Name == "flipper_length_mm");
        var bins = profile.Column("flipper_length_mm").Numeric!.ReferenceBins;
        Assert.Equal(bins.BinEdges, flipper.BinEdges);
        Assert.Equal(bins.Counts.Select(count => count / 342.0), flipper.BinShares);
        Assert.Equal(1.0, flipper.BinShares!.Sum(), 1e-12);
        Assert.Equal(2.0 / 344, flipper.MissingFraction);
    }

    [Fact]
    public void FromProfile_CategoricalFeatureAndTarget_KeepCategoryShares()
    {
        var reference = ReferenceProfile.FromProfile(TableProfile.Compute(TestData.ReadCsv("penguins.csv"), "species"));

        var island = reference.Features.Single(feature => feature.Name == "island");
        Assert.Equal([("Biscoe", 168.0 / 344), ("Dream", 124.0 / 344), ("Torgersen", 52.0 / 344)], island.Categories!.Select(category => (category.Name, category.Share)));
        Assert.Equal(0, island.OtherShare);
        var species = reference.Features.Single(feature => feature.Name == "species");
        Assert.Equal(ColumnRole.Target, species.Role);
    }

    [Fact]
    public void FromProfile_BooleanFeature_HasFalseAndTrueShares()
    {
        var table = new Table([new BooleanColumn("flag", [true, true, false, null])]);

        var flag = ReferenceProfile.FromProfile(TableProfile.Compute(table)).Features.Single();

        Assert.Equal([("false", 1.0 / 3), ("true", 2.0 / 3)], flag.Categories!.Select(category => (category.Name, category.Share)));
        Assert.Equal(0.25, flag.MissingFraction);
    }

    [Fact]
    public void FromProfile_IgnoredAndTextColumns_AreLeftOut()
    {
        var table = new Table([new NumericColumn("x", [1, 2]), new TextColumn("note", ["a", "b"]), new NumericColumn("id", [1, 2])], new Dictionary<string, ColumnRole> { ["id"] = ColumnRole.Id });

        var reference = ReferenceProfile.FromProfile(TableProfile.Compute(table));

        Assert.Equal(["x"], reference.Features.Select(feature => feature.Name));
    }
}
