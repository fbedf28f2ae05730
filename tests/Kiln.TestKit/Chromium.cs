using System.Diagnostics;
using System.Text;
using Xunit;

namespace Kiln.TestKit;

/// <summary>Finds Debian's headless Chromium and takes screenshots of local pages with it.</summary>
public static class Chromium
{
    public static readonly string[] ExecutableNames = ["chromium", "chromium-browser"];

    /// <summary>True when the environment variable CI is "true": there the render test must run, not be skipped.</summary>
    public static bool IsContinuousIntegration =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The full path of the first Chromium executable on PATH, or null.</summary>
    public static string? Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in ExecutableNames)
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        return null;
    }

    /// <summary>Screenshots <paramref name="page"/> into <paramref name="screenshot"/> with a fresh profile; fails the test on timeout or error.</summary>
    public static void Screenshot(string page, string screenshot, int width, int height, TimeSpan timeout)
    {
        var executable = Find() ?? throw new InvalidOperationException(
            $"Chromium is not installed: none of {string.Join(", ", ExecutableNames)} is on PATH. Install it with 'apt-get install -y chromium'.");
        var profile = Directory.CreateTempSubdirectory("kiln-chromium-profile-");
        try
        {
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars", $"--user-data-dir={profile.FullName}",
                $"--window-size={width},{height}", $"--screenshot={screenshot}", new Uri(page).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{executable}'.");
            var output = new StringBuilder();
            process.OutputDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
            process.ErrorDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                Assert.Fail($"Chromium did not finish the screenshot of {page} within {timeout.TotalSeconds} s and was killed. Output:\n{Tail(output)}");
            }
            process.WaitForExit();
            Assert.True(process.ExitCode == 0 && File.Exists(screenshot),
                $"Chromium exited with code {process.ExitCode} and {(File.Exists(screenshot) ? "a" : "no")} screenshot. Output:\n{Tail(output)}");
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    private static string Tail(StringBuilder output)
    {
        lock (output)
        {
            var text = output.ToString();
            return text.Length <= 4000 ? text : text[^4000..];
        }
    }
}
