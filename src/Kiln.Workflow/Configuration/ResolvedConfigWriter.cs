using System.Globalization;
using Kiln.Core.Learners;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kiln.Workflow.Configuration;

/// <summary>Writes a <see cref="ResolvedConfig"/> as kiln.yaml: every default filled in, keys in a fixed order, a comment on top.</summary>
/// <remarks>
/// The key order is that of the kiln.yaml reference (name, namespace, job_name, data, target, ignore, task, metric, seed,
/// split, validation, candidates); each candidate lists every hyperparameter in declaration order. The data path is written
/// in full, so the file means the same wherever it is copied. <see cref="KilnYaml.Parse"/> reads the output back to the
/// same resolved configuration.
/// </remarks>
public static class ResolvedConfigWriter
{
    private static readonly string[] NullTokens = ["", "~", "null", "Null", "NULL"];

    /// <summary>The resolved configuration as kiln.yaml text.</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="header">Comment lines for the top (without '#'); <see langword="null"/> for the default, which says what the file is.</param>
    public static string ToYaml(ResolvedConfig config, IEnumerable<string>? header = null)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(config, writer, header);
        return writer.ToString();
    }

    /// <summary>Writes the resolved configuration as kiln.yaml text to <paramref name="writer"/>.</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="writer">Where to write; not closed.</param>
    /// <param name="header">Comment lines for the top (without '#'); <see langword="null"/> for the default, which says what the file is.</param>
    public static void Write(ResolvedConfig config, TextWriter writer, IEnumerable<string>? header = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var line in (header ?? DefaultHeader(config)).SelectMany(line => line.Split('\n')))
            writer.Write(line.Length == 0 ? "#\n" : $"# {line.TrimEnd('\r')}\n");

        var emitter = new Emitter(writer, new EmitterSettings().WithIndentedSequences().WithBestWidth(int.MaxValue).WithNewLine("\n"));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));

        Pair(emitter, "name", config.Name);
        Pair(emitter, "namespace", config.Namespace);
        if (config.JobName is { } jobName)
            Pair(emitter, "job_name", jobName);
        Scalar(emitter, "data");
        emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
        Pair(emitter, "path", config.Data.Path);
        Pair(emitter, "format", ConfigNames.Of(config.Data.Format));
        if (config.Data.Schema.Count > 0)
        {
            Scalar(emitter, "schema");
            emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
            foreach (var (column, kind) in config.Data.Schema.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                Pair(emitter, column, ConfigNames.Of(kind));
            emitter.Emit(new MappingEnd());
        }
        emitter.Emit(new MappingEnd());
        Pair(emitter, "target", config.Target);
        Scalar(emitter, "ignore");
        emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Flow));
        foreach (var column in config.Ignore)
            Scalar(emitter, column);
        emitter.Emit(new SequenceEnd());
        Pair(emitter, "task", ConfigNames.Of(config.Task));
        Pair(emitter, "metric", config.Metric);
        Pair(emitter, "seed", config.Seed.ToString(CultureInfo.InvariantCulture));

        Scalar(emitter, "split");
        emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Flow));
        Pair(emitter, "train", Number(config.Split.Train));
        Pair(emitter, "validation", Number(config.Split.Validation));
        Pair(emitter, "test", Number(config.Split.Test));
        emitter.Emit(new MappingEnd());

        var method = config.Validation.Method ?? throw new ArgumentException("The validation method of a resolved configuration is never null; use KilnConfig.Resolve.", nameof(config));
        Scalar(emitter, "validation");
        emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Flow));
        Pair(emitter, "method", ConfigNames.Of(method));
        if (method != ValidationMethod.Holdout)
        {
            Pair(emitter, "folds", config.Validation.Folds.ToString(CultureInfo.InvariantCulture));
            Pair(emitter, "repeats", config.Validation.Repeats.ToString(CultureInfo.InvariantCulture));
        }
        emitter.Emit(new MappingEnd());

        Scalar(emitter, "candidates");
        emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
        foreach (var candidate in config.Candidates)
        {
            if (candidate.Options.Count == 0)
            {
                Scalar(emitter, candidate.Name);
                continue;
            }
            emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
            Scalar(emitter, candidate.Name);
            emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
            foreach (var (name, value) in candidate.Options)
            {
                Scalar(emitter, name);
                Value(emitter, value);
            }
            emitter.Emit(new MappingEnd());
            emitter.Emit(new MappingEnd());
        }
        emitter.Emit(new SequenceEnd());

        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
    }

    private static IEnumerable<string> DefaultHeader(ResolvedConfig config)
    {
        yield return "kiln.yaml as resolved for this run: every default is filled in, so this file alone repeats the run.";
        if (config.TaskWasInferred)
            yield return $"The task was inferred from the target '{config.Target}'.";
    }

    private static void Pair(IEmitter emitter, string key, string value)
    {
        Scalar(emitter, key);
        Scalar(emitter, value);
    }

    private static void Value(IEmitter emitter, HyperparameterValue value)
    {
        if (value.IsNull)
        {
            emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
            return;
        }
        if (!value.IsList)
        {
            Scalar(emitter, value.Text!);
            return;
        }
        emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Flow));
        foreach (var item in value.Items)
            Value(emitter, item);
        emitter.Emit(new SequenceEnd());
    }

    /// <summary>A text scalar: plain when YAML reads it back as the same text, quoted when it would read as null.</summary>
    private static void Scalar(IEmitter emitter, string text)
    {
        var style = NullTokens.Contains(text, StringComparer.Ordinal) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
        emitter.Emit(new Scalar(null, null, text, style, isPlainImplicit: true, isQuotedImplicit: true));
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
