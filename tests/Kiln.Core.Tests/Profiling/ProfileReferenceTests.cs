using System.Text.Json;
using Kiln.Core.Data;
using Kiln.Core.Metrics;
using Kiln.Core.Profiling;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Profiling;

/// <summary>Profiles of bundled data sets against pandas 1.5.3, numpy 1.24, scipy 1.10 and scikit-learn 1.2.1 (tests/reference/profile.py → profile.json).</summary>
public sealed class ProfileReferenceTests
{
    private const double Relative = 1e-12;

    private static readonly JsonElement[] Cases = [.. ReferenceData.Load("profile.json").GetProperty("cases").EnumerateArray()];

    private static readonly Dictionary<int, TableProfile> Profiles = [];

    public static TheoryData<int> CaseIndices => [.. Enumerable.Range(0, Cases.Length)];

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Compute_NumericColumns_MatchPandasDescribe(int index)
    {
        var (reference, profile) = Load(index);
        foreach (var expected in NumericColumns(reference))
        {
            var name = expected.GetProperty("name").GetString()!;
            var summary = profile.Column(name).Numeric!;
            var describe = expected.GetProperty("describe");
            Assert.Equal(describe.GetProperty("count").GetInt32(), summary.Count);
            AssertClose(describe.GetProperty("mean").GetDouble(), summary.Mean, $"{name} mean");
            AssertClose(describe.GetProperty("std").GetDouble(), summary.StandardDeviation, $"{name} std");
            AssertClose(describe.GetProperty("min").GetDouble(), summary.Min, $"{name} min");
            AssertClose(describe.GetProperty("max").GetDouble(), summary.Max, $"{name} max");
            foreach (var probability in NumericSummary.QuantileProbabilities)
                AssertClose(describe.GetProperty($"{probability * 100:0}%").GetDouble(), summary.GetQuantile(probability), $"{name} {probability} quantile");
            Assert.Equal(expected.GetProperty("zeros").GetInt32(), summary.ZeroCount);
            Assert.Equal(0, summary.InfiniteCount);
        }
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Compute_EveryColumn_MatchesPandasMissingAndDistinctCounts(int index)
    {
        var (reference, profile) = Load(index);
        foreach (var expected in reference.GetProperty("columns").EnumerateArray())
        {
            var column = profile.Column(expected.GetProperty("name").GetString()!);
            Assert.Equal(expected.GetProperty("missing").GetInt32(), column.MissingCount);
            Assert.Equal(expected.GetProperty("distinct").GetInt32(), column.DistinctCount);
            Assert.Equal((double)column.MissingCount / reference.GetProperty("rows").GetInt32(), column.MissingFraction);
        }
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Compute_NumericColumns_MatchNumpyHistograms(int index)
    {
        var (reference, profile) = Load(index);
        foreach (var expected in NumericColumns(reference))
        {
            var name = expected.GetProperty("name").GetString()!;
            var summary = profile.Column(name).Numeric!;
            var histogram = expected.GetProperty("histogram");
            Assert.Equal(histogram.GetProperty("bins").GetInt32(), summary.Histogram.Counts.Count);
            Assert.Equal(Ints(histogram.GetProperty("counts")), summary.Histogram.Counts);
            AssertClose(Doubles(histogram.GetProperty("edges")), summary.Histogram.BinEdges, $"{name} histogram edges");

            var bins = expected.GetProperty("reference_bins");
            Assert.Equal(Ints(bins.GetProperty("counts")), summary.ReferenceBins.Counts);
            AssertClose(Doubles(bins.GetProperty("edges")), summary.ReferenceBins.BinEdges, $"{name} reference bin edges");
        }
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Compute_StringColumns_MatchPandasValueCounts(int index)
    {
        var (reference, profile) = Load(index);
        foreach (var expected in reference.GetProperty("columns").EnumerateArray())
        {
            if (!expected.TryGetProperty("value_counts", out var counts))
                continue;
            var summary = profile.Column(expected.GetProperty("name").GetString()!).Categorical!;
            var pairs = counts.EnumerateArray().Select(pair => (pair[0].GetString()!, pair[1].GetInt32())).ToArray();
            Assert.Equal(pairs, summary.Categories.Select(category => (category.Name, category.Count)));
            Assert.Equal(pairs[0].Item1, summary.Mode);
            Assert.Equal(0, summary.OtherCount);
        }
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Compute_Correlations_MatchPandasCorr(int index)
    {
        var (reference, profile) = Load(index);
        var corr = reference.GetProperty("corr");
        var names = corr.GetProperty("columns").EnumerateArray().Select(name => name.GetString()!).ToArray();
        Assert.Equal(names, profile.Correlations.Columns);
        var values = corr.GetProperty("values").EnumerateArray().ToArray();
        for (var i = 0; i < names.Length; i++)
        {
            for (var j = 0; j < names.Length; j++)
            {
                var expected = values[i][j].GetDouble();
                var actual = profile.Correlations.Values[i][j];
                Assert.True(Math.Abs(expected - actual) <= 1e-12, $"corr({names[i]}, {names[j]}): pandas {expected:R}, Kiln {actual:R}.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Compute_DuplicateRows_MatchPandasDuplicated(int index)
    {
        var (reference, profile) = Load(index);

        Assert.Equal(reference.GetProperty("duplicates").GetInt32(), profile.DuplicateRowCount);
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Compute_Target_MatchesPandasCounts(int index)
    {
        var (reference, profile) = Load(index);
        var target = profile.Target!;
        Assert.Equal(reference.GetProperty("target_missing").GetInt32(), target.MissingCount);
        Assert.Equal(reference.GetProperty("rows").GetInt32() - target.MissingCount, target.RowCount);
        if (!reference.TryGetProperty("classes", out var classes))
        {
            Assert.Null(target.Classes);
            Assert.Same(profile.Column(target.Name).Numeric, target.Numeric);
            return;
        }
        var expected = classes.EnumerateArray().Select(pair => (pair[0].GetString()!, pair[1].GetInt32())).ToArray();
        Assert.Equal(expected, target.Classes!.Select(share => (share.Label, share.Count)));
        Assert.All(target.Classes!, share => Assert.Equal((double)share.Count / target.RowCount, share.Share));
        Assert.Equal((double)expected.Max(pair => pair.Item2) / expected.Min(pair => pair.Item2), target.ImbalanceRatio);
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Compute_TargetAssociations_MatchPandasAndScipy(int index)
    {
        var (reference, profile) = Load(index);
        var expected = reference.GetProperty("associations").EnumerateArray().ToArray();
        Assert.Equal(expected.Select(entry => entry.GetProperty("feature").GetString()), profile.TargetAssociations.Select(association => association.Feature));
        foreach (var entry in expected)
        {
            var actual = profile.TargetAssociations.Single(association => association.Feature == entry.GetProperty("feature").GetString());
            Assert.Equal(entry.GetProperty("measure").GetString(), JsonNamingPolicy.SnakeCaseLower.ConvertName(actual.Measure.ToString()));
            Assert.Equal(entry.GetProperty("row_count").GetInt32(), actual.RowCount);
            var value = entry.GetProperty("value").GetDouble();
            Assert.True(Math.Abs(value - actual.Value) <= 1e-12, $"{actual.Feature} {actual.Measure}: reference {value:R}, Kiln {actual.Value:R}.");
        }
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Compute_SingleFeatureScores_MatchScikitLearnTrees(int index)
    {
        var (reference, profile) = Load(index);
        foreach (var entry in reference.GetProperty("associations").EnumerateArray())
        {
            var actual = profile.TargetAssociations.Single(association => association.Feature == entry.GetProperty("feature").GetString());
            var score = entry.GetProperty("single_feature_score").GetDouble();
            Assert.True(Math.Abs(score - actual.SingleFeatureScore) <= 1e-12, $"{actual.Feature}: scikit-learn {score:R}, Kiln {actual.SingleFeatureScore:R}.");
        }
    }

    private static (JsonElement Reference, TableProfile Profile) Load(int index)
    {
        var reference = Cases[index];
        TableProfile? profile;
        lock (Profiles)
        {
            if (!Profiles.TryGetValue(index, out profile))
            {
                var table = TestData.ReadCsv(reference.GetProperty("file").GetString()!);
                var task = reference.GetProperty("task").GetString() == "classification" ? MetricTask.Classification : MetricTask.Regression;
                profile = TableProfile.Compute(table, reference.GetProperty("target").GetString(), new ProfileOptions { Task = task });
                Profiles.Add(index, profile);
            }
        }
        return (reference, profile);
    }

    private static IEnumerable<JsonElement> NumericColumns(JsonElement reference) =>
        reference.GetProperty("columns").EnumerateArray().Where(column => column.TryGetProperty("describe", out _));

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(value => value.GetInt32())];

    private static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(value => value.GetDouble())];

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= Relative * Math.Abs(expected), $"{what}: reference {expected:R}, Kiln {actual:R} (relative tolerance {Relative}).");

    private static void AssertClose(double[] expected, IReadOnlyList<double> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
            AssertClose(expected[i], actual[i], $"{what}[{i}]");
    }
}
