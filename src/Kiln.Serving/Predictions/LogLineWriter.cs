using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Kiln.Core.Data;
using Kiln.Serving.Routing;

namespace Kiln.Serving.Predictions;

/// <summary>
/// Formats the prediction log's lines for its one background writer: one <see cref="Utf8JsonWriter"/> reset per line into
/// one reused buffer, member names encoded once (the fixed ones statically, a served model's input and class names once
/// per <see cref="ServedModel"/>), the time formatted straight to UTF-8. The bytes are those of a fresh
/// <see cref="Utf8JsonWriter"/> with default options writing the same members with string names.
/// </summary>
internal sealed class LogLineWriter : IDisposable
{
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText TimeName = JsonEncodedText.Encode("time");
    private static readonly JsonEncodedText ModelName = JsonEncodedText.Encode("model");
    private static readonly JsonEncodedText VersionName = JsonEncodedText.Encode("version");
    private static readonly JsonEncodedText RoleName = JsonEncodedText.Encode("role");
    private static readonly JsonEncodedText LatencyName = JsonEncodedText.Encode("latency_us");
    private static readonly JsonEncodedText InputsName = JsonEncodedText.Encode("inputs");
    private static readonly JsonEncodedText PredictionName = JsonEncodedText.Encode("prediction");
    private static readonly JsonEncodedText ProbabilitiesName = JsonEncodedText.Encode("probabilities");
    private static readonly JsonEncodedText ActualName = JsonEncodedText.Encode("actual");

    private readonly ArrayBufferWriter<byte> _line = new(4096);
    private readonly Utf8JsonWriter _json;
    private readonly ConditionalWeakTable<ServedModel, EncodedModel> _models = [];
    private readonly byte[] _time = new byte[64];
    private int _timeLength;
    private DateTimeOffset _timeOf = DateTimeOffset.MinValue;

    public LogLineWriter() => _json = new Utf8JsonWriter(_line);

    /// <summary>The line (with its line feed) of row <paramref name="row"/> of <paramref name="batch"/>; valid until the next call.</summary>
    public ReadOnlySpan<byte> Prediction(PredictionBatch batch, int row)
    {
        var model = Encoded(batch.Model);
        var json = Begin();
        json.WriteStartObject();
        json.WriteString(IdName, batch.Ids[row]);
        json.WriteString(TimeName, Time(batch.Time));
        json.WriteString(ModelName, model.Name);
        json.WriteNumber(VersionName, batch.Model.Version);
        json.WriteString(RoleName, model.Role);
        json.WriteNumber(LatencyName, batch.LatencyMicroseconds);
        json.WriteStartObject(InputsName);
        var columns = batch.Inputs.Columns;
        for (var index = 0; index < columns.Count; index++)
        {
            var column = columns[index];
            var name = model.InputName(index, column.Name);
            if (column.IsMissing(row))
                json.WriteNull(name);
            else if (column is NumericColumn numbers)
                json.WriteNumber(name, numbers[row]);
            else
                json.WriteString(name, column.FormatValue(row));
        }
        json.WriteEndObject();
        if (model.Classes is not { } classes)
        {
            json.WriteNumber(PredictionName, batch.Predictions[row]);
        }
        else
        {
            json.WriteString(PredictionName, classes[(int)batch.Predictions[row]]);
            if (batch.Probabilities is { } probabilities)
            {
                json.WriteStartObject(ProbabilitiesName);
                var offset = row * classes.Length;
                for (var k = 0; k < classes.Length; k++)
                    json.WriteNumber(classes[k], probabilities[offset + k]);
                json.WriteEndObject();
            }
        }
        json.WriteEndObject();
        return End();
    }

    /// <summary>The line (with its line feed) of feedback entry <paramref name="entry"/> of <paramref name="batch"/>; valid until the next call.</summary>
    public ReadOnlySpan<byte> Feedback(FeedbackBatch batch, FeedbackEntry entry)
    {
        var json = Begin();
        json.WriteStartObject();
        json.WriteString(IdName, entry.Id);
        json.WriteString(TimeName, Time(batch.Time));
        json.WriteString(ModelName, batch.Model);
        json.WriteNumber(VersionName, entry.Version);
        if (entry.Label is { } label)
            json.WriteString(ActualName, label);
        else
            json.WriteNumber(ActualName, entry.Value);
        json.WriteEndObject();
        return End();
    }

    public void Dispose() => _json.Dispose();

    private Utf8JsonWriter Begin()
    {
        _line.ResetWrittenCount();
        _json.Reset();
        return _json;
    }

    private ReadOnlySpan<byte> End()
    {
        _json.Flush();
        _line.Write("\n"u8);
        return _line.WrittenSpan;
    }

    // The round-trip ("O") form of the UTC time, as the string overload would write it; a batch's rows share it.
    private ReadOnlySpan<byte> Time(DateTimeOffset time)
    {
        if (time != _timeOf)
        {
            if (!time.UtcDateTime.TryFormat(_time, out _timeLength, "O", System.Globalization.CultureInfo.InvariantCulture))
                throw new InvalidOperationException($"The time {time:O} does not fit the log's {_time.Length}-byte time buffer.");
            _timeOf = time;
        }
        return _time.AsSpan(0, _timeLength);
    }

    private EncodedModel Encoded(ServedModel model)
    {
        if (!_models.TryGetValue(model, out var encoded))
        {
            encoded = new EncodedModel(model);
            _models.AddOrUpdate(model, encoded);
        }
        return encoded;
    }

    /// <summary>A served model's names, encoded once.</summary>
    private sealed class EncodedModel
    {
        private readonly string[] _inputs;
        private readonly JsonEncodedText[] _encodedInputs;

        public EncodedModel(ServedModel model)
        {
            Name = JsonEncodedText.Encode(model.Name);
            Role = JsonEncodedText.Encode(RoleNames.Of(model.Role));
            _inputs = [.. model.Inputs.Names];
            _encodedInputs = [.. _inputs.Select(name => JsonEncodedText.Encode(name))];
            Classes = model.Classes is { } classes ? [.. classes.Select(name => JsonEncodedText.Encode(name))] : null;
        }

        public JsonEncodedText Name { get; }

        public JsonEncodedText Role { get; }

        public JsonEncodedText[]? Classes { get; }

        // The request's columns are the model's inputs in order; a column that is not (by name) is encoded as it comes.
        public JsonEncodedText InputName(int index, string name) =>
            index < _inputs.Length && string.Equals(_inputs[index], name, StringComparison.Ordinal) ? _encodedInputs[index] : JsonEncodedText.Encode(name);
    }
}
