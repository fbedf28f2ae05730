using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.Core.Tests.Learners;

public sealed class EarlyStoppingSplitTests
{
    private static TrainingSet Classes(int perClass)
    {
        var values = Enumerable.Range(0, 3 * perClass).Select(i => (double)i).ToArray();
        var labels = Enumerable.Range(0, 3 * perClass).Select(i => i < perClass ? "a" : i < 2 * perClass ? "b" : "c").ToArray();
        return new TrainingSet(new Table([new NumericColumn("x", values)]), CategoricalColumn.FromValues("y", labels));
    }

    [Fact]
    public void Resolve_ContextHasValidation_UsesItAndKeepsEveryTrainingRow()
    {
        var training = Classes(10);
        var given = Classes(2);

        var split = EarlyStoppingSplit.Resolve(training, new FitContext { Validation = given }, 0.2, seed: 1, stratify: true);

        Assert.Same(training, split.Fit);
        Assert.Same(given, split.Validation);
        Assert.False(split.IsHeldOut);
    }

    [Fact]
    public void Resolve_ZeroFraction_HasNoValidation()
    {
        var training = Classes(10);

        var split = EarlyStoppingSplit.Resolve(training, FitContext.None, 0, seed: 1, stratify: false);

        Assert.Same(training, split.Fit);
        Assert.Null(split.Validation);
    }

    [Fact]
    public void Resolve_Stratified_HoldsOutTheShareOfEachClassAndPartitionsTheRows()
    {
        var training = Classes(20).Rows(Enumerable.Range(0, 60).Reverse().ToArray());

        var split = EarlyStoppingSplit.Resolve(training, FitContext.None, 0.1, seed: 7, stratify: true);

        Assert.True(split.IsHeldOut);
        var validation = split.Validation!;
        Assert.Equal(6, validation.RowCount);
        Assert.Equal([2, 2, 2], validation.ClassLabels().Codes.ToArray().GroupBy(code => code).OrderBy(g => g.Key).Select(g => g.Count()));
        var all = split.Fit.RowIndices.ToArray().Concat(validation.RowIndices.ToArray()).Order();
        Assert.Equal(Enumerable.Range(0, 60), all);
    }

    [Fact]
    public void Resolve_SameSeed_SameRows_DifferentSeed_DifferentRows()
    {
        var training = Classes(30);

        var first = EarlyStoppingSplit.Resolve(training, FitContext.None, 0.2, seed: 3, stratify: false).Validation!.RowIndices.ToArray();
        var again = EarlyStoppingSplit.Resolve(training, FitContext.None, 0.2, seed: 3, stratify: false).Validation!.RowIndices.ToArray();
        var other = EarlyStoppingSplit.Resolve(training, FitContext.None, 0.2, seed: 4, stratify: false).Validation!.RowIndices.ToArray();

        Assert.Equal(18, first.Length);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Resolve_FractionOutOfRange_NamesTheParameter(double fraction)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => EarlyStoppingSplit.Resolve(Classes(5), FitContext.None, fraction, 0, false));

        Assert.Equal("validationFraction", error.ParamName);
    }
}
