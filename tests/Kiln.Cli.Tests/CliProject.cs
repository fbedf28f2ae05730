using Kiln.TestKit;

namespace Kiln.Cli.Tests;

/// <summary>A temporary project folder for the workflow commands, with a store inside it that a run creates.</summary>
internal sealed class CliProject : IDisposable
{
    public const string PenguinsYaml =
        """
        name: penguins
        namespace: cli
        data: penguins.csv
        target: species
        seed: 3
        validation: {folds: 3}
        candidates:
          - logistic_regression
          - dummy: {strategy: most_frequent}
        """;

    private readonly TempFolder _folder = new();

    public string Folder => _folder.Path;

    public string Store => Path.Combine(Folder, "store");

    public string File(string name) => Path.Combine(Folder, name);

    public string CopyData(string fileName)
    {
        var path = File(fileName);
        System.IO.File.Copy(TestData.Path("data", fileName), path);
        return path;
    }

    public string Write(string fileName, string text) => _folder.Write(fileName, text);

    /// <summary><c>kiln run &lt;folder&gt; --store &lt;store&gt;</c> plus <paramref name="extra"/>.</summary>
    public CliResult Run(params string[] extra) => CliRun.Invoke(["run", Folder, "--store", Store, .. extra]);

    /// <summary>The job folders of the runs in the store, sorted.</summary>
    public string[] JobFolders() => [.. Directory.GetFiles(Store, "metrics.json", SearchOption.AllDirectories).Select(file => Path.GetDirectoryName(file)!).Order(StringComparer.Ordinal)];

    /// <summary>The job folder of the only run in the store.</summary>
    public string JobFolder() => Path.GetDirectoryName(Directory.GetFiles(Store, "metrics.json", SearchOption.AllDirectories).Single())!;

    public void Dispose() => _folder.Dispose();
}
