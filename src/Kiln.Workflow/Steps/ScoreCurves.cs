using Kiln.Reporting;

namespace Kiln.Workflow.Steps;

/// <summary>The ROC and precision-recall curves of one class's scores, for the report's plots.</summary>
/// <remarks>
/// Points are taken at each distinct score from the highest down, tied scores forming one point, as scikit-learn's
/// <c>roc_curve(drop_intermediate=False)</c> and <c>precision_recall_curve</c> do. The ROC area is the trapezoid sum and the
/// precision-recall area the average precision (Σ (Rₙ − Rₙ₋₁) Pₙ), scikit-learn's <c>roc_auc_score</c> and <c>average_precision_score</c>.
/// </remarks>
internal static class ScoreCurves
{
    public static (Curve Roc, Curve PrecisionRecall) Build(string name, bool[] isPositive, double[] scores)
    {
        var order = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ToArray();
        var positives = isPositive.Count(flag => flag);
        var negatives = isPositive.Length - positives;
        var falsePositiveRate = new List<double> { 0 };
        var truePositiveRate = new List<double> { 0 };
        var recall = new List<double>();
        var precision = new List<double>();
        double truePositives = 0, falsePositives = 0, rocArea = 0, averagePrecision = 0;
        for (var k = 0; k < order.Length; k++)
        {
            if (isPositive[order[k]])
                truePositives++;
            else
                falsePositives++;
            if (k + 1 < order.Length && scores[order[k + 1]] == scores[order[k]])
                continue;
            var fpr = falsePositives / negatives;
            var tpr = truePositives / positives;
            rocArea += (fpr - falsePositiveRate[^1]) * (tpr + truePositiveRate[^1]) / 2;
            falsePositiveRate.Add(fpr);
            truePositiveRate.Add(tpr);
            var currentPrecision = truePositives / (truePositives + falsePositives);
            averagePrecision += (tpr - (recall.Count > 0 ? recall[^1] : 0)) * currentPrecision;
            recall.Add(tpr);
            precision.Add(currentPrecision);
        }
        return (new Curve(name, falsePositiveRate, truePositiveRate, rocArea), new Curve(name, recall, precision, averagePrecision));
    }
}
