using Kiln.Core.Learners.Trees;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Trees;

public sealed class DecisionTreeClassifierBestFirstContract : ClassifierContract<DecisionTreeClassifier, DecisionTreeClassifierModel>
{
    protected override DecisionTreeClassifier Create(ulong seed) => new(new DecisionTreeClassifierOptions { MaxLeafNodes = 7, MaxFeatures = "sqrt", Seed = seed });
}
