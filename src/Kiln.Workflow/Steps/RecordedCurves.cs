namespace Kiln.Workflow.Steps;

/// <summary>The training curves a learner recorded during one fit (see <see cref="Core.Learners.TrainingCurve"/>).</summary>
/// <param name="Curves">One curve per metric, sorted by name.</param>
/// <param name="BestStep">The step whose model the learner kept (early stopping), or <see langword="null"/>.</param>
internal sealed record RecordedCurves(IReadOnlyList<RecordedCurve> Curves, long? BestStep)
{
    /// <summary>Nothing recorded.</summary>
    public static RecordedCurves None { get; } = new([], null);

    /// <summary>Whether the learner recorded any curve or a best step.</summary>
    public bool IsEmpty => Curves.Count == 0 && BestStep is null;
}
