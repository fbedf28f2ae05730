using Kiln.Core.Metrics;

namespace Kiln.Workflow.Steps;

/// <summary>A model's predictions for some rows and every metric of the task on them.</summary>
/// <param name="Rows">The rows scored, indices into <see cref="ModelingData.Table"/>.</param>
/// <param name="Predicted">One value per row: the regression value, or the class code into <see cref="ModelingData.Labels"/>.</param>
/// <param name="Probabilities">Row-major probabilities over every class of the data (classification), or <see langword="null"/>.</param>
/// <param name="Report">Every metric of the task.</param>
internal sealed record ScoredRows(int[] Rows, double[] Predicted, double[]? Probabilities, MetricReport Report);
