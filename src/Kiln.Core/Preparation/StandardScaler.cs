using Kiln.Core.Data;
using Kiln.Core.Learners;

namespace Kiln.Core.Preparation;

/// <summary>Centres numeric columns on their training mean and divides them by their training standard deviation, as scikit-learn's <c>StandardScaler</c>.</summary>
/// <remarks>
/// <para>
/// The statistics come from the training set's rows only and leave missing values (NaN) out; NaN stays NaN in the output.
/// The variance is the population variance (ddof 0) of the corrected two-pass algorithm (Chan, Golub and LeVeque, 1983), summed
/// as NumPy sums, so the means and scales are scikit-learn's to the last bit. A column whose variance is within rounding of zero
/// (scikit-learn's test: var ≤ n·ε·var + (n·mean·ε)²) gets scale 1, as in scikit-learn. Sample weights are ignored.
/// </para>
/// <para>A column with no training value gets mean 0 and scale 1 (it passes through unchanged) and a diagnostic.</para>
/// </remarks>
public sealed class StandardScaler : IEstimator<StandardScalerModel>
{
    private const string Name = "StandardScaler";

    /// <summary>Creates the estimator.</summary>
    public StandardScaler(StandardScalerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>Creates the estimator with the defaults: centre and scale.</summary>
    public StandardScaler()
        : this(new StandardScalerOptions())
    {
    }

    /// <summary>The hyperparameters.</summary>
    public StandardScalerOptions Options { get; }

    /// <inheritdoc/>
    /// <exception cref="SchemaMismatchException">There is no feature column, or one is not numeric.</exception>
    /// <exception cref="DataFormatException">A training value is infinite.</exception>
    /// <exception cref="ArgumentException">The training set has no rows.</exception>
    public StandardScalerModel Fit(TrainingSet data, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        context.CancellationToken.ThrowIfCancellationRequested();
        var features = PreparationInputs.Features(data, Name, kind => kind == ColumnKind.Numeric, "numeric");
        var rows = PreparationInputs.TrainingRows(data, features.Select(column => column.Name));
        var means = new double[features.Length];
        var scales = new double[features.Length];
        var diagnostics = new List<PreparationDiagnostic>();
        for (var j = 0; j < features.Length; j++)
        {
            var column = (NumericColumn)rows[j];
            PreparationInputs.RequireFinite(data, column, Name);
            if (!Moments(column.Values, out var count, out means[j], out var variance))
            {
                diagnostics.Add(new PreparationDiagnostic(column.Name,
                    $"Column '{column.Name}' has no value in the {rows.RowCount} training rows; it is not scaled (mean 0, scale 1)."));
                means[j] = 0;
                scales[j] = 1;
                continue;
            }
            scales[j] = !Options.WithStd || IsConstant(variance, means[j], count) ? 1.0 : Math.Sqrt(variance);
        }
        return new StandardScalerModel(Options, new Schema(features), means, scales, [.. diagnostics]);
    }

    // scikit-learn's _incremental_mean_and_var from an empty start: sums with NaN counted as 0 (np.nansum), the mean
    // T = Σx / n, then Σ(x − T)² less the correction (Σ(x − T))² / n, over n.
    private static bool Moments(ReadOnlySpan<double> values, out int count, out double mean, out double variance)
    {
        var filled = new double[values.Length];
        count = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
                continue;
            filled[i] = values[i];
            count++;
        }
        mean = 0;
        variance = 0;
        if (count == 0)
            return false;
        mean = PairwiseSum.Sum(filled) / count;
        var squares = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
                continue;
            filled[i] = values[i] - mean;
            squares[i] = filled[i] * filled[i];
        }
        var correction = PairwiseSum.Sum(filled);
        var unnormalized = PairwiseSum.Sum(squares) - (correction * correction / count);
        variance = unnormalized / count;
        return true;
    }

    // scikit-learn's _is_constant_feature: the variance is indistinguishable from rounding noise.
    private static bool IsConstant(double variance, double mean, int count)
    {
        const double Epsilon = 2.220446049250313e-16;
        var bound = (count * Epsilon * variance) + ((count * mean * Epsilon) * (count * mean * Epsilon));
        return variance <= bound;
    }
}
