using System.Buffers;
using System.Collections.ObjectModel;
using System.Numerics.Tensors;
using Kiln.Core.Data;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners.Linear;

/// <summary>A fitted <see cref="LogisticRegressionClassifier"/>: the coefficients and intercepts of its logits, and how the fit ended.</summary>
/// <remarks>
/// <para>With two classes there is one logit, the log-odds of <c>Classes[1]</c>: P(Classes[1]) = 1 / (1 + e^−z). With more,
/// there is one logit per class and the probabilities are their softmax. This is scikit-learn's <c>coef_</c> /
/// <c>intercept_</c> layout.</para>
/// <para>A row with a missing (NaN) or infinite feature gets NaN probabilities and a NaN prediction: the model does not
/// impute. A workflow's preparation step imputes before the model sees the row.</para>
/// </remarks>
public sealed class LogisticRegressionModel : IClassifierModel
{
    /// <summary>The model's kind in a bundle.</summary>
    public const string ModelKind = "logistic_regression";

    // Rows scored per block in batch prediction: the block's logits stay in cache while each column adds to them.
    private const int BlockRows = 1024;

    private readonly string[] _classes;
    private readonly double[] _coefficients;
    private readonly double[] _intercepts;
    private readonly int _featureCount;
    private readonly int _logitCount;
    private readonly string[] _diagnostics;

    internal LogisticRegressionModel(
        LogisticRegressionOptions options,
        Schema inputSchema,
        string[] classes,
        double[] coefficients,
        double[] intercepts,
        bool converged,
        int iterations,
        double loss,
        string[] diagnostics)
    {
        Options = options;
        InputSchema = inputSchema;
        _classes = classes;
        _coefficients = coefficients;
        _intercepts = intercepts;
        _featureCount = inputSchema.Count;
        _logitCount = intercepts.Length;
        _diagnostics = diagnostics;
        Converged = converged;
        IterationCount = iterations;
        Loss = loss;
        var rows = new ReadOnlyCollection<double>[_logitCount];
        for (var c = 0; c < rows.Length; c++)
            rows[c] = new ReadOnlyCollection<double>(coefficients[(c * _featureCount)..((c + 1) * _featureCount)]);
        Coefficients = new ReadOnlyCollection<IReadOnlyList<double>>(rows);
        Intercepts = new ReadOnlyCollection<double>((double[])intercepts.Clone());
    }

    /// <summary>The hyperparameters the model was fitted with.</summary>
    public LogisticRegressionOptions Options { get; }

    /// <inheritdoc/>
    public Schema InputSchema { get; }

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <inheritdoc/>
    public IReadOnlyList<string> Classes => _classes;

    /// <summary>The coefficients: one row per logit (one row for two classes, one per class otherwise; see the remarks), each with one value per <see cref="InputSchema"/> column.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Coefficients { get; }

    /// <summary>The intercept of each logit; all 0 when <see cref="LogisticRegressionOptions.FitIntercept"/> is off.</summary>
    public IReadOnlyList<double> Intercepts { get; }

    /// <summary>Whether L-BFGS met its tolerance (gradient or relative decrease) before <c>max_iter</c>.</summary>
    public bool Converged { get; }

    /// <summary>The number of L-BFGS iterations the fit took (scikit-learn's <c>n_iter_</c>).</summary>
    public int IterationCount { get; }

    /// <summary>The objective at the solution: Σ sᵢ · log-loss + ‖W‖² / (2C) over the training rows.</summary>
    public double Loss { get; }

    /// <summary>Findings about the fit that did not stop it, such as not converging within <c>max_iter</c>; empty when there are none.</summary>
    public IReadOnlyList<string> Diagnostics => _diagnostics;

    /// <inheritdoc/>
    /// <remarks>A row with a missing or infinite feature gets NaN.</remarks>
    public void Predict(Table features, Span<double> destination) => ClassPrediction.Predict(this, features, destination, missingGivesNaN: true);

    /// <inheritdoc/>
    /// <remarks>A row with a missing or infinite feature gets NaN.</remarks>
    public double PredictRow(ReadOnlySpan<double> features) => ClassPrediction.PredictRow(this, features, missingGivesNaN: true);

    /// <inheritdoc/>
    /// <remarks>A row with a missing or infinite feature gets NaN probabilities.</remarks>
    public void PredictProbabilities(Table features, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(features);
        var columns = FeatureColumns.Resolve(InputSchema, features);
        var classCount = _classes.Length;
        var rowCount = features.RowCount;
        NumericInputs.CheckDestination(rowCount, classCount, destination.Length);
        var block = ArrayPool<double>.Shared.Rent(_logitCount * BlockRows);
        try
        {
            for (var start = 0; start < rowCount; start += BlockRows)
            {
                var length = Math.Min(BlockRows, rowCount - start);
                // The logits of the block, one logit at a time: intercept, then each column's term in schema order (the
                // order PredictRowProbabilities adds them in, so both give the same bits).
                for (var c = 0; c < _logitCount; c++)
                {
                    var logits = block.AsSpan(c * BlockRows, length);
                    logits.Fill(_intercepts[c]);
                    for (var j = 0; j < _featureCount; j++)
                        TensorPrimitives.MultiplyAdd(columns[j].Values.Slice(start, length), _coefficients[(c * _featureCount) + j], logits, logits);
                }
                for (var i = 0; i < length; i++)
                {
                    var probabilities = destination.Slice((start + i) * classCount, classCount);
                    if (_logitCount == 1)
                    {
                        probabilities[0] = block[i];
                    }
                    else
                    {
                        for (var c = 0; c < _logitCount; c++)
                            probabilities[c] = block[(c * BlockRows) + i];
                    }
                    LogitsToProbabilities(probabilities);
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(block);
        }
    }

    /// <inheritdoc/>
    /// <remarks>A row with a missing or infinite feature gets NaN probabilities.</remarks>
    public void PredictRowProbabilities(ReadOnlySpan<double> features, Span<double> probabilities)
    {
        NumericInputs.CheckRow(InputSchema, features);
        ClassPrediction.CheckRowDestination(probabilities, _classes.Length);
        RowProbabilities(features, probabilities);
    }

    /// <inheritdoc/>
    public void Save(BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("options", new LogisticRegressionState(
            Options.InverseRegularization, Options.MaxIterations, Options.Tolerance, Options.FunctionTolerance, Options.FitIntercept, Options.ClassWeight));
        writer.WriteSchema("inputs", InputSchema);
        writer.WriteJson("classes", _classes);
        writer.WriteDoubles("coefficients", _coefficients);
        writer.WriteDoubles("intercepts", _intercepts);
        writer.WriteJson("fit", new LogisticRegressionFitState(Converged, IterationCount, Loss, _diagnostics));
    }

    internal static LogisticRegressionModel Load(BundleReader reader)
    {
        var state = reader.ReadJson<LogisticRegressionState>("options");
        var options = new LogisticRegressionOptions
        {
            InverseRegularization = state.InverseRegularization,
            MaxIterations = state.MaxIterations,
            Tolerance = state.Tolerance,
            FunctionTolerance = state.FunctionTolerance,
            FitIntercept = state.FitIntercept,
            ClassWeight = state.ClassWeight,
        };
        try
        {
            LogisticRegressionClassifier.Validate(options);
        }
        catch (ArgumentException exception)
        {
            throw reader.Invalid($"its options are not valid ({exception.Message})");
        }
        var inputs = NumericInputs.Load(reader, requireColumns: true);
        var classes = ClassPrediction.Load(reader, minimumCount: 2);
        var logitCount = classes.Length == 2 ? 1 : classes.Length;
        var coefficients = reader.ReadFiniteDoubles("coefficients", checked(logitCount * inputs.Count));
        var intercepts = reader.ReadFiniteDoubles("intercepts", logitCount);
        if (!options.FitIntercept && Array.Exists(intercepts, intercept => intercept != 0))
            throw reader.Invalid("the model was fitted without intercepts, yet an intercept is not 0");
        var fit = reader.ReadJson<LogisticRegressionFitState>("fit");
        if (fit.Iterations < 0 || fit.Iterations > options.MaxIterations || !double.IsFinite(fit.Loss) || fit.Diagnostics is null || Array.Exists(fit.Diagnostics, line => line is null))
            throw reader.Invalid($"the fit record is not valid ({fit.Iterations} iterations of at most {options.MaxIterations}, loss {fit.Loss}, diagnostics {(fit.Diagnostics is null ? "missing" : "present")})");
        return new LogisticRegressionModel(options, inputs, classes, coefficients, intercepts, fit.Converged, fit.Iterations, fit.Loss, fit.Diagnostics);
    }

    private void RowProbabilities(ReadOnlySpan<double> features, Span<double> probabilities)
    {
        for (var c = 0; c < _logitCount; c++)
        {
            var logit = _intercepts[c];
            var coefficients = _coefficients.AsSpan(c * _featureCount, _featureCount);
            for (var j = 0; j < coefficients.Length; j++)
                logit = (features[j] * coefficients[j]) + logit;
            probabilities[c] = logit;
        }
        LogitsToProbabilities(probabilities);
    }

    // Turns the logits in the first LogitCount slots into class probabilities, in place: the logistic function of the
    // one logit for two classes, the softmax (after subtracting the largest logit, so no exponential overflows) for more.
    private void LogitsToProbabilities(Span<double> values)
    {
        if (_logitCount == 1)
        {
            var logit = values[0];
            double positive;
            if (logit >= 0)
            {
                positive = 1 / (1 + Math.Exp(-logit));
            }
            else
            {
                var exponential = Math.Exp(logit);
                positive = exponential / (1 + exponential);
            }
            values[0] = 1 - positive;
            values[1] = positive;
            return;
        }
        var largest = values[0];
        for (var c = 1; c < values.Length; c++)
        {
            if (values[c] > largest)
                largest = values[c];
        }
        var sum = 0.0;
        for (var c = 0; c < values.Length; c++)
        {
            values[c] = Math.Exp(values[c] - largest);
            sum += values[c];
        }
        for (var c = 0; c < values.Length; c++)
            values[c] /= sum;
    }
}
