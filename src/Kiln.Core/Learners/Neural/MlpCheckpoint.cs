using System.Text;

namespace Kiln.Core.Learners.Neural;

// The checkpoint format of MLP fits: a versioned binary record of MlpTrainingState, stamped with the fit's options and data
// so that a checkpoint is only ever resumed by the fit that wrote it.
internal static class MlpCheckpoint
{
    public const int FormatVersion = 1;

    private static readonly byte[] Magic = "KILNMLP\0"u8.ToArray();

    public static byte[] Write(MlpCheckpointStamp stamp, MlpTrainingState state)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(stamp.Options);
            writer.Write(stamp.Shape);
            writer.Write(stamp.DataChecksum);
            writer.Write(state.Epoch);
            writer.Write(state.LearningRate);
            writer.Write(state.AdamStep);
            WriteArray(writer, state.Parameters);
            WriteOptional(writer, state.Velocity);
            WriteOptional(writer, state.FirstMoment);
            WriteOptional(writer, state.SecondMoment);
            writer.Write(state.Random.SaveState());
            writer.Write(state.BestLoss);
            writer.Write(state.BestScore);
            writer.Write(state.NoImprovementCount);
            writer.Write(state.BestEpoch);
            WriteOptional(writer, state.BestParameters);
            WriteArray(writer, [.. state.LossCurve]);
            WriteArray(writer, [.. state.ValidationLosses]);
            WriteArray(writer, [.. state.ValidationScores]);
        }
        return stream.ToArray();
    }

    // Reads a checkpoint saved at `step`, and refuses it unless it was written by a fit with `expected`'s options and data
    // and holds state of the expected sizes.
    public static MlpTrainingState Read(ReadOnlySpan<byte> bytes, long step, MlpCheckpointStamp expected, MlpTrainingState fresh, bool hasValidation)
    {
        try
        {
            using var stream = new MemoryStream(bytes.ToArray(), writable: false);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                throw Refused(step, "it is not an MLP checkpoint (its first bytes are not the MLP checkpoint header)");
            var version = reader.ReadInt32();
            if (version != FormatVersion)
                throw Refused(step, $"it has format version {version}, and this Kiln reads version {FormatVersion}");
            var options = reader.ReadString();
            if (options != expected.Options)
                throw Refused(step, $"it was saved by a fit with other options ({options}); this fit has {expected.Options}");
            var shape = reader.ReadString();
            if (shape != expected.Shape)
                throw Refused(step, $"it was saved by a fit on other data ({shape}); this fit has {expected.Shape}");
            var checksum = reader.ReadUInt64();
            if (checksum != expected.DataChecksum)
                throw Refused(step, $"it was saved by a fit on other values of the same shape (data checksum {checksum:x16}; this fit's is {expected.DataChecksum:x16})");
            var epoch = reader.ReadInt32();
            if (epoch != step || epoch < 1)
                throw Refused(step, $"it holds epoch {epoch}, but the store saved it as step {step}");
            var state = new MlpTrainingState
            {
                Epoch = epoch,
                LearningRate = reader.ReadDouble(),
                AdamStep = reader.ReadInt64(),
                Parameters = ReadArray(reader, fresh.Parameters.Length, "parameters", step),
                Velocity = ReadOptional(reader, fresh.Velocity, "velocities", step),
                FirstMoment = ReadOptional(reader, fresh.FirstMoment, "first moments", step),
                SecondMoment = ReadOptional(reader, fresh.SecondMoment, "second moments", step),
                Random = KilnRandom.FromState(reader.ReadBytes(KilnRandom.StateSize)),
                BestLoss = reader.ReadDouble(),
                BestScore = reader.ReadDouble(),
                NoImprovementCount = reader.ReadInt32(),
                BestEpoch = reader.ReadInt32(),
                BestParameters = ReadOptional(reader, fresh.BestParameters, "best parameters", step),
                LossCurve = [.. ReadArray(reader, epoch, "training losses", step)],
                ValidationLosses = [.. ReadArray(reader, hasValidation ? epoch : 0, "validation losses", step)],
                ValidationScores = [.. ReadArray(reader, hasValidation ? epoch : 0, "validation scores", step)],
            };
            if (stream.Position != stream.Length)
                throw Refused(step, $"it has {stream.Length - stream.Position} bytes after the state");
            if (state.AdamStep < 0 || !(state.LearningRate > 0) || state.NoImprovementCount < 0 || state.BestEpoch < 0 || state.BestEpoch > epoch)
                throw Refused(step, "its optimizer or early-stopping counters are out of range");
            return state;
        }
        catch (EndOfStreamException exception)
        {
            throw new KilnException($"The MLP checkpoint at step {step} is truncated, so the fit cannot resume from it. Clear the checkpoint store to start over.", exception);
        }
        catch (ArgumentException exception)
        {
            throw new KilnException($"The MLP checkpoint at step {step} is corrupt ({exception.Message}), so the fit cannot resume from it. Clear the checkpoint store to start over.", exception);
        }
    }

    private static KilnException Refused(long step, string reason) =>
        new($"The checkpoint store holds a checkpoint at step {step} that this MLP fit cannot resume: {reason}. Clear the checkpoint store (or give this fit its own), or fit with the options and data that saved it.");

    private static void WriteArray(BinaryWriter writer, ReadOnlySpan<double> values)
    {
        writer.Write(values.Length);
        foreach (var value in values)
            writer.Write(value);
    }

    private static void WriteOptional(BinaryWriter writer, double[]? values)
    {
        writer.Write(values is not null);
        if (values is not null)
            WriteArray(writer, values);
    }

    private static double[] ReadArray(BinaryReader reader, int expectedLength, string what, long step)
    {
        var length = reader.ReadInt32();
        if (length != expectedLength)
            throw Refused(step, $"it holds {length} {what} where this fit has {expectedLength}");
        var values = new double[length];
        for (var i = 0; i < length; i++)
            values[i] = reader.ReadDouble();
        return values;
    }

    private static double[]? ReadOptional(BinaryReader reader, double[]? fresh, string what, long step)
    {
        var present = reader.ReadBoolean();
        if (present != fresh is not null)
            throw Refused(step, $"it {(present ? "holds" : "lacks")} {what}, which this fit {(present ? "does not keep" : "needs")}");
        return present ? ReadArray(reader, fresh!.Length, what, step) : null;
    }
}
