using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Persistence;

namespace Kiln.Core.Preparation;

/// <summary>A fitted <see cref="StandardScaler"/>: a mean and a scale per column; <see cref="Transform"/> computes (x − mean) / scale.</summary>
/// <remarks>NaN stays NaN. Without <see cref="StandardScalerOptions.WithMean"/> the mean is not subtracted (it is still recorded); without <see cref="StandardScalerOptions.WithStd"/> every scale is 1.</remarks>
public sealed class StandardScalerModel : ITransformer
{
    /// <summary>The model's kind in a bundle.</summary>
    public const string ModelKind = "standard_scaler";

    private readonly double[] _means;
    private readonly double[] _scales;
    private readonly PreparationDiagnostic[] _diagnostics;

    internal StandardScalerModel(StandardScalerOptions options, Schema inputSchema, double[] means, double[] scales, PreparationDiagnostic[] diagnostics)
    {
        Options = options;
        InputSchema = inputSchema;
        _means = means;
        _scales = scales;
        _diagnostics = diagnostics;
    }

    /// <summary>The hyperparameters the model was fitted with.</summary>
    public StandardScalerOptions Options { get; }

    /// <inheritdoc/>
    public Schema InputSchema { get; }

    /// <inheritdoc/>
    public Schema OutputSchema => InputSchema;

    /// <inheritdoc/>
    public string Kind => ModelKind;

    /// <summary>Each column's training mean, in <see cref="IModel.InputSchema"/> order (scikit-learn's <c>mean_</c>).</summary>
    public IReadOnlyList<double> Means => _means;

    /// <summary>Each column's divisor, in <see cref="IModel.InputSchema"/> order: the standard deviation, or 1 for a constant column or without <see cref="StandardScalerOptions.WithStd"/> (scikit-learn's <c>scale_</c>).</summary>
    public IReadOnlyList<double> Scales => _scales;

    /// <summary>Findings of the fit, such as columns with no training value.</summary>
    public IReadOnlyList<PreparationDiagnostic> Diagnostics => _diagnostics;

    /// <inheritdoc/>
    public Table Transform(Table features)
    {
        var columns = PreparationInputs.Resolve(InputSchema, features, "scaler");
        var result = new Column[columns.Length];
        for (var j = 0; j < columns.Length; j++)
        {
            var values = ((NumericColumn)columns[j]).Values.ToArray();
            var mean = _means[j];
            var scale = _scales[j];
            for (var row = 0; row < values.Length; row++)
            {
                var value = values[row];
                if (Options.WithMean)
                    value -= mean;
                if (Options.WithStd)
                    value /= scale;
                values[row] = value;
            }
            result[j] = NumericColumn.FromOwned(columns[j].Name, values);
        }
        return Table.WithKnownSchema(result, OutputSchema);
    }

    /// <inheritdoc/>
    public void Save(BundleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("options", new StandardScalerState(Options.WithMean, Options.WithStd));
        writer.WriteSchema("inputs", InputSchema);
        writer.WriteDoubles("means", _means);
        writer.WriteDoubles("scales", _scales);
        writer.WriteJson("diagnostics", _diagnostics);
    }

    internal static StandardScalerModel Load(BundleReader reader)
    {
        var state = reader.ReadJson<StandardScalerState>("options");
        var options = new StandardScalerOptions { WithMean = state.WithMean, WithStd = state.WithStd };
        var inputs = PreparationInputs.LoadInputs(reader, kind => kind == ColumnKind.Numeric);
        var means = reader.ReadFiniteDoubles("means", inputs.Count);
        var scales = reader.ReadFiniteDoubles("scales", inputs.Count);
        for (var j = 0; j < scales.Length; j++)
        {
            if (!(scales[j] > 0))
                throw reader.Invalid($"the scale of column '{inputs[j].Name}' is {scales[j]}; scales are positive");
            if (!options.WithStd && scales[j] != 1)
                throw reader.Invalid($"the scale of column '{inputs[j].Name}' is {scales[j]}, but a scaler without with_std has scale 1");
        }
        return new StandardScalerModel(options, inputs, means, scales, PreparationInputs.LoadDiagnostics(reader));
    }
}
