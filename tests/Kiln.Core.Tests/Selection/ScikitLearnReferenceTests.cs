using System.Text.Json;
using Kiln.Core.Selection;

namespace Kiln.Core.Tests.Selection;

/// <summary>Fold sizes, class counts and unshuffled memberships against scikit-learn (tests/reference/splits.py → splits.json).</summary>
/// <remarks>Shuffled memberships are not compared: Kiln shuffles with <see cref="KilnRandom"/>, scikit-learn with NumPy.</remarks>
public sealed class ScikitLearnReferenceTests
{
    private static readonly Lazy<JsonElement> Reference = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "splits.json"))).RootElement);

    public static TheoryData<int> Indices(string section)
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Reference.Value.GetProperty(section).GetArrayLength(); i++)
            data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(Indices), "kfold")]
    public void KFold_NotShuffled_MatchesScikitLearnFolds(int index)
    {
        var reference = Case("kfold", index);
        var rows = reference.GetProperty("rows").GetInt32();
        var folds = reference.GetProperty("folds").GetInt32();

        var split = new KFold(folds, shuffle: false).Split(SplitData.ForRows(rows));

        Assert.Equal(Jagged(reference.GetProperty("unshuffled_test")), SplitAssert.TestFolds(split));
    }

    [Theory]
    [MemberData(nameof(Indices), "kfold")]
    public void KFold_Shuffled_MatchesScikitLearnFoldSizes(int index)
    {
        var reference = Case("kfold", index);
        var rows = reference.GetProperty("rows").GetInt32();
        var folds = reference.GetProperty("folds").GetInt32();

        var sizes = new KFold(folds, shuffle: true, seed: 5).Split(SplitData.ForRows(rows)).Select(fold => fold.Test.Length);

        Assert.Equal(Ints(reference.GetProperty("shuffled_test_sizes")), sizes);
    }

    [Theory]
    [MemberData(nameof(Indices), "stratified_kfold")]
    public void StratifiedKFold_NotShuffled_MatchesScikitLearnFolds(int index)
    {
        var reference = Case("stratified_kfold", index);
        var labels = Ints(reference.GetProperty("labels"));
        var folds = reference.GetProperty("folds").GetInt32();

        var split = new StratifiedKFold(folds, shuffle: false).Split(SplitData.ForClasses(labels));

        Assert.Equal(Jagged(reference.GetProperty("unshuffled_test")), SplitAssert.TestFolds(split));
    }

    [Theory]
    [MemberData(nameof(Indices), "stratified_kfold")]
    public void StratifiedKFold_Shuffled_MatchesScikitLearnSizesAndClassCounts(int index)
    {
        var reference = Case("stratified_kfold", index);
        var labels = Ints(reference.GetProperty("labels"));
        var classes = Ints(reference.GetProperty("classes"));
        var folds = reference.GetProperty("folds").GetInt32();

        var split = new StratifiedKFold(folds, shuffle: true, seed: 11).Split(SplitData.ForClasses(labels)).ToList();

        Assert.Equal(Ints(reference.GetProperty("shuffled_test_sizes")), split.Select(fold => fold.Test.Length));
        var counts = split.Select(fold => classes.Select(c => fold.Test.Count(row => labels[row] == c)).ToArray()).ToArray();
        Assert.Equal(Jagged(reference.GetProperty("shuffled_class_counts")), counts);
    }

    [Theory]
    [MemberData(nameof(Indices), "group_kfold")]
    public void GroupKFold_DistinctGroupSizes_MatchesScikitLearnFolds(int index)
    {
        var reference = Case("group_kfold", index);
        var groups = reference.GetProperty("groups").EnumerateArray().Select(key => key.GetString()!).ToArray();
        var folds = reference.GetProperty("folds").GetInt32();

        var split = new GroupKFold(folds).Split(SplitData.ForRows(groups.Length).WithGroups(groups));

        Assert.Equal(Jagged(reference.GetProperty("test")), SplitAssert.TestFolds(split));
    }

    [Theory]
    [MemberData(nameof(Indices), "time_series_split")]
    public void TimeSeriesSplit_MatchesScikitLearnFolds(int index)
    {
        var reference = Case("time_series_split", index);
        var testSize = reference.GetProperty("test_size");
        var maxTrain = reference.GetProperty("max_train_size");
        var splitter = new TimeSeriesSplit(
            reference.GetProperty("folds").GetInt32(),
            testSize.ValueKind == JsonValueKind.Null ? null : testSize.GetInt32(),
            reference.GetProperty("gap").GetInt32(),
            maxTrain.ValueKind == JsonValueKind.Null ? null : maxTrain.GetInt32());

        var split = splitter.Split(SplitData.ForRows(reference.GetProperty("rows").GetInt32())).ToList();

        Assert.Equal(Jagged(reference.GetProperty("train")), split.Select(fold => fold.Train).ToArray());
        Assert.Equal(Jagged(reference.GetProperty("test")), split.Select(fold => fold.Test).ToArray());
    }

    [Theory]
    [MemberData(nameof(Indices), "train_test_split")]
    public void TrainTest_Sizes_MatchScikitLearnExceptFloatingPointNoise(int index)
    {
        var reference = Case("train_test_split", index);
        var rows = reference.GetProperty("rows").GetInt32();
        var fraction = reference.GetProperty("test_fraction").GetDouble();

        var sizes = HoldoutSplitter.TrainTest(fraction).Sizes(rows);

        // Where n · fraction is a whole number plus floating-point noise, Kiln snaps to the whole number; scikit-learn rounds the noise up.
        var expectedTest = reference.GetProperty("float_noise").GetBoolean()
            ? (int)Math.Round(rows * fraction)
            : reference.GetProperty("test").GetInt32();
        Assert.Equal(expectedTest, sizes.Test);
        Assert.Equal(rows - expectedTest, sizes.Train);
        Assert.Equal(0, sizes.Validation);
    }

    [Theory]
    [MemberData(nameof(Indices), "stratified_train_test_split")]
    public void TrainTest_Stratified_MatchesScikitLearnClassCountsWhenForced(int index)
    {
        var reference = Case("stratified_train_test_split", index);
        var labels = Ints(reference.GetProperty("labels"));
        var fraction = reference.GetProperty("test_fraction").GetDouble();
        var classCount = labels.Max() + 1;

        var holdout = HoldoutSplitter.TrainTest(fraction, seed: 3).SplitStratified(SplitData.ForClasses(labels));

        var trainCounts = Enumerable.Range(0, classCount).Select(c => holdout.Train.Count(row => labels[row] == c)).ToArray();
        var testCounts = Enumerable.Range(0, classCount).Select(c => holdout.Test.Count(row => labels[row] == c)).ToArray();
        Assert.Equal(Ints(reference.GetProperty("test_class_counts")).Sum(), testCounts.Sum());
        if (reference.GetProperty("remainders_distinct").GetBoolean())
        {
            // No ties in the largest-remainder rounding: the counts are fully determined, and must equal scikit-learn's.
            Assert.Equal(Ints(reference.GetProperty("train_class_counts")), trainCounts);
            Assert.Equal(Ints(reference.GetProperty("test_class_counts")), testCounts);
        }
    }

    private static JsonElement Case(string section, int index) => Reference.Value.GetProperty(section)[index];

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(value => value.GetInt32())];

    private static int[][] Jagged(JsonElement array) => [.. array.EnumerateArray().Select(Ints)];
}
