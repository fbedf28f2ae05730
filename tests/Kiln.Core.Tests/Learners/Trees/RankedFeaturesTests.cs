using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Trees;

namespace Kiln.Core.Tests.Learners.Trees;

public sealed class RankedFeaturesTests
{
    [Fact]
    public void Create_Values_RanksDistinctValuesInOrder()
    {
        var table = new Table([NumericColumn.FromOwned("x", [3.5, -1.0, 3.5, 0.0, -0.0, 7.25])]);

        var ranked = RankedFeatures.Create(new TrainingSet(table), maxDegreeOfParallelism: 1, CancellationToken.None);

        Assert.Equal([2, 0, 2, 1, 1, 3], ranked.Ranks[0]);
        Assert.Equal([-1.0, 0.0, 3.5, 7.25], ranked.DistinctValues[0]);
    }

    [Fact]
    public void Create_View_RanksTheViewsRowsInViewOrder()
    {
        var table = new Table([NumericColumn.FromOwned("x", [10.0, 20.0, 30.0, 40.0])]);

        var ranked = RankedFeatures.Create(new TrainingSet(table).Rows([3, 0, 3]), maxDegreeOfParallelism: 2, CancellationToken.None);

        Assert.Equal(3, ranked.RowCount);
        Assert.Equal([1, 0, 1], ranked.Ranks[0]);
        Assert.Equal([10.0, 40.0], ranked.DistinctValues[0]);
    }

    [Theory]
    [InlineData(double.NaN, "Feature 'b' is missing (NaN) in row 2")]
    [InlineData(double.PositiveInfinity, "Feature 'b' is Infinity in row 2")]
    [InlineData(double.NegativeInfinity, "Feature 'b' is -Infinity in row 2")]
    public void Create_NonFiniteValue_ThrowsNamingColumnAndRow(double bad, string expected)
    {
        var table = new Table([NumericColumn.FromOwned("a", [1.0, 2.0, 3.0]), NumericColumn.FromOwned("b", [1.0, 2.0, bad])]);

        var exception = Assert.Throws<SchemaMismatchException>(() => RankedFeatures.Create(new TrainingSet(table), 1, CancellationToken.None));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.Contains("Impute missing values", exception.Message, StringComparison.Ordinal);
    }
}
