namespace Kiln.Core.Learners.Neural;

// Everything a stochastic fit carries from one epoch to the next; a checkpoint is this state after `Epoch` epochs, and a
// fit resumed from it continues exactly as the uninterrupted fit would have.
internal sealed class MlpTrainingState
{
    public required int Epoch { get; set; }

    public required double[] Parameters { get; init; }

    // sgd's velocities, or null for adam.
    public required double[]? Velocity { get; init; }

    // adam's first and second moments, or null for sgd.
    public required double[]? FirstMoment { get; init; }

    public required double[]? SecondMoment { get; init; }

    // adam's update count (its t).
    public required long AdamStep { get; set; }

    // sgd's current learning rate (the schedule's state).
    public required double LearningRate { get; set; }

    // The generator of the shuffles and dropout masks.
    public required KilnRandom Random { get; set; }

    public required double BestLoss { get; set; }

    public required double BestScore { get; set; }

    public required int NoImprovementCount { get; set; }

    // The epoch whose weights early stopping keeps, 0 before the first, and those weights (null without early stopping).
    public required int BestEpoch { get; set; }

    public required double[]? BestParameters { get; init; }

    public required List<double> LossCurve { get; init; }

    public required List<double> ValidationLosses { get; init; }

    public required List<double> ValidationScores { get; init; }
}
