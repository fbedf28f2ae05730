using Kiln.Core.Learners;
using Kiln.Core.Learners.Neural;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Neural;

// Back-propagation against central finite differences of the loss on a tiny network, for every hidden activation and
// each output (softmax with log loss, logistic with binary log loss, identity with squared error), penalties included.
public sealed class MlpGradientTests
{
    private const double Step = 1e-6;

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var activation in new[] { MlpOptions.Relu, MlpOptions.Tanh, MlpOptions.Logistic, MlpOptions.Identity })
        {
            foreach (var output in new[] { "softmax", "logistic", "identity" })
                cases.Add(activation, output);
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LossAndGradients_TinyNetwork_MatchesFiniteDifferences(string activation, string output)
    {
        var data = output switch
        {
            "softmax" => Datasets.Blobs(rows: 12, seed: 3, classes: 3, featureCount: 3),
            "logistic" => Datasets.Blobs(rows: 12, seed: 3, classes: 2, featureCount: 3),
            _ => Datasets.Friedman1(rows: 12, seed: 3),
        };
        var classes = output == "identity" ? null : data.ClassLabels().Classes;
        var mlpData = MlpData.Create(data, null, classes, "the test");
        var options = new MlpOptions { Activation = activation, Alpha = 0.3, L1 = 0.05 };
        int[] hidden = [4, 3];
        var count = MlpNetwork.Offsets([mlpData.FeatureCount, .. hidden, mlpData.OutputCount]).Count;
        var random = new KilnRandom(17);
        var parameters = new double[count];
        for (var i = 0; i < count; i++)
        {
            // Away from zero, so the L1 term and relu's kink stay on one side within the finite-difference step.
            var magnitude = 0.1 + (0.5 * random.NextDouble());
            parameters[i] = random.NextDouble() < 0.5 ? -magnitude : magnitude;
        }
        var gradients = new double[count];

        MlpTrainer.LossAndGradients(options, hidden, mlpData, parameters, gradients);

        var scratch = new double[count];
        for (var i = 0; i < count; i++)
        {
            var shifted = (double[])parameters.Clone();
            shifted[i] = parameters[i] + Step;
            var above = MlpTrainer.LossAndGradients(options, hidden, mlpData, shifted, scratch);
            shifted[i] = parameters[i] - Step;
            var below = MlpTrainer.LossAndGradients(options, hidden, mlpData, shifted, scratch);
            var numeric = (above - below) / (2 * Step);
            var tolerance = 1e-6 * Math.Max(1, Math.Abs(numeric));
            Assert.True(Math.Abs(numeric - gradients[i]) <= tolerance,
                $"{activation} hidden, {output} output: parameter {i} has back-propagated gradient {gradients[i]:R}, finite difference {numeric:R}.");
        }
    }
}
