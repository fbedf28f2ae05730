using System.Collections.ObjectModel;
using Kiln.Core.Data;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners.Linear;

/// <summary>A fitted <see cref="RidgeRegressor"/>: predicts b + Σⱼ βⱼ·xⱼ.</summary>
/// <remarks>A row with a missing (NaN) feature predicts NaN: the model does not impute. A workflow's preparation step imputes
/// before the model sees the row.</remarks>
public sealed class RidgeModel : IPredictor
{
    /// <summary>The model's kind in a bundle.</summary>
    public const string ModelKind = "ridge";

    private readonly LinearFunction _function;
    private readonly string[] _diagnostics;

    internal RidgeModel(RidgeOptions options, LinearFunction function, string[] diagnostics)
    {
        Options = options;
        _function = function;
        _diagnostics = diagnostics;
        Coefficients = new ReadOnlyCollection<double>(function.Coefficients.ToArray());
    }

    /// <summary>The hyperparameters the model was fitted with.</summary>
    public RidgeOptions Options { get; }

    /// <inheritdoc/>
    public Schema InputSchema => _function.InputSchema;

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <summary>The coefficient of each <see cref="InputSchema"/> column (scikit-learn's <c>coef_</c>).</summary>
    public IReadOnlyList<double> Coefficients { get; }

    /// <summary>The intercept; 0 when <see cref="RidgeOptions.FitIntercept"/> is off.</summary>
    public double Intercept => _function.Intercept;

    /// <summary>Findings about the fit that did not stop it (collinear features with α = 0); empty when there are none.</summary>
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
        writer.WriteJson("options", new RidgeState(Options.Alpha, Options.FitIntercept, _diagnostics));
        writer.WriteSchema("inputs", InputSchema);
        writer.WriteDoubles("coefficients", _function.Coefficients);
        writer.WriteDoubles("intercept", [Intercept]);
    }

    internal static RidgeModel Load(BundleReader reader)
    {
        var state = reader.ReadJson<RidgeState>("options");
        var options = new RidgeOptions { Alpha = state.Alpha, FitIntercept = state.FitIntercept };
        try
        {
            RidgeRegressor.Validate(options);
        }
        catch (ArgumentException exception)
        {
            throw reader.Invalid($"its options are not valid ({exception.Message})");
        }
        if (state.Diagnostics is null || Array.Exists(state.Diagnostics, line => line is null))
            throw reader.Invalid("the diagnostics are missing or hold null");
        var inputs = NumericInputs.Load(reader, requireColumns: true);
        var coefficients = reader.ReadFiniteDoubles("coefficients", inputs.Count);
        var intercept = reader.ReadFiniteDoubles("intercept", 1)[0];
        if (!state.FitIntercept && intercept != 0)
            throw reader.Invalid($"the model was fitted without an intercept, yet the intercept is {intercept}");
        return new RidgeModel(options, new LinearFunction(inputs, coefficients, intercept), state.Diagnostics);
    }
}
