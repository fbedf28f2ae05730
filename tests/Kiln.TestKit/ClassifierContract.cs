using Kiln.Core.Learners;
using Xunit;

namespace Kiln.TestKit;

/// <summary>The facts every classifier inherits on top of <see cref="EstimatorContract{TEstimator, TModel}"/>: probabilities that are
/// probabilities, predictions that follow them, classes in Kiln's order, and allocation-free single-row probabilities.</summary>
public abstract class ClassifierContract<TEstimator, TModel> : EstimatorContract<TEstimator, TModel>
    where TEstimator : IEstimator<TModel>
    where TModel : IClassifierModel
{
    /// <summary>Every probability is in [0, 1] and every row's sum to 1 (within 1e-9).</summary>
    [Fact]
    public void PredictProbabilities_EveryRow_InUnitIntervalAndSumsToOne()
    {
        var model = Fit();
        var classCount = model.Classes.Count;

        var probabilities = model.PredictProbabilities(PredictionData());

        for (var row = 0; row < probabilities.Length / classCount; row++)
        {
            var values = probabilities.AsSpan(row * classCount, classCount);
            var sum = 0.0;
            foreach (var value in values)
            {
                Assert.InRange(value, 0.0, 1.0);
                sum += value;
            }
            Assert.True(Math.Abs(sum - 1) <= 1e-9, $"Row {row}: probabilities sum to {sum:R}.");
        }
    }

    /// <summary>Predict gives the class of highest probability, the lowest index among ties.</summary>
    /// <remarks>A classifier whose prediction deliberately does not follow its probabilities (a uniform random baseline) overrides this with a skip reason.</remarks>
    [Fact]
    public virtual void Predict_EveryRow_IsArgmaxOfProbabilities()
    {
        var table = PredictionData();
        var model = Fit();
        var classCount = model.Classes.Count;

        var predictions = model.Predict(table);
        var probabilities = model.PredictProbabilities(table);

        for (var row = 0; row < predictions.Length; row++)
        {
            var values = probabilities.AsSpan(row * classCount, classCount);
            var best = 0;
            for (var c = 1; c < classCount; c++)
            {
                if (values[c] > values[best])
                    best = c;
            }
            Assert.True(best == predictions[row], $"Row {row}: predicted class {predictions[row]}, but the highest probability is class {best}.");
        }
    }

    /// <summary>The model's classes are the training target's classes, in <see cref="ClassLabels.Sort"/> order.</summary>
    [Fact]
    public void Classes_AfterFit_AreTrainingClassesInKilnOrder()
    {
        var data = TrainingData();

        var model = Create(Seed).Fit(data);

        Assert.Equal(ClassLabels.Sort(model.Classes), model.Classes);
        Assert.Equal(data.ClassLabels().Classes, model.Classes);
    }

    /// <summary>PredictRowProbabilities gives, for every row, the bits batch PredictProbabilities gives.</summary>
    [Fact]
    public void PredictRowProbabilities_EveryRow_EqualsBatch()
    {
        var table = PredictionData();
        var model = Fit();
        var classCount = model.Classes.Count;
        var batch = model.PredictProbabilities(table);
        var rows = Rows(model, table);

        var single = new double[batch.Length];
        for (var row = 0; row < rows.Length; row++)
            model.PredictRowProbabilities(rows[row], single.AsSpan(row * classCount, classCount));

        Bits.Equal(batch, single, "PredictRowProbabilities vs PredictProbabilities");
    }

    /// <summary>After a warm-up, PredictRowProbabilities allocates nothing on the managed heap.</summary>
    [Fact]
    public void PredictRowProbabilities_AfterWarmUp_AllocatesNothing()
    {
        var model = Fit();
        var rows = Rows(model, PredictionData());
        var probabilities = new double[model.Classes.Count];
        foreach (var row in rows)
            model.PredictRowProbabilities(row, probabilities);

        // A window of calls that allocates nothing shows the method does not allocate per call. Up to three windows are
        // tried, because the runtime itself may allocate once on this thread while it re-compiles a hot method (tiered
        // JIT), which is more likely when the machine is busy; an allocation per call shows in every window.
        var allocated = Allocations.LeastOfWindows(() =>
        {
            foreach (var row in rows)
                model.PredictRowProbabilities(row, probabilities);
        });

        Assert.True(allocated == 0, $"PredictRowProbabilities allocated at least {allocated} bytes in each of three windows of {3 * rows.Length} calls.");
    }
}
