using System.Globalization;
using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.Cli.Commands;

/// <summary>The columns of a predictions file resolved and checked for <c>kiln evaluate</c>: the task, and the metric inputs.</summary>
internal sealed class EvaluationInput
{
    /// <summary>A numeric target with more distinct whole-number values than this is inferred to be a regression target.</summary>
    public const int MaxClassesForInference = 20;

    public const string ProbabilityPrefix = "proba_";

    private const double SumTolerance = 1e-6;

    private EvaluationInput(ClassificationInput? classification, RegressionInput? regression, double[] weights)
    {
        Classification = classification;
        Regression = regression;
        Weights = weights;
    }

    public ClassificationInput? Classification { get; }

    public RegressionInput? Regression { get; }

    /// <summary>The sample weights, or empty.</summary>
    public double[] Weights { get; }

    public static EvaluationInput Resolve(Table table, string fileName, EvaluateOptions options, CliContext context)
    {
        if (table.RowCount == 0)
            throw new CliUsageException($"'{fileName}' has no data rows; evaluate needs at least one row of true values and predictions.");
        var columns = new ColumnFinder(table, fileName);
        var target = columns.Require(options.Target, "--target");
        var prediction = options.Prediction is { } predictionName
            ? columns.Require(predictionName, "--prediction")
            : columns.Find("prediction") ?? columns.Find("pred")
                ?? throw new CliUsageException($"'{fileName}' has no column named 'prediction' or 'pred'; name the column of predictions with --prediction. Available columns: {columns.Available}.");
        if (prediction.Name == target.Name)
            throw new CliUsageException($"The target and the prediction are the same column '{target.Name}'; pass the column of predictions with --prediction.");
        var weights = options.Weight is { } weightName ? ReadWeights(columns.Require(weightName, "--weight")) : [];
        var probabilityColumns = table.Columns.Where(column => column.Name.StartsWith(ProbabilityPrefix, StringComparison.Ordinal)).ToArray();

        var reason = "given by --task";
        var task = options.Task ?? InferTask(target, prediction, probabilityColumns, out reason);
        context.Log($"task: {task} ({reason})");

        if (task == "regression")
        {
            if (options.Positive is not null)
                throw new CliUsageException("--positive applies only to classification, but the task is regression.");
            if (probabilityColumns.Length > 0)
                context.Warn($"the probability columns ({string.Join(", ", probabilityColumns.Select(c => c.Name))}) are ignored for regression.");
            return new EvaluationInput(null, new RegressionInput(ReadNumbers(target, "target"), ReadNumbers(prediction, "prediction")), weights);
        }
        return new EvaluationInput(BuildClassification(target, prediction, probabilityColumns, options.Positive, context), null, weights);
    }

    private static string InferTask(Column target, Column prediction, Column[] probabilityColumns, out string reason)
    {
        if (probabilityColumns.Length > 0)
        {
            reason = $"inferred: {ProbabilityPrefix} columns are present; pass --task to override";
            return "classification";
        }
        if (target is not NumericColumn numericTarget)
        {
            reason = $"inferred: the target '{target.Name}' is not numeric; pass --task to override";
            return "classification";
        }
        if (HasFraction(numericTarget) || (prediction is NumericColumn numericPrediction && HasFraction(numericPrediction)))
        {
            reason = "inferred: the target or the prediction holds non-whole numbers; pass --task to override";
            return "regression";
        }
        var distinct = new HashSet<double>();
        foreach (var value in numericTarget.Values)
        {
            if (!double.IsNaN(value))
                distinct.Add(value);
        }
        if (distinct.Count > MaxClassesForInference)
        {
            reason = $"inferred: the target has {distinct.Count} distinct values, more than {MaxClassesForInference}; pass --task to override";
            return "regression";
        }
        reason = $"inferred: the target has {distinct.Count} distinct whole-number values; pass --task regression to override";
        return "classification";
    }

    private static bool HasFraction(NumericColumn column)
    {
        foreach (var value in column.Values)
        {
            if (double.IsFinite(value) && value != Math.Floor(value))
                return true;
        }
        return false;
    }

    private static ClassificationInput BuildClassification(Column target, Column prediction, Column[] probabilityColumns, string? positiveOption, CliContext context)
    {
        var trueLabels = ReadLabels(target, "target");
        var predictedLabels = ReadLabels(prediction, "prediction");
        var probabilityClasses = new Dictionary<string, Column>(StringComparer.Ordinal);
        foreach (var column in probabilityColumns)
        {
            var className = NormalizeLabel(column.Name[ProbabilityPrefix.Length..]);
            if (className.Length == 0)
                throw new CliUsageException($"Column '{column.Name}' has no class after '{ProbabilityPrefix}'; name probability columns {ProbabilityPrefix}<class>.");
            if (!probabilityClasses.TryAdd(className, column))
                throw new CliUsageException($"Columns '{probabilityClasses[className].Name}' and '{column.Name}' are both probabilities of class '{className}'; keep one.");
        }

        var classes = ClassLabels.Sort(trueLabels.Concat(predictedLabels).Concat(probabilityClasses.Keys).Distinct(StringComparer.Ordinal));
        var codeOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < classes.Length; i++)
            codeOf.Add(classes[i], i);
        var trueClasses = Array.ConvertAll(trueLabels, label => codeOf[label]);
        var predictedClasses = Array.ConvertAll(predictedLabels, label => codeOf[label]);

        int? positive = null;
        if (classes.Length == 2)
        {
            positive = 1;
            if (positiveOption is not null)
            {
                var positiveLabel = NormalizeLabel(positiveOption);
                positive = codeOf.TryGetValue(positiveLabel, out var code)
                    ? code
                    : throw new CliUsageException($"--positive '{positiveOption}' is not a class; the classes are {string.Join(", ", classes)}.");
            }
            context.Log($"positive class: {classes[positive.Value]}{(positiveOption is null ? " (the second class; pass --positive to choose)" : string.Empty)}");
        }
        else if (positiveOption is not null)
        {
            throw new CliUsageException($"--positive applies to two classes, but there are {classes.Length}: {string.Join(", ", classes)}.");
        }
        context.Log($"classes: {string.Join(", ", classes)}");

        var probabilities = probabilityClasses.Count == 0 ? [] : ReadProbabilities(probabilityClasses, classes, trueLabels.Length, context);
        return new ClassificationInput(classes, trueClasses, predictedClasses, probabilities, positive);
    }

    private static double[] ReadProbabilities(Dictionary<string, Column> columns, string[] classes, int rowCount, CliContext context)
    {
        var classCount = classes.Length;
        var values = new double[rowCount * classCount];
        if (classCount == 2 && columns.Count == 1)
        {
            // One column of a binary task: the other class's probability is its complement.
            var (className, column) = columns.Single();
            var given = Array.IndexOf(classes, className);
            var probabilities = ReadProbabilityColumn(column);
            for (var row = 0; row < rowCount; row++)
            {
                values[row * 2 + given] = probabilities[row];
                values[row * 2 + 1 - given] = 1 - probabilities[row];
            }
            return values;
        }
        var missing = classes.Where(name => !columns.ContainsKey(name)).ToArray();
        if (missing.Length > 0)
        {
            throw new CliUsageException(
                $"Probabilities are given for some classes but not for {string.Join(", ", missing.Select(name => $"'{name}'"))}; " +
                $"give a {ProbabilityPrefix}<class> column for every class ({string.Join(", ", classes)}), or none.");
        }
        for (var k = 0; k < classCount; k++)
        {
            var probabilities = ReadProbabilityColumn(columns[classes[k]]);
            for (var row = 0; row < rowCount; row++)
                values[row * classCount + k] = probabilities[row];
        }
        var offRows = 0;
        var firstOffRow = -1;
        var firstOffSum = 0.0;
        for (var row = 0; row < rowCount; row++)
        {
            var sum = 0.0;
            for (var k = 0; k < classCount; k++)
                sum += values[row * classCount + k];
            if (Math.Abs(sum - 1) > SumTolerance)
            {
                if (offRows++ == 0)
                {
                    firstOffRow = row;
                    firstOffSum = sum;
                }
            }
        }
        if (offRows > 0)
        {
            context.Warn(
                $"{offRows} row(s) of probabilities do not sum to 1 within {SumTolerance:G} (first: row {firstOffRow + 1} sums to {Format(firstOffSum)}). " +
                "As in scikit-learn, log loss divides each row by its sum, and ROC AUC refuses rows off by more than numpy.allclose allows.");
        }
        return values;
    }

    private static double[] ReadProbabilityColumn(Column column)
    {
        var values = new double[column.Length];
        for (var row = 0; row < values.Length; row++)
        {
            var text = column.FormatValue(row);
            if (text is null)
                throw new CliUsageException($"Column '{column.Name}' is empty in row {row + 1}; every row needs a probability.");
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value >= 0 && value <= 1))
                throw new CliUsageException($"Column '{column.Name}' holds '{text}' in row {row + 1}; probabilities must be numbers in [0, 1].");
            values[row] = value;
        }
        return values;
    }

    private static string[] ReadLabels(Column column, string role)
    {
        var labels = new string[column.Length];
        for (var row = 0; row < labels.Length; row++)
        {
            var text = column.FormatValue(row)
                ?? throw new CliUsageException($"The {role} column '{column.Name}' is empty in row {row + 1}; every row needs a true value and a prediction. Remove or fill such rows.");
            labels[row] = NormalizeLabel(text);
        }
        return labels;
    }

    private static double[] ReadNumbers(Column column, string role)
    {
        if (column is not NumericColumn numeric)
        {
            var example = Enumerable.Range(0, column.Length).Select(column.FormatValue).FirstOrDefault(text => text is not null && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            throw new CliUsageException($"The {role} column '{column.Name}' is not numeric{(example is null ? string.Empty : $" (it holds '{example}')")}; regression needs numbers. Pass --task classification for class labels.");
        }
        var values = numeric.Values.ToArray();
        for (var row = 0; row < values.Length; row++)
        {
            if (!double.IsFinite(values[row]))
                throw new CliUsageException($"The {role} column '{column.Name}' is {(double.IsNaN(values[row]) ? "empty" : Format(values[row]))} in row {row + 1}; every row needs a finite number. Remove or fill such rows.");
        }
        return values;
    }

    private static double[] ReadWeights(Column column)
    {
        if (column is not NumericColumn numeric)
            throw new CliUsageException($"The weight column '{column.Name}' is not numeric; sample weights must be non-negative numbers.");
        var values = numeric.Values.ToArray();
        for (var row = 0; row < values.Length; row++)
        {
            if (!double.IsFinite(values[row]) || values[row] < 0)
                throw new CliUsageException($"The weight column '{column.Name}' is {(double.IsNaN(values[row]) ? "empty" : Format(values[row]))} in row {row + 1}; sample weights must be finite and at least 0.");
        }
        return values;
    }

    /// <summary>Labels compare by value: a label that is a number is written the shortest round-trip way, so "1", "1.0" and "1e0" are one class.</summary>
    internal static string NormalizeLabel(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number.ToString("R", CultureInfo.InvariantCulture)
            : text;

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private sealed class ColumnFinder(Table table, string fileName)
    {
        public string Available => string.Join(", ", table.Schema.Names);

        public Column? Find(string name) => table.TryGetColumn(name, out var column) ? column : null;

        public Column Require(string name, string option) => Find(name)
            ?? throw new CliUsageException($"'{fileName}' has no column '{name}' (given by {option}). Available columns: {Available}.");
    }
}

/// <summary>Class codes, class names, probabilities and the positive class of a classification evaluation.</summary>
internal sealed record ClassificationInput(string[] Classes, int[] TrueClasses, int[] PredictedClasses, double[] Probabilities, int? PositiveClass);

/// <summary>True and predicted values of a regression evaluation.</summary>
internal sealed record RegressionInput(double[] TrueValues, double[] PredictedValues);
