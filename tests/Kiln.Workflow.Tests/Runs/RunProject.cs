using System.Text.Json.Nodes;
using Kiln.TestKit;
using Kiln.Workflow.Configuration;
using Kiln.Workflow.Runs;
using Kiln.Workflow.Steps;

namespace Kiln.Workflow.Tests.Runs;

/// <summary>A temporary project folder (kiln.yaml text, data files) with a store beside it that does not exist until a run makes it.</summary>
internal sealed class RunProject : IDisposable
{
    /// <summary>The fixed start of every run: its day picks the layout's date folders.</summary>
    public static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    private readonly TempFolder _folder = new();

    public RunProject()
    {
        Store = System.IO.Path.Combine(_folder.Path, "store");
    }

    public string Folder => _folder.Path;

    public string Store { get; }

    /// <summary>Copies tests/data/<paramref name="fileName"/> into the project and returns its path.</summary>
    public string CopyData(string fileName)
    {
        var path = Path(fileName);
        File.Copy(TestData.Path("data", fileName), path);
        return path;
    }

    public string Write(string fileName, string text)
    {
        var path = Path(fileName);
        File.WriteAllText(path, text);
        return path;
    }

    public string Path(params string[] parts) => System.IO.Path.Combine([Folder, .. parts]);

    public KilnConfig Config(string yaml) => KilnYaml.Parse(yaml, KilnYaml.FileName, Folder);

    public RunOptions Options(ulong runIdSeed = 1, int parallelism = 2) => new()
    {
        StoreRoot = Store,
        TimeProvider = new FixedTimeProvider(Start),
        RunIdSeed = runIdSeed,
        MaxDegreeOfParallelism = parallelism,
    };

    public RunResult Run(string yaml, ulong runIdSeed = 1, int parallelism = 2) => WorkflowRunner.Run(Config(yaml), Options(runIdSeed, parallelism));

    internal RunResult Run(string yaml, IReadOnlyList<IWorkflowStep> steps, ulong runIdSeed = 1) => WorkflowRunner.Run(Config(yaml), Options(runIdSeed), steps);

    /// <summary>Every file and folder under the store, relative to it, sorted; empty when the store does not exist.</summary>
    public string[] StoreEntries() => Directory.Exists(Store)
        ? [.. Directory.EnumerateFileSystemEntries(Store, "*", SearchOption.AllDirectories).Select(entry => System.IO.Path.GetRelativePath(Store, entry)).Order(StringComparer.Ordinal)]
        : [];

    public static JsonObject Json(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    public void Dispose() => _folder.Dispose();
}
