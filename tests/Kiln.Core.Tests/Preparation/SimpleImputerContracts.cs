using Kiln.Core.Learners;
using Kiln.Core.Preparation;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Preparation;

public sealed class SimpleImputerMeanContract : TransformerContract<SimpleImputer, SimpleImputerModel>
{
    protected override SimpleImputer Create() => new(new SimpleImputerOptions { Strategy = SimpleImputerOptions.Mean });

    protected override TrainingSet TrainingData() => Numeric(base.TrainingData());

    internal static TrainingSet Numeric(TrainingSet data)
    {
        var table = data.Features.Select([.. PreparationData.NumericColumns, PreparationData.Target]);
        return new TrainingSet(table, data.Target).Rows(data.RowIndices);
    }
}

public sealed class SimpleImputerMedianContract : TransformerContract<SimpleImputer, SimpleImputerModel>
{
    protected override SimpleImputer Create() => new(new SimpleImputerOptions { Strategy = SimpleImputerOptions.Median });

    protected override TrainingSet TrainingData() => SimpleImputerMeanContract.Numeric(base.TrainingData());
}

public sealed class SimpleImputerMostFrequentContract : TransformerContract<SimpleImputer, SimpleImputerModel>
{
    protected override SimpleImputer Create() => new(new SimpleImputerOptions { Strategy = SimpleImputerOptions.MostFrequent });
}

public sealed class SimpleImputerConstantContract : TransformerContract<SimpleImputer, SimpleImputerModel>
{
    protected override SimpleImputer Create() => new(new SimpleImputerOptions { Strategy = SimpleImputerOptions.Constant, FillValue = -1, FillCategory = "unknown" });
}
