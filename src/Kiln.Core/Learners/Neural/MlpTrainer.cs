using System.Globalization;
using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using System.Text.Json;

namespace Kiln.Core.Learners.Neural;

// Minibatch training of a multi-layer perceptron as scikit-learn 1.2's _fit_stochastic does it: Glorot-uniform weights,
// forward pass, back-propagation of the loss (softmax or logistic log loss, or half the squared error) plus the L2 penalty,
// an sgd (momentum, Nesterov) or adam update per batch, and after each epoch the convergence rule on the training loss, or
// on the validation score with early stopping (keeping the best epoch's weights). Kiln adds an L1 penalty, inverted dropout
// on the hidden layers, training curves and resumable checkpoints.
internal sealed class MlpTrainer
{
    // scikit-learn's adaptive schedule stops instead of dividing the learning rate once it is this small.
    private const double SmallestAdaptiveRate = 1e-6;

    private readonly MlpOptions _options;
    private readonly FitContext _context;
    private readonly int[] _sizes;
    private readonly int[] _weightOffsets;
    private readonly int[] _biasOffsets;
    private readonly int _parameterCount;
    private readonly int _weightCount;
    private readonly MlpActivation _hidden;
    private readonly MlpActivation _output;
    private readonly MlpData _data;
    private readonly int _batchSize;
    private readonly int _layers;
    private readonly int _threads;
    private readonly bool _isAdam;
    private readonly bool _earlyStopping;

    // Per-batch buffers: each layer's outputs (before dropout), dropout masks and outputs after dropout, errors, gradients.
    private readonly double[] _batchFeatures;
    private readonly double[] _batchTargets;
    private readonly double[][] _outputs;
    private readonly double[]?[] _masks;
    private readonly double[]?[] _dropped;
    private readonly double[][] _errors;
    private readonly double[] _gradients;
    private readonly double[] _transposed;
    private double[] _parameters = [];

    private MlpTrainer(MlpOptions options, FitContext context, int[] hiddenSizes, MlpData data)
    {
        _options = options;
        _context = context;
        _data = data;
        _sizes = [data.FeatureCount, .. hiddenSizes, data.OutputCount];
        _layers = _sizes.Length - 1;
        (_weightOffsets, _biasOffsets, _parameterCount) = MlpNetwork.Offsets(_sizes);
        _weightCount = _biasOffsets[0];
        _hidden = MlpFunctions.Parse(options.Activation);
        _output = data.Output;
        _batchSize = Math.Clamp(options.BatchSize ?? 200, 1, data.RowCount);
        _threads = Math.Max(1, context.MaxDegreeOfParallelism);
        _isAdam = options.Solver == MlpOptions.Adam;
        _earlyStopping = options.EarlyStopping && data.ValidationRowCount > 0;
        _batchFeatures = new double[_batchSize * data.FeatureCount];
        _batchTargets = new double[_batchSize * data.OutputCount];
        _outputs = new double[_layers + 1][];
        _masks = new double[_layers + 1][];
        _dropped = new double[_layers + 1][];
        _errors = new double[_layers][];
        var widest = 0;
        for (var l = 1; l <= _layers; l++)
        {
            _outputs[l] = new double[_batchSize * _sizes[l]];
            if (l < _layers && options.Dropout > 0)
            {
                _masks[l] = new double[_batchSize * _sizes[l]];
                _dropped[l] = new double[_batchSize * _sizes[l]];
            }
            _errors[l - 1] = new double[_batchSize * _sizes[l]];
            widest = Math.Max(widest, _sizes[l - 1] * _sizes[l]);
        }
        _outputs[0] = [];
        _gradients = new double[_parameterCount];
        _transposed = new double[widest];
    }

    // Fits the network; `initialParameters` replaces the random initial weights (a test hook for comparing with
    // scikit-learn from the same start).
    public static MlpFitResult Fit(MlpOptions options, FitContext context, int[] hiddenSizes, MlpData data, double[]? initialParameters)
    {
        var trainer = new MlpTrainer(options, context, hiddenSizes, data);
        return trainer.Run(initialParameters);
    }

    // The hidden layer sizes of "64,32"; throws naming the option when the text is not a list of positive integers.
    public static int[] ParseHiddenLayerSizes(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new ArgumentException("HiddenLayerSizes (hidden_layer_sizes) is empty; give the neurons of each hidden layer, comma-separated, such as \"100\" or \"64,32\".", nameof(text));
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var sizes = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1 || sizes[i] > 100_000)
            {
                throw new ArgumentException(
                    $"HiddenLayerSizes (hidden_layer_sizes) is \"{text}\", and layer {i + 1} ('{parts[i]}') is not a whole number from 1 to 100000. Give the neurons of each hidden layer, comma-separated, such as \"100\" or \"64,32\".",
                    nameof(text));
            }
        }
        return sizes;
    }

    private MlpFitResult Run(double[]? initialParameters)
    {
        var state = FreshState(initialParameters);
        var stamp = _context.Checkpoints is null ? null : Stamp();
        if (_context.Checkpoints is { } store && store.TryLoadLatest(out var step, out var saved))
            state = MlpCheckpoint.Read(saved, step, stamp!, state, _data.ValidationRowCount > 0);
        _parameters = state.Parameters;
        var rowCount = _data.RowCount;
        var order = new int[rowCount];
        var converged = false;
        while (state.Epoch < _options.MaxIter && !converged)
        {
            _context.CancellationToken.ThrowIfCancellationRequested();
            var epoch = state.Epoch + 1;
            for (var i = 0; i < rowCount; i++)
                order[i] = i;
            if (_options.Shuffle)
                state.Random.Shuffle(order.AsSpan());
            var accumulatedLoss = 0.0;
            for (var start = 0; start < rowCount; start += _batchSize)
            {
                _context.CancellationToken.ThrowIfCancellationRequested();
                var rows = Math.Min(_batchSize, rowCount - start);
                accumulatedLoss += TrainBatch(state, order.AsSpan(start, rows)) * rows;
            }
            var loss = accumulatedLoss / rowCount;
            state.LossCurve.Add(loss);
            state.Epoch = epoch;
            _context.Record(TrainingCurve.Train("loss"), epoch, loss);
            if (_data.ValidationRowCount > 0)
            {
                var (validationLoss, score) = Validate();
                state.ValidationLosses.Add(validationLoss);
                state.ValidationScores.Add(score);
                _context.Record(TrainingCurve.Validation("loss"), epoch, validationLoss);
                _context.Record(TrainingCurve.Validation(_data.IsClassification ? "accuracy" : "r2"), epoch, score);
            }
            UpdateNoImprovementCount(state, epoch);
            if (!_isAdam && _options.LearningRate == MlpOptions.InvScaling)
                state.LearningRate = _options.LearningRateInit / Math.Pow(((double)epoch * rowCount) + 1, _options.PowerT);
            if (state.NoImprovementCount > _options.NIterNoChange)
            {
                if (!_isAdam && _options.LearningRate == MlpOptions.Adaptive && state.LearningRate > SmallestAdaptiveRate)
                {
                    state.LearningRate /= 5;
                    state.NoImprovementCount = 0;
                }
                else
                {
                    converged = true;
                }
            }
            _context.Report("epoch", epoch, _options.MaxIter);
            if (!converged && _options.CheckpointEvery > 0 && epoch % _options.CheckpointEvery == 0 && _context.Checkpoints is { } checkpoints && epoch < _options.MaxIter)
                checkpoints.Save(epoch, MlpCheckpoint.Write(stamp!, state));
        }
        var diagnostics = new List<string>();
        if (!converged)
            diagnostics.Add($"The fit ran all {_options.MaxIter} epochs (max_iter) without meeting its stopping rule (tol {_options.Tol} over {_options.NIterNoChange} epochs); more epochs or a larger learning rate may improve it.");
        var parameters = state.Parameters;
        int? bestEpoch = null;
        if (_earlyStopping && state.BestParameters is not null && state.BestEpoch > 0)
        {
            parameters = state.BestParameters;
            bestEpoch = state.BestEpoch;
            TrainingCurve.RecordBestStep(_context, state.BestEpoch);
        }
        var network = new MlpNetwork(_sizes, _hidden, _output, (double[])parameters.Clone());
        return new MlpFitResult(network, [.. state.LossCurve], [.. state.ValidationLosses], [.. state.ValidationScores], state.Epoch, bestEpoch, converged, [.. diagnostics]);
    }

    private MlpTrainingState FreshState(double[]? initialParameters)
    {
        double[] parameters;
        if (initialParameters is not null)
        {
            if (initialParameters.Length != _parameterCount)
                throw new ArgumentException($"The initial parameters hold {initialParameters.Length} values; layers {string.Join("-", _sizes)} have {_parameterCount}.", nameof(initialParameters));
            parameters = (double[])initialParameters.Clone();
        }
        else
        {
            parameters = InitialParameters();
        }
        return new MlpTrainingState
        {
            Epoch = 0,
            Parameters = parameters,
            Velocity = _isAdam ? null : new double[_parameterCount],
            FirstMoment = _isAdam ? new double[_parameterCount] : null,
            SecondMoment = _isAdam ? new double[_parameterCount] : null,
            AdamStep = 0,
            LearningRate = _options.LearningRateInit,
            Random = new KilnRandom(Seeds.Derive(_options.Seed, 2)),
            BestLoss = double.PositiveInfinity,
            BestScore = double.NegativeInfinity,
            NoImprovementCount = 0,
            BestEpoch = 0,
            BestParameters = _earlyStopping ? new double[_parameterCount] : null,
            LossCurve = [],
            ValidationLosses = [],
            ValidationScores = [],
        };
    }

    // Glorot and Bengio (2010) uniform weights with scikit-learn's bound √(f / (fan_in + fan_out)), f = 2 for logistic
    // hidden layers and 6 otherwise (applied to every layer, the output layer included), each layer's weights drawn before
    // its biases.
    private double[] InitialParameters()
    {
        var random = new KilnRandom(Seeds.Derive(_options.Seed, 0));
        var parameters = new double[_parameterCount];
        var factor = _hidden == MlpActivation.Logistic ? 2.0 : 6.0;
        for (var l = 0; l < _layers; l++)
        {
            var bound = Math.Sqrt(factor / (_sizes[l] + _sizes[l + 1]));
            Uniform(parameters.AsSpan(_weightOffsets[l], _sizes[l] * _sizes[l + 1]), bound, random);
            Uniform(parameters.AsSpan(_biasOffsets[l], _sizes[l + 1]), bound, random);
        }
        return parameters;
    }

    private static void Uniform(Span<double> values, double bound, KilnRandom random)
    {
        for (var i = 0; i < values.Length; i++)
            values[i] = ((2 * random.NextDouble()) - 1) * bound;
    }

    // One minibatch: forward, loss, back-propagation, optimizer step. Returns the batch's mean loss with the penalties.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double TrainBatch(MlpTrainingState state, ReadOnlySpan<int> batch)
    {
        var rows = batch.Length;
        var featureCount = _data.FeatureCount;
        var outputCount = _data.OutputCount;
        ReadOnlyMemory<double> input;
        ReadOnlyMemory<double> targets;
        if (_options.Shuffle)
        {
            for (var r = 0; r < rows; r++)
            {
                _data.Features.AsSpan(batch[r] * featureCount, featureCount).CopyTo(_batchFeatures.AsSpan(r * featureCount));
                _data.Targets.AsSpan(batch[r] * outputCount, outputCount).CopyTo(_batchTargets.AsSpan(r * outputCount));
            }
            input = _batchFeatures.AsMemory(0, rows * featureCount);
            targets = _batchTargets.AsMemory(0, rows * outputCount);
        }
        else
        {
            input = _data.Features.AsMemory(batch[0] * featureCount, rows * featureCount);
            targets = _data.Targets.AsMemory(batch[0] * outputCount, rows * outputCount);
        }
        var loss = LossAndGradients(input, targets, rows, state.Random);
        if (_isAdam)
            AdamStep(state);
        else
            SgdStep(state);
        return loss;
    }

    // The mean loss of a gradient-check batch (every row of `data`, no dropout) at `parameters`, with its gradient.
    internal static double LossAndGradients(MlpOptions options, int[] hiddenSizes, MlpData data, double[] parameters, double[] gradients)
    {
        var trainer = new MlpTrainer(options with { BatchSize = data.RowCount, Dropout = 0 }, FitContext.None, hiddenSizes, data)
        {
            _parameters = parameters,
        };
        var loss = trainer.LossAndGradients(data.Features, data.Targets, data.RowCount, random: null);
        trainer._gradients.CopyTo(gradients, 0);
        return loss;
    }

    // Forward pass, loss with penalties, and back-propagation into _gradients for one batch.
    private double LossAndGradients(ReadOnlyMemory<double> input, ReadOnlyMemory<double> targets, int rows, KilnRandom? random)
    {
        Forward(input, rows, random);
        var predicted = _outputs[_layers].AsSpan(0, rows * _data.OutputCount);
        var loss = MlpFunctions.Loss(_output, predicted, targets.Span, rows);
        var weights = _parameters.AsSpan(0, _weightCount);
        loss += 0.5 * _options.Alpha * TensorPrimitives.SumOfSquares(weights) / rows;
        if (_options.L1 > 0)
            loss += _options.L1 * TensorPrimitives.SumOfMagnitudes(weights) / rows;
        Backward(input, targets.Span, rows);
        return loss;
    }

    // Each layer's outputs for `rows` rows of `input`; `random` draws dropout masks, or null for inference.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Forward(ReadOnlyMemory<double> input, int rows, KilnRandom? random)
    {
        var current = input;
        for (var l = 0; l < _layers; l++)
        {
            var fanIn = _sizes[l];
            var fanOut = _sizes[l + 1];
            var sums = _outputs[l + 1].AsMemory(0, rows * fanOut);
            var biases = _parameters.AsSpan(_biasOffsets[l], fanOut);
            for (var r = 0; r < rows; r++)
                biases.CopyTo(sums.Span.Slice(r * fanOut, fanOut));
            MatrixMultiply.MultiplyAdd(current, fanIn, 1, _parameters.AsMemory(_weightOffsets[l], fanIn * fanOut), fanOut, sums, fanOut, rows, fanIn, fanOut, _threads);
            var isOutput = l == _layers - 1;
            MlpFunctions.Activate(isOutput ? _output : _hidden, sums.Span, fanOut);
            current = sums;
            if (!isOutput && random is not null && _options.Dropout > 0)
                current = Drop(l + 1, rows * fanOut, random);
        }
    }

    // Inverted dropout on hidden layer `layer`: each output is zeroed with probability `dropout` and the others scaled by
    // 1 / (1 − dropout), so the expected output is unchanged and prediction needs no rescaling.
    private ReadOnlyMemory<double> Drop(int layer, int count, KilnRandom random)
    {
        var mask = _masks[layer]!.AsSpan(0, count);
        var dropped = _dropped[layer]!.AsSpan(0, count);
        var keep = 1 / (1 - _options.Dropout);
        for (var i = 0; i < count; i++)
            mask[i] = random.NextDouble() < _options.Dropout ? 0 : keep;
        TensorPrimitives.Multiply(_outputs[layer].AsSpan(0, count), mask, dropped);
        return _dropped[layer].AsMemory(0, count);
    }

    // Back-propagation of the mean batch loss into _gradients (weights, then biases, as the parameters are laid out).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Backward(ReadOnlyMemory<double> input, ReadOnlySpan<double> targets, int rows)
    {
        Array.Clear(_gradients);
        var last = _layers - 1;
        // Softmax with log loss, logistic with binary log loss and identity with squared error all give output − target.
        TensorPrimitives.Subtract(_outputs[_layers].AsSpan(0, rows * _sizes[_layers]), targets, _errors[last].AsSpan(0, rows * _sizes[_layers]));
        for (var l = last; l >= 0; l--)
        {
            var fanIn = _sizes[l];
            var fanOut = _sizes[l + 1];
            var errors = _errors[l].AsMemory(0, rows * fanOut);
            var layerInput = l == 0 ? input : (_dropped[l] ?? _outputs[l]).AsMemory(0, rows * fanIn);
            // Weight gradient: inputᵀ · errors, reading the input transposed through the strides.
            MatrixMultiply.MultiplyAdd(layerInput, 1, fanIn, errors, fanOut, _gradients.AsMemory(_weightOffsets[l], fanIn * fanOut), fanOut, fanIn, rows, fanOut, _threads);
            var biasGradient = _gradients.AsSpan(_biasOffsets[l], fanOut);
            for (var r = 0; r < rows; r++)
                TensorPrimitives.Add(biasGradient, errors.Span.Slice(r * fanOut, fanOut), biasGradient);
            if (l == 0)
                continue;
            var weights = _parameters.AsSpan(_weightOffsets[l], fanIn * fanOut);
            var transposed = _transposed.AsSpan(0, fanIn * fanOut);
            for (var k = 0; k < fanIn; k++)
            {
                for (var j = 0; j < fanOut; j++)
                    transposed[(j * fanIn) + k] = weights[(k * fanOut) + j];
            }
            var previous = _errors[l - 1].AsMemory(0, rows * fanIn);
            previous.Span.Clear();
            MatrixMultiply.MultiplyAdd(errors, fanOut, 1, _transposed.AsMemory(0, fanIn * fanOut), fanIn, previous, fanIn, rows, fanOut, fanIn, _threads);
            MlpFunctions.MultiplyDerivative(_hidden, _outputs[l].AsSpan(0, rows * fanIn), previous.Span);
            if (_masks[l] is { } mask)
                TensorPrimitives.Multiply(previous.Span, mask.AsSpan(0, rows * fanIn), previous.Span);
        }
        var weightGradients = _gradients.AsSpan(0, _weightCount);
        var weightValues = _parameters.AsSpan(0, _weightCount);
        if (_options.Alpha > 0)
            TensorPrimitives.MultiplyAdd(weightValues, _options.Alpha, weightGradients, weightGradients);
        if (_options.L1 > 0)
        {
            for (var i = 0; i < weightValues.Length; i++)
                weightGradients[i] += _options.L1 * Math.Sign(weightValues[i]);
        }
        TensorPrimitives.Divide(_gradients, rows, _gradients);
    }

    // scikit-learn's SGDOptimizer: v ← μ·v − η·g, then w ← w + v, or with Nesterov w ← w + μ·v − η·g.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SgdStep(MlpTrainingState state)
    {
        var velocity = state.Velocity!;
        var momentum = _options.Momentum;
        var rate = state.LearningRate;
        var nesterov = _options.NesterovsMomentum;
        for (var i = 0; i < _parameters.Length; i++)
        {
            var gradient = _gradients[i];
            var updated = (momentum * velocity[i]) - (rate * gradient);
            velocity[i] = updated;
            _parameters[i] += nesterov ? (momentum * updated) - (rate * gradient) : updated;
        }
    }

    // scikit-learn's AdamOptimizer: moments with bias correction folded into the step size.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AdamStep(MlpTrainingState state)
    {
        var first = state.FirstMoment!;
        var second = state.SecondMoment!;
        var beta1 = _options.Beta1;
        var beta2 = _options.Beta2;
        var epsilon = _options.Epsilon;
        state.AdamStep++;
        var rate = _options.LearningRateInit * Math.Sqrt(1 - Math.Pow(beta2, state.AdamStep)) / (1 - Math.Pow(beta1, state.AdamStep));
        state.LearningRate = rate;
        for (var i = 0; i < _parameters.Length; i++)
        {
            var gradient = _gradients[i];
            var m = (beta1 * first[i]) + ((1 - beta1) * gradient);
            var v = (beta2 * second[i]) + ((1 - beta2) * (gradient * gradient));
            first[i] = m;
            second[i] = v;
            _parameters[i] += -rate * m / (Math.Sqrt(v) + epsilon);
        }
    }

    // The loss (without penalties) and score (accuracy or R²) on the validation rows, evaluated in batches without dropout.
    private (double Loss, double Score) Validate()
    {
        var featureCount = _data.FeatureCount;
        var outputCount = _data.OutputCount;
        var rowCount = _data.ValidationRowCount;
        var lossSum = 0.0;
        var correct = 0;
        var residual = 0.0;
        for (var start = 0; start < rowCount; start += _batchSize)
        {
            var rows = Math.Min(_batchSize, rowCount - start);
            Forward(_data.ValidationFeatures.AsMemory(start * featureCount, rows * featureCount), rows, random: null);
            var predicted = _outputs[_layers].AsSpan(0, rows * outputCount);
            for (var r = 0; r < rows; r++)
            {
                var row = predicted.Slice(r * outputCount, outputCount);
                if (_data.IsClassification)
                {
                    var code = _data.ValidationCodes[start + r];
                    var (probability, best) = outputCount == 1
                        ? (code switch { 1 => row[0], 0 => 1 - row[0], _ => 0 }, row[0] > 1 - row[0] ? 1 : 0)
                        : (code >= 0 ? row[code] : 0, (int)TensorPrimitives.IndexOfMax(row));
                    lossSum -= Math.Log(Math.Clamp(probability, MlpFunctions.ProbabilityFloor, 1 - MlpFunctions.ProbabilityFloor));
                    if (best == code)
                        correct++;
                }
                else
                {
                    var difference = _data.ValidationValues[start + r] - row[0];
                    residual += difference * difference;
                }
            }
        }
        if (_data.IsClassification)
            return (lossSum / rowCount, correct / (double)rowCount);
        var spread = _data.ValidationSpread;
        var score = spread > 0 ? 1 - (residual / spread) : residual == 0 ? 1.0 : 0.0;
        return (residual / rowCount / 2, score);
    }

    private void UpdateNoImprovementCount(MlpTrainingState state, int epoch)
    {
        if (_earlyStopping)
        {
            var score = state.ValidationScores[^1];
            state.NoImprovementCount = score < state.BestScore + _options.Tol ? state.NoImprovementCount + 1 : 0;
            if (score > state.BestScore)
            {
                state.BestScore = score;
                state.BestEpoch = epoch;
                _parameters.CopyTo(state.BestParameters!, 0);
            }
        }
        else
        {
            var loss = state.LossCurve[^1];
            state.NoImprovementCount = loss > state.BestLoss - _options.Tol ? state.NoImprovementCount + 1 : 0;
            if (loss < state.BestLoss)
                state.BestLoss = loss;
        }
    }

    private MlpCheckpointStamp Stamp()
    {
        var options = JsonSerializer.Serialize(MlpState.From(_options with { CheckpointEvery = 0 }));
        var shape = string.Create(CultureInfo.InvariantCulture,
            $"{(_data.IsClassification ? "classification" : "regression")}, layers {string.Join("-", _sizes)}, {_data.RowCount} fitting rows, {_data.ValidationRowCount} validation rows, features {string.Join(", ", _data.FeatureNames)}{(_data.Classes.Length > 0 ? $", classes {string.Join(", ", _data.Classes)}" : "")}");
        return new MlpCheckpointStamp(options, shape, _data.Checksum());
    }
}
