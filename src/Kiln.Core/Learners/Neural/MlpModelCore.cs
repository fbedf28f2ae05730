using Kiln.Core.Data;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners.Neural;

// What both MLP models hold and how they save and load it: options, inputs, the network and the fit record.
internal sealed class MlpModelCore
{
    public MlpModelCore(MlpOptions options, Schema inputSchema, MlpNetwork network, MlpFitRecord fit)
    {
        Options = options;
        InputSchema = inputSchema;
        Network = network;
        Fit = fit;
    }

    public MlpOptions Options { get; }

    public Schema InputSchema { get; }

    public MlpNetwork Network { get; }

    public MlpFitRecord Fit { get; }

    public static MlpModelCore Create(MlpOptions options, Schema inputSchema, MlpFitResult result) => new(
        options,
        inputSchema,
        result.Network,
        new MlpFitRecord(result.Epochs, result.Converged, result.BestEpoch, result.LossCurve, result.ValidationScores, result.Diagnostics));

    public void Save(BundleWriter writer)
    {
        writer.WriteJson("options", MlpState.From(Options));
        writer.WriteSchema("inputs", InputSchema);
        writer.WriteInt32s("layers", [.. Network.Sizes]);
        writer.WriteDoubles("parameters", Network.Parameters);
        writer.WriteJson("fit", Fit);
    }

    // Reads the parts both models share; `outputs` is the output layer's width the model's classes or task need.
    public static MlpModelCore Load(BundleReader reader, Func<Schema, int> outputs, MlpActivation output)
    {
        var options = reader.ReadJson<MlpState>("options").ToOptions();
        int[] hidden;
        try
        {
            hidden = MlpFit.Validate(options);
        }
        catch (ArgumentException exception)
        {
            throw reader.Invalid($"its options are not valid ({exception.Message})");
        }
        var inputs = NumericInputs.Load(reader, requireColumns: true);
        int[] expected = [inputs.Count, .. hidden, outputs(inputs)];
        var layers = reader.ReadInt32s("layers");
        if (!layers.SequenceEqual(expected))
            throw reader.Invalid($"its layers are {string.Join("-", layers)}, where its inputs, hidden_layer_sizes and outputs give {string.Join("-", expected)}");
        var count = MlpNetwork.Offsets(layers).Count;
        var parameters = reader.ReadFiniteDoubles("parameters", count);
        var fit = reader.ReadJson<MlpFitRecord>("fit");
        if (fit.Epochs < 1 || fit.Epochs > options.MaxIter || fit.LossCurve is null || fit.LossCurve.Length != fit.Epochs
            || fit.ValidationScores is null || (fit.ValidationScores.Length != 0 && fit.ValidationScores.Length != fit.Epochs)
            || fit.BestEpoch is < 1 || fit.BestEpoch > fit.Epochs || fit.Diagnostics is null || Array.Exists(fit.Diagnostics, line => line is null))
        {
            throw reader.Invalid($"the fit record is not valid ({fit.Epochs} epochs of at most {options.MaxIter}, best epoch {fit.BestEpoch})");
        }
        var network = new MlpNetwork(layers, MlpFunctions.Parse(options.Activation), output, parameters);
        return new MlpModelCore(options, inputs, network, fit);
    }
}
