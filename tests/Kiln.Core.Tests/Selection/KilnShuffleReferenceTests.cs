using System.Text.Json;
using Kiln.Core.Selection;

namespace Kiln.Core.Tests.Selection;

/// <summary>
/// Shuffled memberships against an independent Python transcription of Kiln's documented algorithms
/// (tests/reference/kiln_splits.py → kiln_splits.json): the same seed must give the same split on every machine and version.
/// </summary>
public sealed class KilnShuffleReferenceTests
{
    private static readonly Lazy<JsonElement> Reference = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "kiln_splits.json"))).RootElement);

    public static TheoryData<int> Indices(string section)
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Reference.Value.GetProperty(section).GetArrayLength(); i++)
            data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(Indices), "kfold")]
    public void KFold_Shuffled_MatchesIndependentTranscription(int index)
    {
        var reference = Reference.Value.GetProperty("kfold")[index];
        var splitter = new KFold(reference.GetProperty("folds").GetInt32(), shuffle: true, reference.GetProperty("seed").GetUInt64());

        var split = splitter.Split(SplitData.ForRows(reference.GetProperty("rows").GetInt32()));

        Assert.Equal(Jagged(reference.GetProperty("test")), SplitAssert.TestFolds(split));
    }

    [Fact]
    public void RepeatedKFold_MatchesIndependentTranscription()
    {
        var reference = Reference.Value.GetProperty("repeated_kfold")[0];
        var splitter = new RepeatedKFold(reference.GetProperty("folds").GetInt32(), reference.GetProperty("repeats").GetInt32(), reference.GetProperty("seed").GetUInt64());

        var split = splitter.Split(SplitData.ForRows(reference.GetProperty("rows").GetInt32())).ToList();

        var expected = reference.GetProperty("test").EnumerateArray().SelectMany(Jagged).ToArray();
        Assert.Equal(expected, SplitAssert.TestFolds(split));
    }

    [Theory]
    [MemberData(nameof(Indices), "stratified_kfold")]
    public void StratifiedKFold_Shuffled_MatchesIndependentTranscription(int index)
    {
        var reference = Reference.Value.GetProperty("stratified_kfold")[index];
        var labels = Ints(reference.GetProperty("labels"));
        var splitter = new StratifiedKFold(reference.GetProperty("folds").GetInt32(), shuffle: true, reference.GetProperty("seed").GetUInt64());

        var split = splitter.Split(SplitData.ForClasses(labels));

        Assert.Equal(Jagged(reference.GetProperty("test")), SplitAssert.TestFolds(split));
    }

    [Theory]
    [MemberData(nameof(Indices), "holdout")]
    public void Holdout_Split_MatchesIndependentTranscription(int index)
    {
        var reference = Reference.Value.GetProperty("holdout")[index];
        var fractions = reference.GetProperty("fractions").EnumerateArray().Select(value => value.GetDouble()).ToArray();
        var splitter = new HoldoutSplitter(fractions[0], fractions[1], fractions[2], reference.GetProperty("seed").GetUInt64());

        var holdout = splitter.Split(SplitData.ForRows(reference.GetProperty("rows").GetInt32()));

        Assert.Equal(Ints(reference.GetProperty("train")), holdout.Train);
        Assert.Equal(Ints(reference.GetProperty("validation")), holdout.Validation);
        Assert.Equal(Ints(reference.GetProperty("test")), holdout.Test);
    }

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(value => value.GetInt32())];

    private static int[][] Jagged(JsonElement array) => [.. array.EnumerateArray().Select(Ints)];
}
