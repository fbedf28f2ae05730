using System.Text.Json;
using Kiln.Core.Data;
using Kiln.Core.Profiling;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Profiling;

public sealed class ProfileJsonTests
{
    [Fact]
    public void Serialize_Profile_RoundTripsToTheSameJson()
    {
        var profile = TableProfile.Compute(TestData.ReadCsv("penguins.csv"), "species");

        var json = ProfileJson.Serialize(profile);
        var again = ProfileJson.Serialize(ProfileJson.DeserializeProfile(json));

        Assert.Equal(json, again);
    }

    [Fact]
    public void Serialize_Profile_UsesSnakeCaseNamesAndEnumStrings()
    {
        var profile = TableProfile.Compute(TestData.ReadCsv("iris.csv"), "target");

        using var document = JsonDocument.Parse(ProfileJson.Serialize(profile));
        var root = document.RootElement;

        Assert.Equal(1, root.GetProperty("duplicate_row_count").GetInt32());
        var column = root.GetProperty("columns")[0];
        Assert.Equal("numeric", column.GetProperty("kind").GetString());
        Assert.Equal("feature", column.GetProperty("role").GetString());
        Assert.True(column.GetProperty("numeric").TryGetProperty("standard_deviation", out _));
        Assert.True(column.GetProperty("numeric").GetProperty("histogram").TryGetProperty("bin_edges", out _));
        Assert.False(column.TryGetProperty("categorical", out _));
        Assert.Equal("classification", root.GetProperty("target").GetProperty("task").GetString());
        Assert.Equal("correlation_ratio", root.GetProperty("target_associations")[0].GetProperty("measure").GetString());
        Assert.Equal(ProfileWarningCodes.DuplicateRows, root.GetProperty("warnings")[0].GetProperty("code").GetString());
    }

    [Fact]
    public void Serialize_UndefinedNumbers_SurviveTheRoundTrip()
    {
        var table = new Table([new NumericColumn("x", [1, 1, 1]), new NumericColumn("y", [1, 2, 3])]);
        var profile = TableProfile.Compute(table);

        var back = ProfileJson.DeserializeProfile(ProfileJson.Serialize(profile));

        Assert.True(double.IsNaN(back.Correlations.Get("x", "y")));
        Assert.Equal(profile.Column("y").Numeric!.Mean, back.Column("y").Numeric!.Mean);
    }

    [Fact]
    public void Serialize_ReferenceProfile_RoundTrips()
    {
        var reference = ReferenceProfile.FromProfile(TableProfile.Compute(TestData.ReadCsv("penguins.csv"), "species"));

        var json = ProfileJson.Serialize(reference);

        Assert.Equal(json, ProfileJson.Serialize(ProfileJson.DeserializeReference(json)));
        Assert.Contains("\"bin_shares\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void DeserializeProfile_NullText_ThrowsJsonException()
    {
        Assert.Throws<JsonException>(() => ProfileJson.DeserializeProfile("null"));
    }
}
