using Kiln.Core.Learners.Linear;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Linear;

// Three classes: the multinomial (softmax) model.
public sealed class LogisticRegressionMultinomialContract : ClassifierContract<LogisticRegressionClassifier, LogisticRegressionModel>
{
    protected override LogisticRegressionClassifier Create(ulong seed) => new(new LogisticRegressionOptions());
}
