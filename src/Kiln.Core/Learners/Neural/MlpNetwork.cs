using System.Numerics.Tensors;
using Kiln.Core.Data;

namespace Kiln.Core.Learners.Neural;

// A fitted multi-layer perceptron: layer sizes (inputs, hidden layers, outputs) and every parameter in one array, the
// weights of each layer (fan-in × fan-out, row-major, scikit-learn's coefs_[l]) first, then the biases of each layer
// (its intercepts_[l]). Immutable once built, so one network serves any number of threads.
internal sealed class MlpNetwork
{
    // Single-row prediction keeps its two layer buffers on the stack up to this width; wider networks use a per-thread array.
    private const int StackWidth = 256;

    [ThreadStatic]
    private static double[]? t_rowBuffers;

    private readonly int[] _sizes;
    private readonly int[] _weightOffsets;
    private readonly int[] _biasOffsets;
    private readonly double[] _parameters;
    private readonly int _widest;

    public MlpNetwork(int[] sizes, MlpActivation hidden, MlpActivation output, double[] parameters)
    {
        _sizes = sizes;
        Hidden = hidden;
        Output = output;
        (_weightOffsets, _biasOffsets, var count) = Offsets(sizes);
        if (parameters.Length != count)
            throw new ArgumentException($"Layers {string.Join("-", sizes)} have {count} parameters; {parameters.Length} were given.", nameof(parameters));
        _parameters = parameters;
        _widest = sizes.Max();
    }

    public IReadOnlyList<int> Sizes => _sizes;

    public int LayerCount => _sizes.Length - 1;

    public int InputCount => _sizes[0];

    public int OutputCount => _sizes[^1];

    public MlpActivation Hidden { get; }

    public MlpActivation Output { get; }

    public ReadOnlySpan<double> Parameters => _parameters;

    // The number of parameters of layers `sizes` and where each layer's weights and biases start.
    public static (int[] WeightOffsets, int[] BiasOffsets, int Count) Offsets(IReadOnlyList<int> sizes)
    {
        var layers = sizes.Count - 1;
        var weightOffsets = new int[layers];
        var biasOffsets = new int[layers];
        var offset = 0L;
        for (var l = 0; l < layers; l++)
        {
            weightOffsets[l] = (int)offset;
            offset += (long)sizes[l] * sizes[l + 1];
            if (offset > Array.MaxLength)
                throw new ArgumentException($"Layers {string.Join("-", sizes)} need more than {Array.MaxLength} weights; use fewer or smaller layers.", nameof(sizes));
        }
        for (var l = 0; l < layers; l++)
        {
            biasOffsets[l] = (int)offset;
            offset += sizes[l + 1];
        }
        if (offset > Array.MaxLength)
            throw new ArgumentException($"Layers {string.Join("-", sizes)} need more than {Array.MaxLength} parameters; use fewer or smaller layers.", nameof(sizes));
        return (weightOffsets, biasOffsets, (int)offset);
    }

    public ReadOnlySpan<double> Weights(int layer) => _parameters.AsSpan(_weightOffsets[layer], _sizes[layer] * _sizes[layer + 1]);

    public ReadOnlySpan<double> Biases(int layer) => _parameters.AsSpan(_biasOffsets[layer], _sizes[layer + 1]);

    // The output layer's values for one row (probabilities or the regression value), without allocating. Batch prediction
    // calls this for each row, so single-row and batch results are the same bits.
    public void Evaluate(ReadOnlySpan<double> features, Span<double> outputs)
    {
        if (_widest <= StackWidth)
        {
            Span<double> buffers = stackalloc double[2 * StackWidth];
            Evaluate(features, outputs, buffers);
            return;
        }
        var rented = t_rowBuffers;
        if (rented is null || rented.Length < 2 * _widest)
            t_rowBuffers = rented = new double[2 * _widest];
        Evaluate(features, outputs, rented);
    }

    // Every row of `features`: outputs land row-major in `destination` (OutputCount values per row).
    public void EvaluateTable(Table features, Schema inputSchema, Span<double> destination)
    {
        var columns = FeatureColumns.Resolve(inputSchema, features);
        Span<double> row = _sizes[0] <= StackWidth ? stackalloc double[_sizes[0]] : new double[_sizes[0]];
        var width = OutputCount;
        for (var i = 0; i < features.RowCount; i++)
        {
            for (var j = 0; j < columns.Length; j++)
                row[j] = columns[j].Values[i];
            Evaluate(row, destination.Slice(i * width, width));
        }
    }

    private void Evaluate(ReadOnlySpan<double> features, Span<double> outputs, Span<double> buffers)
    {
        var input = buffers[.._widest];
        var next = buffers.Slice(_widest, _widest);
        features.CopyTo(input);
        for (var l = 0; l < LayerCount; l++)
        {
            var fanIn = _sizes[l];
            var fanOut = _sizes[l + 1];
            var sums = next[..fanOut];
            Biases(l).CopyTo(sums);
            var weights = Weights(l);
            for (var k = 0; k < fanIn; k++)
                TensorPrimitives.MultiplyAdd(weights.Slice(k * fanOut, fanOut), input[k], sums, sums);
            MlpFunctions.Activate(l == LayerCount - 1 ? Output : Hidden, sums, fanOut);
            var swap = input;
            input = next;
            next = swap;
        }
        input[..OutputCount].CopyTo(outputs);
    }
}
