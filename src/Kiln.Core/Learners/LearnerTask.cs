namespace Kiln.Core.Learners;

/// <summary>What a supervised learner predicts; a kiln.yaml learner name picks its variant by the task.</summary>
public enum LearnerTask
{
    /// <summary>A class label from a fixed set.</summary>
    Classification,

    /// <summary>A number.</summary>
    Regression,
}
