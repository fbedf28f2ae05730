using Kiln.Core.Learners.Boosting;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Boosting;

// Three classes: the multinomial loss, three trees per stage.
public sealed class GradientBoostingClassifierContract : ClassifierContract<GradientBoostingClassifier, GradientBoostingClassifierModel>
{
    protected override GradientBoostingClassifier Create(ulong seed) => new(new GradientBoostingClassifierOptions { NEstimators = 10, Seed = seed });
}
