using Kiln.Core;
using Kiln.Tracking;
using Kiln.Workflow.Store;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Kiln.Workflow.Configuration;

/// <summary>Reads kiln.config.yaml text into a <see cref="KilnSettingsFile"/>, naming the line, column and key of the first problem.</summary>
/// <remarks>Like <see cref="KilnYamlReader"/>, the text is walked with the iterative event parser first and refused when it nests too deep.</remarks>
internal sealed class KilnSettingsReader
{
    public const int MaxCharacters = 1 << 16;
    private const int MaxDepth = 8;
    private const string S3Prefix = "s3://";

    private static readonly string[] TopKeys = ["default_environment", "environments"];
    private static readonly string[] EnvironmentKeys = ["store", "tracking", "artifacts"];
    private static readonly string[] NullTokens = ["", "~", "null", "Null", "NULL"];

    private readonly string _file;
    private readonly string _baseDirectory;

    public KilnSettingsReader(string file, string baseDirectory)
    {
        _file = file;
        _baseDirectory = baseDirectory;
    }

    /// <summary>The environment's name in files, flags and environment variables.</summary>
    public static string NameOf(RunEnvironment environment) => environment == RunEnvironment.Production ? "production" : "develop";

    /// <summary>The environment named <paramref name="text"/>, or <see langword="null"/> when it names none.</summary>
    public static RunEnvironment? ParseEnvironment(string? text) => text switch
    {
        "develop" => RunEnvironment.Develop,
        "production" => RunEnvironment.Production,
        _ => null,
    };

    public KilnSettingsFile Read(string text)
    {
        if (text.Length > MaxCharacters)
            throw Fail(null, null, $"the file has {text.Length} characters; a {KilnSettingsFile.FileName} has at most {MaxCharacters}. Is this the right file?");
        var root = LoadRoot(text);
        RunEnvironment? defaultEnvironment = null;
        SourceLocation? defaultLocation = null;
        var environments = new Dictionary<RunEnvironment, EnvironmentEntry>();
        if (root is null)
            return new KilnSettingsFile { File = _file, Environments = environments };
        foreach (var (keyNode, value) in root.Children)
        {
            switch (Key(keyNode, null, TopKeys))
            {
                case "default_environment":
                    defaultEnvironment = Environment(value, "default_environment");
                    defaultLocation = Location(value.Start);
                    break;
                case "environments":
                    Environments(value, environments);
                    break;
            }
        }
        return new KilnSettingsFile
        {
            File = _file,
            DefaultEnvironment = defaultEnvironment,
            DefaultEnvironmentLocation = defaultLocation,
            Environments = environments,
        };
    }

    private YamlMappingNode? LoadRoot(string text)
    {
        CheckDepth(text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            throw Fail(Location(exception.Start), null, $"this is not valid YAML: {exception.Message}");
        }
        if (stream.Documents.Count == 0)
            return null;
        if (stream.Documents.Count > 1)
            throw Fail(Location(stream.Documents[1].RootNode.Start), null, $"the file holds {stream.Documents.Count} YAML documents (separated by '---'); write one.");
        return stream.Documents[0].RootNode switch
        {
            YamlMappingNode mapping => mapping,
            var other when IsNull(other) => null,
            var other => throw Fail(Location(other.Start), null, $"expected keys and values ('environments: {{develop: {{store: .kiln}}}}'), got {Describe(other)}."),
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
                if (parser.Current is MappingStart or SequenceStart && ++depth > MaxDepth)
                    throw Fail(Location(parser.Current.Start), null, $"the file nests lists and maps more than {MaxDepth} levels deep; a {KilnSettingsFile.FileName} needs 3.");
                if (parser.Current is MappingEnd or SequenceEnd)
                    depth--;
            }
        }
        catch (YamlException exception)
        {
            throw Fail(Location(exception.Start), null, $"this is not valid YAML: {exception.Message}");
        }
        catch (InvalidOperationException exception)
        {
            throw new KilnConfigException(Format(reached, null, "this is not valid YAML after this point; check the brackets, quotes and indentation."), exception, _file, reached);
        }
    }

    private void Environments(YamlNode node, Dictionary<RunEnvironment, EnvironmentEntry> environments)
    {
        if (IsNull(node))
            return;
        if (node is not YamlMappingNode mapping)
            throw Fail(Location(node.Start), "environments", $"expected a map of environments ('{{develop: {{store: .kiln}}, production: {{store: /srv/kiln}}}}'), got {Describe(node)}.");
        foreach (var (keyNode, value) in mapping.Children)
        {
            var name = Key(keyNode, "environments", ["develop", "production"]);
            environments[ParseEnvironment(name)!.Value] = Entry(value, $"environments.{name}");
        }
    }

    private EnvironmentEntry Entry(YamlNode node, string key)
    {
        if (IsNull(node))
            return new EnvironmentEntry(null, null, null);
        if (node is not YamlMappingNode mapping)
            throw Fail(Location(node.Start), key, $"expected the environment's settings ('{{store: DIR, tracking: CONNECTION, artifacts: DIR}}'), got {Describe(node)}.");
        string? store = null, tracking = null, artifacts = null;
        foreach (var (keyNode, value) in mapping.Children)
        {
            var name = Key(keyNode, key, EnvironmentKeys);
            var field = $"{key}.{name}";
            switch (name)
            {
                case "store":
                    store = FullPath(Text(value, field, "the store's folder"), value, field);
                    break;
                case "tracking":
                    tracking = IsNull(value) ? null : Text(value, field, "a run store connection (empty for SQLite under the store)", allowEmpty: true);
                    break;
                case "artifacts":
                    var text = Text(value, field, "the artifact root's folder or s3:// address");
                    artifacts = text.StartsWith(S3Prefix, StringComparison.Ordinal) ? text : FullPath(text, value, field);
                    break;
            }
        }
        return new EnvironmentEntry(store, tracking, artifacts);
    }

    private RunEnvironment Environment(YamlNode node, string key)
    {
        var text = Text(node, key, "develop or production");
        return ParseEnvironment(text)
            ?? throw Fail(Location(node.Start), key, $"expected develop or production, got '{StoreNames.Display(text)}'{NearestName.Hint(text, ["develop", "production"])}");
    }

    private string Key(YamlNode keyNode, string? parent, IReadOnlyList<string> allowed)
    {
        if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
            throw Fail(Location(keyNode.Start), parent, $"expected a key name, got {Describe(keyNode)}.");
        if (!allowed.Contains(key, StringComparer.Ordinal))
        {
            var where = parent is null ? string.Empty : $" in '{parent}'";
            throw Fail(Location(keyNode.Start), parent is null ? key : $"{parent}.{key}",
                $"unknown key '{StoreNames.Display(key)}'{where}{NearestName.Hint(key, allowed)} Allowed keys: {string.Join(", ", allowed)}.");
        }
        return key;
    }

    private string Text(YamlNode node, string key, string expectation, bool allowEmpty = false)
    {
        if (node is not YamlScalarNode { Value: { } text } || (IsNull(node) && !allowEmpty))
            throw Fail(Location(node.Start), key, $"expected {expectation}, got {Describe(node)}.");
        if (text.Contains('\0', StringComparison.Ordinal))
            throw Fail(Location(node.Start), key, $"the value '{StoreNames.Display(text)}' contains a NUL character.");
        return text;
    }

    private string FullPath(string path, YamlNode node, string key)
    {
        try
        {
            return Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(_baseDirectory, path)));
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw Fail(Location(node.Start), key, $"'{StoreNames.Display(path)}' is not a usable path: {exception.Message}");
        }
    }

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

    private static SourceLocation Location(Mark mark) => new(checked((int)mark.Line), checked((int)mark.Column));

    private string Format(SourceLocation? location, string? key, string problem)
    {
        var place = location is { } at ? $"{_file}, line {at.Line}, column {at.Column}" : _file;
        return key is null ? $"{place}: {problem}" : $"{place}, '{key}': {problem}";
    }

    private KilnConfigException Fail(SourceLocation? location, string? key, string problem) =>
        new(Format(location, key, problem), _file, location, key);
}
