using System.Diagnostics;
using Kiln.Workflow.Tracking;

namespace Kiln.Workflow.Tests.Tracking;

/// <summary>The git commit of the project's work tree, and whether its tracked files changed; nothing outside a work tree.</summary>
public sealed class CodeVersionTests
{
    [Fact]
    public void Of_CleanWorkTree_TheHeadCommitNotDirty()
    {
        using var folder = new TempFolder();
        var head = Repository(folder.Path);

        var version = CodeVersion.Of(folder.Path);

        Assert.Equal(new CodeVersion(head, IsDirty: false), version);
    }

    [Fact]
    public void Of_TrackedFileChanged_Dirty()
    {
        using var folder = new TempFolder();
        Repository(folder.Path);
        File.AppendAllText(Path.Combine(folder.Path, "kiln.yaml"), "seed: 2\n");

        Assert.True(CodeVersion.Of(folder.Path)!.IsDirty);
    }

    [Fact]
    public void Of_OnlyUntrackedFilesAdded_NotDirty()
    {
        using var folder = new TempFolder();
        Repository(folder.Path);
        File.WriteAllText(Path.Combine(folder.Path, "new.csv"), "a\n1\n");

        Assert.False(CodeVersion.Of(folder.Path)!.IsDirty);
    }

    [Fact]
    public void Of_NotAWorkTree_Unknown()
    {
        using var folder = new TempFolder();
        var outside = Directory.CreateDirectory(Path.Combine(folder.Path, "plain")).FullName;

        Assert.Null(CodeVersion.Of(outside));
    }

    private static string Repository(string path)
    {
        File.WriteAllText(Path.Combine(path, "kiln.yaml"), "name: m\n");
        Git(path, "init", "--quiet");
        Git(path, "add", "kiln.yaml");
        Git(path, "-c", "user.name=Kiln Tests", "-c", "user.email=tests@example.com", "commit", "--quiet", "-m", "first");
        return Git(path, "rev-parse", "HEAD");
    }

    private static string Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)}: {process.StandardError.ReadToEnd()}");
        return output.Trim();
    }
}
