using System.Numerics.Tensors;

namespace Kiln.Core.Learners.Linear;

// scikit-learn's objective for LogisticRegression with lbfgs:
//     f(θ) = Σᵢ sᵢ · ℓ(yᵢ, zᵢ) + ‖W‖² / (2C),   zᵢ = W·xᵢ + b,
// with sᵢ the sample weight times the class weight, the intercepts b not penalised, and ℓ either the binomial log
// loss of one logit (two classes: ℓ = log(1 + e^z) − y·z with y ∈ {0, 1}) or the multinomial one of k logits
// (ℓ = log Σ_c e^{z_c} − z_y). Both are evaluated without overflow: log(1 + e^z) = max(z, 0) + log1p(e^{−|z|}) and
// log Σ e^{z_c} = m + log Σ e^{z_c − m} with m = max_c z_c.
// Parameters: one block per logit, its feature weights then (with an intercept) its intercept. The features are one
// column-major array, so each logit is built by vector multiply-adds over whole columns and each gradient component
// is one dot product.
internal sealed class LogisticObjective
{
    private readonly double[] _features;
    private readonly int _rows;
    private readonly int _featureCount;
    private readonly int _logitCount;
    private readonly bool _fitIntercept;
    private readonly int[] _codes;
    private readonly double[] _targets;
    private readonly double[] _weights;
    private readonly double _penalty;
    private readonly double[] _logits;
    private readonly double[] _rowMaximum;
    private readonly double[] _rowScratch;

    public LogisticObjective(double[] features, int rows, int featureCount, ReadOnlySpan<int> codes, int classCount, bool fitIntercept, double[] weights, double inverseRegularization)
    {
        _features = features;
        _rows = rows;
        _featureCount = featureCount;
        _logitCount = classCount == 2 ? 1 : classCount;
        _fitIntercept = fitIntercept;
        _codes = codes.ToArray();
        _weights = weights;
        _penalty = 1 / inverseRegularization;
        _targets = new double[rows];
        for (var i = 0; i < rows; i++)
            _targets[i] = _codes[i] == 1 ? 1 : 0;
        _logits = new double[(long)_logitCount * rows];
        _rowMaximum = new double[rows];
        _rowScratch = new double[rows];
    }

    public int Stride => _featureCount + (_fitIntercept ? 1 : 0);

    public int LogitCount => _logitCount;

    public int ParameterCount => _logitCount * Stride;

    public double Evaluate(ReadOnlySpan<double> parameters, Span<double> gradient)
    {
        for (var c = 0; c < _logitCount; c++)
        {
            var block = parameters.Slice(c * Stride, Stride);
            var logits = Logits(c);
            logits.Fill(_fitIntercept ? block[_featureCount] : 0);
            for (var j = 0; j < _featureCount; j++)
                TensorPrimitives.MultiplyAdd(Feature(j), block[j], logits, logits);
        }
        // After this, each logit row holds its residuals sᵢ · (pᵢ_c − [yᵢ = c]).
        var loss = _logitCount == 1 ? BinomialLossAndResiduals() : MultinomialLossAndResiduals();
        var squaredWeights = 0.0;
        for (var c = 0; c < _logitCount; c++)
        {
            var block = parameters.Slice(c * Stride, Stride);
            var blockGradient = gradient.Slice(c * Stride, Stride);
            var residuals = Logits(c);
            for (var j = 0; j < _featureCount; j++)
                blockGradient[j] = TensorPrimitives.Dot(Feature(j), residuals) + (_penalty * block[j]);
            if (_fitIntercept)
                blockGradient[_featureCount] = TensorPrimitives.Sum<double>(residuals);
            squaredWeights += TensorPrimitives.SumOfSquares(block[.._featureCount]);
        }
        return loss + (0.5 * _penalty * squaredWeights);
    }

    private Span<double> Logits(int logit) => _logits.AsSpan(logit * _rows, _rows);

    private ReadOnlySpan<double> Feature(int j) => _features.AsSpan(j * _rows, _rows);

    private double BinomialLossAndResiduals()
    {
        var logits = Logits(0);
        var softplus = _rowScratch.AsSpan();
        var product = _rowMaximum.AsSpan();
        // log(1 + e^z) − y·z = max(z, 0) + log1p(e^{−|z|}) − y·z
        TensorPrimitives.Abs<double>(logits, softplus);
        TensorPrimitives.Negate<double>(softplus, softplus);
        TensorPrimitives.Exp<double>(softplus, softplus);
        TensorPrimitives.LogP1<double>(softplus, softplus);
        TensorPrimitives.Max(logits, 0.0, product);
        TensorPrimitives.Add<double>(softplus, product, softplus);
        TensorPrimitives.Multiply<double>(_targets, logits, product);
        TensorPrimitives.Subtract<double>(softplus, product, softplus);
        var loss = TensorPrimitives.Dot<double>(_weights, softplus);
        // Residuals sᵢ · (σ(zᵢ) − yᵢ), in place of the logits.
        TensorPrimitives.Sigmoid<double>(logits, logits);
        TensorPrimitives.Subtract<double>(logits, _targets, logits);
        TensorPrimitives.Multiply<double>(logits, _weights, logits);
        return loss;
    }

    private double MultinomialLossAndResiduals()
    {
        var maximum = _rowMaximum.AsSpan();
        Logits(0).CopyTo(maximum);
        for (var c = 1; c < _logitCount; c++)
            TensorPrimitives.Max(maximum, Logits(c), maximum);
        // Σᵢ sᵢ (mᵢ − z_{i,yᵢ}) now, while the logits are still there; Σᵢ sᵢ log Σ_c e^{z_c − mᵢ} below.
        var loss = 0.0;
        for (var i = 0; i < _rows; i++)
            loss += _weights[i] * (maximum[i] - _logits[(_codes[i] * _rows) + i]);
        var sum = _rowScratch.AsSpan();
        sum.Clear();
        for (var c = 0; c < _logitCount; c++)
        {
            var exponentials = Logits(c);
            TensorPrimitives.Subtract<double>(exponentials, maximum, exponentials);
            TensorPrimitives.Exp<double>(exponentials, exponentials);
            TensorPrimitives.Add<double>(sum, exponentials, sum);
        }
        for (var c = 0; c < _logitCount; c++)
        {
            var residuals = Logits(c);
            TensorPrimitives.Divide<double>(residuals, sum, residuals);
            TensorPrimitives.Multiply<double>(residuals, _weights, residuals);
        }
        for (var i = 0; i < _rows; i++)
            _logits[(_codes[i] * _rows) + i] -= _weights[i];
        TensorPrimitives.Log<double>(sum, sum);
        return loss + TensorPrimitives.Dot<double>(_weights, sum);
    }
}
