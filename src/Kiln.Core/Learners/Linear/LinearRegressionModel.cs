using System.Collections.ObjectModel;
using Kiln.Core.Data;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners.Linear;

/// <summary>A fitted <see cref="LinearRegressor"/>: predicts b + Σⱼ βⱼ·xⱼ.</summary>
/// <remarks>A row with a missing (NaN) feature predicts NaN: the model does not impute. A workflow's preparation step imputes
/// before the model sees the row.</remarks>
public sealed class LinearRegressionModel : IPredictor
{
    /// <summary>The model's kind in a bundle.</summary>
    public const string ModelKind = "linear_regression";

    private readonly LinearFunction _function;
    private readonly string[] _diagnostics;

    internal LinearRegressionModel(LinearRegressionOptions options, LinearFunction function, int rank, string[] diagnostics)
    {
        Options = options;
        _function = function;
        _diagnostics = diagnostics;
        Rank = rank;
        Coefficients = new ReadOnlyCollection<double>(function.Coefficients.ToArray());
    }

    /// <summary>The hyperparameters the model was fitted with.</summary>
    public LinearRegressionOptions Options { get; }

    /// <inheritdoc/>
    public Schema InputSchema => _function.InputSchema;

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <summary>The coefficient of each <see cref="InputSchema"/> column (scikit-learn's <c>coef_</c>).</summary>
    public IReadOnlyList<double> Coefficients { get; }

    /// <summary>The intercept; 0 when <see cref="LinearRegressionOptions.FitIntercept"/> is off.</summary>
    public double Intercept => _function.Intercept;

    /// <summary>The numerical rank of the (centred, weighted) design matrix (scikit-learn's <c>rank_</c>); below the column count when features are collinear.</summary>
    public int Rank { get; }

    /// <summary>Findings about the fit that did not stop it, such as collinear features; empty when there are none.</summary>
    public IReadOnlyList<string> Diagnostics => _diagnostics;

    /// <inheritdoc/>
    /// <remarks>A row with a missing or infinite feature gets NaN (or an infinity).</remarks>
    public void Predict(Table features, Span<double> destination) => _function.Predict(features, destination);

    /// <inheritdoc/>
    /// <remarks>A row with a missing or infinite feature gets NaN (or an infinity).</remarks>
    public double PredictRow(ReadOnlySpan<double> features) => _function.PredictRow(features);

    /// <inheritdoc/>
    public void Save(BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("options", new LinearRegressionState(Options.FitIntercept, Rank, _diagnostics));
        writer.WriteSchema("inputs", InputSchema);
        writer.WriteDoubles("coefficients", _function.Coefficients);
        writer.WriteDoubles("intercept", [Intercept]);
    }

    internal static LinearRegressionModel Load(BundleReader reader)
    {
        var state = reader.ReadJson<LinearRegressionState>("options");
        var inputs = NumericInputs.Load(reader, requireColumns: true);
        var coefficients = reader.ReadFiniteDoubles("coefficients", inputs.Count);
        var intercept = reader.ReadFiniteDoubles("intercept", 1)[0];
        if (!state.FitIntercept && intercept != 0)
            throw reader.Invalid($"the model was fitted without an intercept, yet the intercept is {intercept}");
        if (state.Rank < 0 || state.Rank > inputs.Count || state.Diagnostics is null || Array.Exists(state.Diagnostics, line => line is null))
            throw reader.Invalid($"the fit record is not valid (rank {state.Rank} for {inputs.Count} columns, diagnostics {(state.Diagnostics is null ? "missing" : "present")})");
        var options = new LinearRegressionOptions { FitIntercept = state.FitIntercept };
        return new LinearRegressionModel(options, new LinearFunction(inputs, coefficients, intercept), state.Rank, state.Diagnostics);
    }
}
