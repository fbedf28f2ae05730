using System.Globalization;
using Kiln.Core;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Metrics;
using Kiln.Tracking;
using Kiln.Workflow.Store;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Kiln.Workflow.Configuration;

/// <summary>Reads kiln.yaml text into a <see cref="KilnConfig"/>, naming the line and key of the first problem.</summary>
/// <remarks>
/// YamlDotNet's representation model gives every node its line and column. Its loader recurses once per nesting level, so the
/// text is first walked with the (iterative) event parser and refused when it nests deeper than any kiln.yaml does: a hostile
/// file must not overflow the stack.
/// </remarks>
internal sealed class KilnYamlReader
{
    public const int MaxCharacters = 1 << 20;
    private const int MaxDepth = 16;

    private static readonly string[] TopKeys = ["name", "namespace", "job_name", "environment", "data", "target", "ignore", "task", "metric", "seed", "split", "validation", "candidates"];
    private static readonly string[] DataKeys = ["path", "format", "schema"];
    private static readonly string[] SplitKeys = ["train", "validation", "test"];
    private static readonly string[] ValidationKeys = ["method", "folds", "repeats"];
    private static readonly string[] NullTokens = ["", "~", "null", "Null", "NULL"];
    private static readonly (string Name, RunEnvironment Value)[] EnvironmentChoices =
        [("develop", RunEnvironment.Develop), ("production", RunEnvironment.Production)];

    private readonly string _file;
    private readonly string _baseDirectory;
    private readonly Dictionary<string, SourceLocation> _locations = new(StringComparer.Ordinal);

    public KilnYamlReader(string file, string baseDirectory)
    {
        _file = file;
        _baseDirectory = baseDirectory;
    }

    public KilnConfig Read(string text)
    {
        if (text.Length > MaxCharacters)
            throw Fail(null, null, $"the file has {text.Length} characters; a kiln.yaml has at most {MaxCharacters}. Is this the right file?");
        var root = LoadRoot(text);

        string? name = null, ns = null, jobName = null, target = null, metric = null;
        RunEnvironment? environment = null;
        DataSource? data = null;
        IReadOnlyList<string> ignore = [];
        LearnerTask? task = null;
        var seed = KilnConfig.DefaultSeed;
        var split = SplitFractions.Default;
        var validation = ValidationSettings.Default;
        IReadOnlyList<CandidateConfig>? candidates = null;

        foreach (var (keyNode, value) in root.Children)
        {
            var key = Key(keyNode, null, TopKeys);
            Remember(key, value);
            switch (key)
            {
                case "name":
                    name = Name(value, key, "model name", required: true);
                    break;
                case "namespace":
                    ns = Name(value, key, "namespace", required: false);
                    break;
                case "job_name":
                    jobName = Name(value, key, "job name", required: false);
                    break;
                case "environment":
                    environment = Choice(value, key, EnvironmentChoices);
                    break;
                case "data":
                    data = Data(value);
                    break;
                case "target":
                    target = Text(value, key, "the name of the column to predict", required: true);
                    break;
                case "ignore":
                    ignore = Ignore(value);
                    break;
                case "task":
                    task = Choice(value, key, ConfigNames.Tasks);
                    break;
                case "metric":
                    metric = Text(value, key, "a metric name", required: false);
                    break;
                case "seed":
                    seed = Seed(value);
                    break;
                case "split":
                    split = Split(value);
                    break;
                case "validation":
                    validation = Validation(value);
                    break;
                case "candidates":
                    candidates = Candidates(value);
                    break;
            }
        }

        if (name is null)
            throw Fail(null, null, "missing key 'name', the model's name; add a line like 'name: churn'.");
        if (data is null)
            throw Fail(null, null, "missing key 'data', the data file; add a line like 'data: data/train.csv'.");
        if (target is null)
            throw Fail(null, null, "missing key 'target', the column to predict; add a line like 'target: species'.");
        if (ignore.Contains(target, StringComparer.Ordinal))
            throw Fail(_locations["ignore"], "ignore", $"the target '{target}' cannot also be ignored; remove it from the list.");
        if (metric is not null)
            metric = CheckMetric(metric, task);
        if (validation.Method == ValidationMethod.Holdout && split.Validation == 0)
        {
            throw Fail(_locations.GetValueOrDefault("validation.method"), "validation.method",
                "holdout scores candidates on the validation part, but split.validation is 0; give the validation part a share or use kfold.");
        }

        var config = new KilnConfig
        {
            Name = name,
            Namespace = ns ?? KilnConfig.DefaultNamespace,
            JobName = jobName,
            Environment = environment,
            Data = data,
            Target = target,
            Ignore = ignore,
            Task = task,
            Metric = metric,
            Seed = seed,
            Split = split,
            Validation = validation,
            Candidates = candidates,
            File = _file,
            Locations = _locations,
        };
        if (task is { } known)
            config.Resolve(known);
        else
            config.CheckCandidatesForAnyTask();
        return config;
    }

    private YamlMappingNode LoadRoot(string text)
    {
        CheckDepth(text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            throw Fail(Location(exception.Start), null, YamlProblem(exception), exception);
        }
        if (stream.Documents.Count == 0)
            throw Fail(null, null, "the file is empty; it needs at least 'name', 'data' and 'target' (kiln init writes a starting point).");
        if (stream.Documents.Count > 1)
            throw Fail(Location(stream.Documents[1].RootNode.Start), null, $"the file holds {stream.Documents.Count} YAML documents (separated by '---'); write one.");
        return stream.Documents[0].RootNode switch
        {
            YamlMappingNode mapping => mapping,
            var other when IsNull(other) => throw Fail(null, null, "the file is empty; it needs at least 'name', 'data' and 'target' (kiln init writes a starting point)."),
            var other => throw Fail(Location(other.Start), null, $"expected keys and values ('name: churn'), got {Describe(other)}."),
        };
    }

    private void CheckDepth(string text)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        var reached = new SourceLocation(1, 1);
        try
        {
            while (parser.MoveNext())
            {
                reached = Location(parser.Current!.End);
                if (parser.Current is MappingStart or SequenceStart)
                {
                    if (++depth > MaxDepth)
                        throw Fail(Location(parser.Current.Start), null, $"the file nests lists and maps more than {MaxDepth} levels deep; a kiln.yaml needs at most 5.");
                }
                else if (parser.Current is MappingEnd or SequenceEnd)
                {
                    depth--;
                }
            }
        }
        catch (YamlException exception)
        {
            throw Fail(Location(exception.Start), null, YamlProblem(exception), exception);
        }
        catch (InvalidOperationException exception)
        {
            // YamlDotNet's scanner fails this way on some malformed flow collections, without a position: name the last place it read.
            throw Fail(reached, null, "this is not valid YAML after this point; check the brackets, quotes and indentation.", exception);
        }
    }

    private static string YamlProblem(YamlException exception)
    {
        const string duplicate = "Duplicate key ";
        var message = exception.Message;
        return message.StartsWith(duplicate, StringComparison.Ordinal)
            ? $"key '{message[duplicate.Length..]}' appears twice in the same map; keep one."
            : $"this is not valid YAML: {char.ToLowerInvariant(message[0])}{message[1..].TrimEnd('.')}.";
    }

    private string Key(YamlNode keyNode, string? parent, IReadOnlyList<string> allowed)
    {
        if (keyNode is not YamlScalarNode { Value: { } key } || key.Length == 0)
            throw Fail(Location(keyNode.Start), parent, $"expected a key name, got {Describe(keyNode)}.");
        if (!allowed.Contains(key, StringComparer.Ordinal))
        {
            var where = parent is null ? string.Empty : $" in '{parent}'";
            throw Fail(Location(keyNode.Start), null,
                $"unknown key '{StoreNames.Display(key)}'{where}{NearestName.Hint(key, allowed)} Allowed keys: {string.Join(", ", allowed)}.");
        }
        return key;
    }

    private void Remember(string key, YamlNode node) => _locations[key] = Location(node.Start);

    private static SourceLocation Location(Mark mark) => new(checked((int)mark.Line), checked((int)mark.Column));

    private KilnConfigException Fail(SourceLocation? location, string? key, string problem, Exception? innerException = null) =>
        KilnConfigException.At(_file, location, key, problem, innerException);

    private KilnConfigException FailAt(YamlNode node, string key, string problem) => Fail(Location(node.Start), key, problem);

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar && NullTokens.Contains(scalar.Value ?? string.Empty, StringComparer.Ordinal);

    private static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a map of keys and values",
        _ when IsNull(node) => "nothing",
        YamlScalarNode scalar => $"'{StoreNames.Display(scalar.Value ?? string.Empty)}'",
        _ => "an alias",
    };

    /// <summary>A scalar's text; <see langword="null"/> for a YAML null when not <paramref name="required"/>.</summary>
    private string? Text(YamlNode node, string key, string expectation, bool required)
    {
        if (IsNull(node))
            return required ? throw FailAt(node, key, $"expected {expectation}, got nothing.") : null;
        if (node is not YamlScalarNode { Value: { } text })
            throw FailAt(node, key, $"expected {expectation}, got {Describe(node)}.");
        if (text.Length == 0)
            throw FailAt(node, key, $"expected {expectation}, got an empty text.");
        return text;
    }

    private string? Name(YamlNode node, string key, string what, bool required)
    {
        var text = Text(node, key, $"a {what}", required);
        if (text is not null && !StoreNames.IsValid(text))
            throw FailAt(node, key, $"expected a {what} of {StoreNames.Rule}, got '{StoreNames.Display(text)}'.");
        return text;
    }

    private T? Choice<T>(YamlNode node, string key, IReadOnlyList<(string Name, T Value)> choices)
        where T : struct
    {
        var names = choices.Select(choice => choice.Name).ToArray();
        var expectation = names.Length == 2 ? $"{names[0]} or {names[1]}" : $"one of {string.Join(", ", names)}";
        var text = Text(node, key, expectation, required: false);
        if (text is null)
            return null;
        foreach (var (name, value) in choices)
        {
            if (name == text)
                return value;
        }
        throw FailAt(node, key, $"expected {expectation}, got '{StoreNames.Display(text)}'{NearestName.Hint(text, names)}");
    }

    private DataSource Data(YamlNode node)
    {
        if (node is YamlMappingNode mapping)
        {
            string? path = null;
            DataFormat? format = null;
            var schema = new Dictionary<string, ColumnKind>(StringComparer.Ordinal);
            foreach (var (keyNode, value) in mapping.Children)
            {
                var key = Key(keyNode, "data", DataKeys);
                Remember($"data.{key}", value);
                switch (key)
                {
                    case "path":
                        path = Text(value, "data.path", "the data file's path", required: true);
                        break;
                    case "format":
                        format = Choice(value, "data.format", ConfigNames.Formats);
                        break;
                    case "schema":
                        schema = Schema(value);
                        break;
                }
            }
            if (path is null)
                throw FailAt(node, "data", "missing 'path', the data file; write 'data: {path: data/train.csv}'.");
            return new DataSource(FullPath(path, _locations["data.path"], "data.path"), format ?? Format(path, _locations["data.path"], "data.path"), schema);
        }
        var text = Text(node, "data", "the data file's path, or {path: ..., format: csv|parquet, schema: {...}}", required: true)!;
        return new DataSource(FullPath(text, Location(node.Start), "data"), Format(text, Location(node.Start), "data"), new Dictionary<string, ColumnKind>());
    }

    private string FullPath(string path, SourceLocation location, string key)
    {
        if (path.Contains('\0', StringComparison.Ordinal))
            throw Fail(location, key, $"the path '{StoreNames.Display(path)}' contains a NUL character.");
        try
        {
            return Path.GetFullPath(Path.Combine(_baseDirectory, path));
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw Fail(location, key, $"'{StoreNames.Display(path)}' is not a usable path: {exception.Message}");
        }
    }

    private DataFormat Format(string path, SourceLocation location, string key) =>
        ConfigNames.FormatFromExtension(path)
        ?? throw Fail(location, key,
            $"cannot tell the format of '{StoreNames.Display(Path.GetFileName(path))}' from its extension (.csv, .tsv, .txt, .gz, .parquet or .pq); " +
            "write 'data: {path: ..., format: csv}' or 'format: parquet'.");

    private Dictionary<string, ColumnKind> Schema(YamlNode node)
    {
        var schema = new Dictionary<string, ColumnKind>(StringComparer.Ordinal);
        if (IsNull(node))
            return schema;
        if (node is not YamlMappingNode mapping)
            throw FailAt(node, "data.schema", $"expected column kinds by column name ('{{price: numeric, zip: categorical}}'), got {Describe(node)}.");
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } column })
                throw FailAt(keyNode, "data.schema", $"expected a column name, got {Describe(keyNode)}.");
            schema[column] = Choice(value, $"data.schema.{column}", ConfigNames.Kinds)
                ?? throw FailAt(value, $"data.schema.{column}", $"expected one of {string.Join(", ", ConfigNames.Kinds.Select(kind => kind.Name))}, got nothing.");
        }
        return schema;
    }

    private string[] Ignore(YamlNode node)
    {
        if (IsNull(node))
            return [];
        IEnumerable<YamlNode> items = node is YamlSequenceNode sequence ? sequence.Children : [node];
        var result = new List<string>();
        foreach (var item in items)
        {
            var column = Text(item, "ignore", "a column name", required: true)!;
            if (result.Contains(column, StringComparer.Ordinal))
                throw FailAt(item, "ignore", $"column '{StoreNames.Display(column)}' is listed twice; list it once.");
            result.Add(column);
        }
        return [.. result];
    }

    private string CheckMetric(string metric, LearnerTask? task)
    {
        if (MetricCatalog.TryGet(metric, out var definition))
        {
            // A metric of the other task is reported by KilnConfig.Resolve, which also covers an inferred task.
            return definition.Name;
        }
        var scopes = task is { } known
            ? [known == LearnerTask.Classification ? MetricTask.Classification : MetricTask.Regression]
            : new[] { MetricTask.Classification, MetricTask.Regression };
        var lists = scopes.Select(scope => $"{scope} metrics: {string.Join(", ", MetricCatalog.Names(scope))}.");
        throw Fail(_locations["metric"], "metric",
            $"unknown metric '{StoreNames.Display(metric)}'{NearestName.Hint(metric, MetricCatalog.All.Select(known => known.Name))} {string.Join(" ", lists)}");
    }

    private ulong Seed(YamlNode node)
    {
        var text = Text(node, "seed", "a whole number", required: false);
        if (text is null)
            return KilnConfig.DefaultSeed;
        if (ulong.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed))
            return seed;
        var looksWhole = text.TrimStart('-', '+').Length > 0 && text.TrimStart('-', '+').All(char.IsAsciiDigit);
        throw FailAt(node, "seed", looksWhole
            ? $"expected a whole number from 0 to {ulong.MaxValue}, got '{StoreNames.Display(text)}'."
            : $"expected a whole number, got '{StoreNames.Display(text)}'.");
    }

    private int Whole(YamlNode node, string key, int minimum)
    {
        var text = Text(node, key, "a whole number", required: true)!;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < minimum)
            throw FailAt(node, key, $"expected a whole number of at least {minimum}, got '{StoreNames.Display(text)}'.");
        return value;
    }

    private double Fraction(YamlNode node, string key)
    {
        var text = Text(node, key, "a number from 0 to 1", required: true)!;
        if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            || !(value >= 0 && value <= 1))
        {
            throw FailAt(node, key, $"expected a number from 0 to 1, got '{StoreNames.Display(text)}'.");
        }
        return value;
    }

    private SplitFractions Split(YamlNode node)
    {
        if (IsNull(node))
            return SplitFractions.Default;
        if (node is not YamlMappingNode mapping)
            throw FailAt(node, "split", $"expected the shares as a map ('{{train: 0.7, validation: 0.15, test: 0.15}}'), got {Describe(node)}.");
        var shares = new double?[3];
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = Key(keyNode, "split", SplitKeys);
            Remember($"split.{key}", value);
            shares[Array.IndexOf(SplitKeys, key)] = Fraction(value, $"split.{key}");
        }
        var given = shares.Count(share => share is not null);
        if (given < 2)
            throw FailAt(node, "split", "give at least two of train, validation and test (the third is what is left of 1), e.g. '{train: 0.7, validation: 0.15, test: 0.15}'.");
        var sum = shares.Sum(share => share ?? 0);
        if (given == 2)
        {
            var missing = Array.FindIndex(shares, share => share is null);
            var rest = Math.Round(1 - sum, 12);
            if (rest < 0)
                throw FailAt(node, "split", $"the shares given already add up to {Format(sum)}; train, validation and test must add up to 1.");
            shares[missing] = rest;
        }
        else if (Math.Abs(sum - 1) > 1e-9)
        {
            throw FailAt(node, "split", $"train, validation and test add up to {Format(sum)}; they must add up to 1.");
        }
        if (shares[0] <= 0)
            throw Fail(_locations.GetValueOrDefault("split.train", Location(node.Start)), "split.train", "the training share must be above 0.");
        if (shares[2] <= 0)
            throw Fail(_locations.GetValueOrDefault("split.test", Location(node.Start)), "split.test", "the test share must be above 0: Kiln always keeps a sealed test part.");
        return new SplitFractions(shares[0]!.Value, shares[1]!.Value, shares[2]!.Value);
    }

    private ValidationSettings Validation(YamlNode node)
    {
        if (IsNull(node))
            return ValidationSettings.Default;
        if (node is YamlScalarNode)
        {
            Remember("validation.method", node);
            return new ValidationSettings(Choice(node, "validation", ConfigNames.Methods));
        }
        if (node is not YamlMappingNode mapping)
            throw FailAt(node, "validation", $"expected a method or a map ('{{method: kfold, folds: 5, repeats: 1}}'), got {Describe(node)}.");
        ValidationMethod? method = null;
        int? folds = null, repeats = null;
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = Key(keyNode, "validation", ValidationKeys);
            Remember($"validation.{key}", value);
            switch (key)
            {
                case "method":
                    method = Choice(value, "validation.method", ConfigNames.Methods);
                    break;
                case "folds":
                    folds = Whole(value, "validation.folds", 2);
                    break;
                case "repeats":
                    repeats = Whole(value, "validation.repeats", 1);
                    break;
            }
        }
        if (method == ValidationMethod.Holdout && (folds ?? repeats) is not null)
        {
            var key = folds is not null ? "validation.folds" : "validation.repeats";
            throw Fail(_locations[key], key, "holdout scores once on the validation part and has no folds or repeats; remove the key, or use kfold.");
        }
        return new ValidationSettings(method, folds ?? ValidationSettings.DefaultFolds, repeats ?? ValidationSettings.DefaultRepeats);
    }

    private CandidateConfig[]? Candidates(YamlNode node)
    {
        if (IsNull(node))
            return null;
        IReadOnlyList<YamlNode> items = node is YamlSequenceNode sequence ? [.. sequence.Children] : [node];
        if (items.Count == 0)
            throw FailAt(node, "candidates", "the list is empty; list at least one learner, or remove 'candidates' to try every learner of the task.");
        var result = new List<CandidateConfig>();
        foreach (var item in items)
        {
            var candidate = Candidate(item);
            if (result.Any(other => other.Name == candidate.Name && other.Options.SequenceEqual(candidate.Options)))
                throw FailAt(item, "candidates", $"'{candidate.Name}' is listed twice with the same options; list it once.");
            result.Add(candidate);
        }
        return [.. result];
    }

    private CandidateConfig Candidate(YamlNode item)
    {
        const string example = "'- decision_tree: {max_depth: 8}'";
        if (item is YamlScalarNode)
        {
            var name = Text(item, "candidates", "a learner name", required: true)!;
            return new CandidateConfig(name, []) { Location = Location(item.Start) };
        }
        if (item is not YamlMappingNode { Children.Count: 1 } mapping)
        {
            var problem = item is YamlMappingNode many
                ? $"each item is one learner, with or without options ({example}), but this one has {many.Children.Count} keys; start each learner with '- '."
                : $"expected a learner name, or a name with its options ({example}), got {Describe(item)}.";
            throw FailAt(item, "candidates", problem);
        }
        var (nameNode, optionsNode) = mapping.Children.Single();
        var learner = Text(nameNode, "candidates", "a learner name", required: true)!;
        var options = new List<KeyValuePair<string, HyperparameterValue>>();
        var locations = new Dictionary<string, (SourceLocation Key, SourceLocation Value)>(StringComparer.Ordinal);
        if (!IsNull(optionsNode))
        {
            if (optionsNode is not YamlMappingNode optionMap)
                throw FailAt(optionsNode, learner, $"expected the hyperparameters as a map ({example}), got {Describe(optionsNode)}.");
            foreach (var (keyNode, value) in optionMap.Children)
            {
                if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
                    throw FailAt(keyNode, learner, $"expected a hyperparameter name, got {Describe(keyNode)}.");
                options.Add(KeyValuePair.Create(key, Value(value, $"{learner}.{key}")));
                locations[key] = (Location(keyNode.Start), Location(value.Start));
            }
        }
        return new CandidateConfig(learner, options) { Location = Location(nameNode.Start), OptionLocations = locations };
    }

    private HyperparameterValue Value(YamlNode node, string key)
    {
        if (IsNull(node))
            return HyperparameterValue.Null;
        if (node is YamlScalarNode { Value: { } text })
            return HyperparameterValue.Scalar(text);
        if (node is YamlSequenceNode sequence)
        {
            var items = new List<HyperparameterValue>();
            foreach (var item in sequence.Children)
            {
                if (item is not YamlScalarNode)
                    throw FailAt(item, key, $"expected a list of values, got an item that is {Describe(item)}.");
                items.Add(Value(item, key));
            }
            return HyperparameterValue.List(items);
        }
        throw FailAt(node, key, $"expected a value or a list of values, got {Describe(node)}.");
    }

    // Ten significant digits hide the binary rounding of sums such as 0.7 + 0.2 + 0.15.
    private static string Format(double value) => value.ToString("G10", CultureInfo.InvariantCulture);
}
