using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.Core.Tests.Learners;

public sealed class TrainingSetTests
{
    private static Table Features() => new(
    [
        new NumericColumn("x", [0, 10, 20, 30, 40, 50]),
        CategoricalColumn.FromValues("c", ["a", "b", "a", "b", "a", "b"]),
    ]);

    private static NumericColumn Target() => new("y", [0.5, 1.5, 2.5, 3.5, 4.5, 5.5]);

    [Fact]
    public void Constructor_AllRows_IsNotAView()
    {
        var set = new TrainingSet(Features(), Target());

        Assert.False(set.IsView);
        Assert.Equal(6, set.RowCount);
        Assert.Equal([0, 1, 2, 3, 4, 5], set.RowIndices.ToArray());
    }

    [Fact]
    public void Constructor_TargetLengthDiffers_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new TrainingSet(Features(), new NumericColumn("y", [1, 2])));

        Assert.Contains("'y' has 2 rows; the features have 6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WeightsLengthDiffers_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new TrainingSet(Features(), Target(), new NumericColumn("w", [1])));

        Assert.Contains("'w' have 1 rows", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_BadWeight_ThrowsNamingRowAndValue(double bad)
    {
        var weights = new NumericColumn("w", [1, 1, 1, bad, 1, 1]);

        var error = Assert.Throws<ArgumentException>(() => new TrainingSet(Features(), Target(), weights));

        Assert.Contains($"row 3 is {bad}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ZeroWeight_IsAllowed()
    {
        var set = new TrainingSet(Features(), Target(), new NumericColumn("w", [0, 1, 2, 0, 1, 2]));

        Assert.Equal([0.0, 1, 2, 0, 1, 2], set.SampleWeights()!);
    }

    [Fact]
    public void Constructor_NonNumericWeights_Throws()
    {
        var weights = CategoricalColumn.FromValues("w", ["1", "1", "1", "1", "1", "1"]);

        var error = Assert.Throws<ArgumentException>(() => new TrainingSet(Features(), Target(), weights));

        Assert.Contains("must be numeric", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NullFeatures_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new TrainingSet(null!));
    }

    [Fact]
    public void Rows_SharesTablesAndMapsIndices()
    {
        var set = new TrainingSet(Features(), Target());

        var view = set.Rows([4, 1]);

        Assert.True(view.IsView);
        Assert.Same(set.Features, view.Features);
        Assert.Same(set.Target, view.Target);
        Assert.Equal([4, 1], view.RowIndices.ToArray());
        Assert.Equal(1, view.SourceRow(1));
    }

    [Fact]
    public void Rows_OfAView_ComposesToSourceRows()
    {
        var set = new TrainingSet(Features(), Target());

        var inner = set.Rows([5, 4, 3, 2]).Rows([3, 1]).Rows([1]);

        Assert.Equal([4], inner.RowIndices.ToArray());
        Assert.Equal([4.5], inner.NumericTarget());
    }

    [Fact]
    public void Rows_Bootstrap_RepeatsRows()
    {
        var set = new TrainingSet(Features(), Target()).Rows([1, 3]);

        var bootstrap = set.Rows([1, 1, 0, 1]);

        Assert.Equal([3, 3, 1, 3], bootstrap.RowIndices.ToArray());
        Assert.Equal([3.5, 3.5, 1.5, 3.5], bootstrap.NumericTarget());
    }

    [Fact]
    public void Rows_IndexOutsideSet_ThrowsNamingSize()
    {
        var view = new TrainingSet(Features(), Target()).Rows([0, 1, 2]);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => view.Rows([3]));

        Assert.Contains("Row 3 is outside the training set of 3 rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GatherFeature_View_CopiesViewedRows()
    {
        var view = new TrainingSet(Features(), Target()).Rows([5, 0]);
        var destination = new double[2];

        view.GatherFeature(0, destination);

        Assert.Equal([50.0, 0.0], destination);
    }

    [Fact]
    public void GatherFeature_AllRows_CopiesColumn()
    {
        var destination = new double[6];

        new TrainingSet(Features()).GatherFeature(0, destination);

        Assert.Equal([0.0, 10, 20, 30, 40, 50], destination);
    }

    [Fact]
    public void GatherFeature_Categorical_ThrowsSayingToPrepare()
    {
        var error = Assert.Throws<SchemaMismatchException>(() => new TrainingSet(Features()).GatherFeature(1, new double[6]));

        Assert.Contains("'c' is Categorical", error.Message, StringComparison.Ordinal);
        Assert.Contains("Prepare the table first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NumericTarget_NaNInSet_ThrowsNamingSourceRow()
    {
        var target = new NumericColumn("y", [1, 2, double.NaN, 4, 5, 6]);
        var view = new TrainingSet(Features(), target).Rows([0, 2]);

        var error = Assert.Throws<SchemaMismatchException>(view.NumericTarget);

        Assert.Contains("'y' is NaN in row 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NumericTarget_NaNOutsideView_IsIgnored()
    {
        var target = new NumericColumn("y", [1, 2, double.NaN, 4, 5, 6]);

        var values = new TrainingSet(Features(), target).Rows([0, 3]).NumericTarget();

        Assert.Equal([1.0, 4.0], values);
    }

    [Fact]
    public void NumericTarget_Infinite_Throws()
    {
        var target = new NumericColumn("y", [1, 2, 3, double.NegativeInfinity, 5, 6]);

        Assert.Throws<SchemaMismatchException>(() => new TrainingSet(Features(), target).NumericTarget());
    }

    [Fact]
    public void NumericTarget_NoTarget_Throws()
    {
        var error = Assert.Throws<SchemaMismatchException>(() => new TrainingSet(Features()).NumericTarget());

        Assert.Contains("has none", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NumericTarget_CategoricalTarget_Throws()
    {
        var target = CategoricalColumn.FromValues("y", ["a", "b", "a", "b", "a", "b"]);

        var error = Assert.Throws<SchemaMismatchException>(() => new TrainingSet(Features(), target).NumericTarget());

        Assert.Contains("must be numeric", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SampleWeights_View_FollowsRowsAndNullWithoutWeights()
    {
        var set = new TrainingSet(Features(), Target(), new NumericColumn("w", [1, 2, 3, 4, 5, 6]));

        Assert.Equal([6.0, 6.0, 1.0], set.Rows([5, 5, 0]).SampleWeights()!);
        Assert.Null(new TrainingSet(Features(), Target()).SampleWeights());
    }

    [Fact]
    public void ClassLabels_View_EncodesOnlyViewedRows()
    {
        var target = CategoricalColumn.FromValues("y", ["b", "c", "a", "c", "b", "a"]);

        var labels = new TrainingSet(Features(), target).Rows([1, 0, 3]).ClassLabels();

        Assert.Equal(["b", "c"], labels.Classes);
        Assert.Equal([1, 0, 1], labels.Codes.ToArray());
    }

    [Fact]
    public void ClassLabels_MissingTarget_ThrowsNamingRow()
    {
        var target = CategoricalColumn.FromValues("y", ["a", "b", null, "b", "a", "b"]);

        var error = Assert.Throws<SchemaMismatchException>(() => new TrainingSet(Features(), target).ClassLabels());

        Assert.Contains("missing in row 2", error.Message, StringComparison.Ordinal);
    }
}
