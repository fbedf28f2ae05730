using System.ComponentModel;
using System.Diagnostics;

namespace Kiln.Workflow.Tracking;

/// <summary>The version of the code a run ran: the git commit of the project's work tree, and whether tracked files had uncommitted changes.</summary>
/// <param name="Commit">The commit (<c>git rev-parse HEAD</c>), 40 hexadecimal digits.</param>
/// <param name="IsDirty">Whether <c>git status --porcelain --untracked-files=no</c> listed changes.</param>
public sealed record CodeVersion(string Commit, bool IsDirty)
{
    /// <summary>How long each git command may take before it is stopped and the version left unknown.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>The code version of the git work tree holding <paramref name="directory"/>, or <see langword="null"/>.</summary>
    /// <remarks>
    /// Never fails: without git, outside a work tree, in a repository without commits, or when git is slow, the version is
    /// unknown. Untracked files (the store, outputs) do not make the tree dirty; changed tracked files do.
    /// </remarks>
    public static CodeVersion? Of(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var head = Git(directory, "rev-parse", "HEAD");
        if (head is null || head.Length != 40 || !head.All(char.IsAsciiHexDigit))
            return null;
        var status = Git(directory, "status", "--porcelain", "--untracked-files=no");
        return new CodeVersion(head, status is { Length: > 0 });
    }

    private static string? Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // git status must not take the index lock (another git command may be running), nor ask for anything.
        start.Environment["GIT_OPTIONAL_LOCKS"] = "0";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        try
        {
            using var process = Process.Start(start);
            if (process is null)
                return null;
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
            return process.ExitCode == 0 && output.Wait(Timeout) ? output.Result.Trim() : null;
        }
        catch (Exception exception) when (exception is Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }
}
