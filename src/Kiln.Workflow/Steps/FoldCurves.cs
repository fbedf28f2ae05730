namespace Kiln.Workflow.Steps;

/// <summary>The training curves a candidate's learner recorded in one cross-validation fold.</summary>
/// <param name="Fold">The fold's index in its repeat, from 0.</param>
/// <param name="Repeat">The repeat's index, from 0.</param>
/// <param name="Curves">What the learner recorded.</param>
internal sealed record FoldCurves(int Fold, int Repeat, RecordedCurves Curves);
