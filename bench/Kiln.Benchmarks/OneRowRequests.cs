using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Linear;
using Kiln.Core.Preparation;
using Kiln.Serving;

namespace Kiln.Benchmarks;

/// <summary>A logistic regression fitted on a CSV, served as <c>bench/1</c>, and every row of the CSV cut into a one-row request with its predictions and probabilities: what the prediction-log benchmarks write.</summary>
internal sealed class OneRowRequests
{
    private OneRowRequests(ServedModel served, (Table Row, double[] Predictions, double[] Probabilities)[] rows)
    {
        Served = served;
        Rows = rows;
    }

    public ServedModel Served { get; }

    public (Table Row, double[] Predictions, double[] Probabilities)[] Rows { get; }

    public static OneRowRequests From(string csv, string target)
    {
        var data = CsvTable.Read(csv);
        var labelled = data.WithRole(target, ColumnRole.Target);
        var model = new Pipeline(new ColumnPreparer(), new LogisticRegressionClassifier()).Fit(new TrainingSet(labelled, labelled[target]));
        var inputs = data.Select(model.InputSchema.Names);
        var rows = new (Table Row, double[] Predictions, double[] Probabilities)[inputs.RowCount];
        for (var row = 0; row < rows.Length; row++)
        {
            var one = inputs.Take([row]);
            rows[row] = (one, model.Predict(one), model.PredictProbabilities(one));
        }
        return new OneRowRequests(new ServedModel("bench", 1, ["bench/1"], model), rows);
    }
}
