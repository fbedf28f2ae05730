using Kiln.Core.Metrics;

namespace Kiln.Core.Tests.Metrics;

public sealed class ClassificationMetricsTests
{
    [Fact]
    public void Precision_ClassThatNeverOccurs_IsNotAveraged()
    {
        // scikit-learn: precision_score([0,1,0,1], [0,1,1,1], average='macro') = 0.8333333333333333
        int[] trueClasses = [0, 1, 0, 1];
        int[] predicted = [0, 1, 1, 1];

        var withAbsentClasses = ClassificationMetrics.Precision(trueClasses, predicted, classCount: 5, MetricAverage.Macro);

        Assert.Equal(0.8333333333333333, withAbsentClasses, 1e-15);
    }

    [Fact]
    public void BinaryPrecision_NothingPredictedPositive_IsZero()
    {
        var precision = ClassificationMetrics.BinaryPrecision([0, 1, 1], [0, 0, 0], positiveClass: 1);

        Assert.Equal(0.0, precision);
    }

    [Fact]
    public void BinaryRecall_PositiveClassZero_CountsClassZeroAsPositive()
    {
        // Two true 0s, one predicted right: recall of class 0 is 1/2.
        var recall = ClassificationMetrics.BinaryRecall([0, 0, 1], [0, 1, 1], positiveClass: 0);

        Assert.Equal(0.5, recall);
    }

    [Fact]
    public void BinaryF1_CodeOtherThanZeroOrOne_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => ClassificationMetrics.BinaryF1([0, 2], [0, 1], positiveClass: 1));

        Assert.Contains("class code 2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CohenKappa_Quadratic_MatchesScikitLearn()
    {
        // scikit-learn: cohen_kappa_score([0,1,0,1,1], [0,1,1,1,0], weights='quadratic') = 0.16666666666666663
        var kappa = ClassificationMetrics.CohenKappa([0, 1, 0, 1, 1], [0, 1, 1, 1, 0], classCount: 2, KappaWeighting.Quadratic);

        Assert.Equal(0.16666666666666663, kappa, 1e-15);
    }

    [Fact]
    public void CohenKappa_EveryRowOneClass_ThrowsUndefined()
    {
        var exception = Assert.Throws<ArgumentException>(() => ClassificationMetrics.CohenKappa([1, 1, 1], [1, 1, 1], classCount: 3));

        Assert.Contains("undefined", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MatthewsCorrelation_ConstantPrediction_IsZero()
    {
        var correlation = ClassificationMetrics.MatthewsCorrelation([0, 1, 0, 1], [1, 1, 1, 1], classCount: 2);

        Assert.Equal(0.0, correlation);
    }

    [Fact]
    public void Accuracy_LengthsDiffer_ThrowsNamingBoth()
    {
        var exception = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Accuracy([0, 1, 1], [0, 1]));

        Assert.Contains("'predictedClasses' has 2 values but 'trueClasses' has 3", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accuracy_Empty_Throws()
    {
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Accuracy([], []));
    }

    [Fact]
    public void Accuracy_NegativeWeight_ThrowsNamingRow()
    {
        var exception = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Accuracy([0, 1], [0, 1], [1.0, -2.0]));

        Assert.Contains("-2 in row 1", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accuracy_WeightsSumToZero_Throws()
    {
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Accuracy([0, 1], [0, 1], [0.0, 0.0]));
    }

    [Fact]
    public void ConfusionMatrix_Compute_CodeOutOfRange_ThrowsNamingRowAndCode()
    {
        var exception = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Compute([0, 1, 3], [0, 1, 1], classCount: 3));

        Assert.Contains("Row 2", exception.Message, StringComparison.Ordinal);
        Assert.Contains("class code 3", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfusionMatrix_Compute_Weighted_SumsWeightsPerCell()
    {
        var matrix = ConfusionMatrix.Compute([0, 0, 1, 1], [0, 1, 1, 1], classCount: 2, [0.5, 2.0, 1.5, 0.25]);

        Assert.True(matrix.IsWeighted);
        Assert.Equal([[0.5, 2.0], [0.0, 1.75]], matrix.ToRows());
        Assert.Equal(4.25, matrix.Total);
    }

    [Fact]
    public void ConfusionMatrix_Occurs_ZeroWeightRowStillCounts()
    {
        // scikit-learn's unique_labels ignores weights: a class seen only in a row of weight 0 is still a label.
        var matrix = ConfusionMatrix.Compute([0, 1, 2], [0, 1, 2], classCount: 4, [1.0, 1.0, 0.0]);

        Assert.True(matrix.Occurs(2));
        Assert.False(matrix.Occurs(3));
        Assert.Equal(3, matrix.OccurringClassCount);
    }
}
