using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Kiln.Tracking.Tests.Artifacts;

/// <summary>
/// A local s3rver (npm package, installed by <c>npm ci</c> in <c>tests/s3rver</c>) on 127.0.0.1 and a free port, over a
/// temporary folder, with the test bucket created. When node or s3rver cannot be started the constructor throws, so
/// every S3 test fails with the reason: they never skip.
/// </summary>
public sealed partial class S3rverFixture : IDisposable
{
    public const string Bucket = "kiln-tests";

    // s3rver's fixed development credentials; not a secret.
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    // Starts s3rver from its package and exits when standard input closes, so a test host that dies takes the server with it.
    private const string Launcher = """
        const S3rver = require(process.argv[1]);
        new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: process.argv[2] }).run().then(
          ({ address, port }) => console.log(`S3rver listening on ${address}:${port}`),
          error => { console.error(error); process.exit(1); });
        process.stdin.on('end', () => process.exit(0));
        process.stdin.resume();
        """;

    private readonly Process _process;
    private readonly StringBuilder _errors = new();
    private readonly string _directory;
    private int _prefixes;

    public S3rverFixture()
    {
        var package = FindPackage();
        var node = File.Exists("/usr/bin/node") ? "/usr/bin/node" : "node";
        _directory = Path.Combine(Path.GetTempPath(), "kiln-s3rver-" + Path.GetRandomFileName());
        Directory.CreateDirectory(_directory);
        var start = new ProcessStartInfo(node)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-e", Launcher, package, _directory })
            start.ArgumentList.Add(argument);
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {node}.");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException($"The S3 tests need node to run s3rver, and '{node}' could not be started: {exception.Message}. Install Node.js (apt-get install nodejs npm) and run 'npm ci' in tests/s3rver.", exception);
        }
        _process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                lock (_errors)
                    _errors.AppendLine(line.Data);
            }
        };
        _process.BeginErrorReadLine();
        var port = ReadPort();
        Endpoint = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        CreateBucket();
    }

    /// <summary>The server's URL.</summary>
    public string Endpoint { get; }

    /// <summary>The environment a Kiln process pointed at this server would have.</summary>
    public string? Environment(string variable) => variable switch
    {
        "KILN_S3_ENDPOINT" => Endpoint,
        "AWS_ACCESS_KEY_ID" => AccessKey,
        "AWS_SECRET_ACCESS_KEY" => SecretKey,
        "AWS_REGION" => "us-east-1",
        _ => null,
    };

    /// <summary>A root <c>s3://kiln-tests/&lt;unique&gt;/</c> no other test uses.</summary>
    public string NewRoot(string name) =>
        string.Create(CultureInfo.InvariantCulture, $"s3://{Bucket}/{name}-{Interlocked.Increment(ref _prefixes)}");

    /// <summary>A client of its own, for looking behind the store (multipart ETags).</summary>
    public AmazonS3Client NewClient() => new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
    {
        ServiceURL = Endpoint,
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
    });

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        finally
        {
            _process.Dispose();
            if (Directory.Exists(_directory))
                Directory.Delete(_directory, recursive: true);
        }
    }

    private int ReadPort()
    {
        var output = new StringBuilder();
        var reading = Task.Run(() =>
        {
            while (_process.StandardOutput.ReadLine() is { } line)
            {
                output.AppendLine(line);
                var match = ListeningLine().Match(line);
                if (match.Success)
                    return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            }
            return -1;
        });
        if (!reading.Wait(StartLimit) || reading.Result < 0)
        {
            var stopped = _process.HasExited ? $"it exited with code {_process.ExitCode}" : $"it did not say it was listening within {StartLimit.TotalSeconds:0} s";
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            string errors;
            lock (_errors)
                errors = _errors.ToString();
            throw new InvalidOperationException($"s3rver did not start: {stopped}. Output: {output}Errors: {errors}");
        }
        // Keep draining stdout so the server never blocks on a full pipe.
        _ = Task.Run(() => _process.StandardOutput.ReadToEnd());
        return reading.Result;
    }

    private void CreateBucket()
    {
        using var client = NewClient();
        client.PutBucketAsync(new PutBucketRequest { BucketName = Bucket }).GetAwaiter().GetResult();
    }

    private static string FindPackage()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var package = Path.Combine(directory.FullName, "tests", "s3rver");
            if (!Directory.Exists(package))
                continue;
            var installed = Path.Combine(package, "node_modules", "s3rver");
            if (!File.Exists(Path.Combine(installed, "package.json")))
                Install(package);
            if (File.Exists(Path.Combine(installed, "package.json")))
                return installed;
            throw new InvalidOperationException($"s3rver is not installed in {package}: run 'npm ci' there (.ci/run does) before the S3 artifact store tests.");
        }
        throw new InvalidOperationException($"Could not find tests/s3rver above {AppContext.BaseDirectory}; the S3 artifact store tests need the repository's tests/s3rver with 'npm ci' run in it.");
    }

    /// <summary>Runs <c>npm ci</c> in <paramref name="package"/> (from its lock file), so that a plain <c>dotnet test</c> works on a fresh clone; test processes running at once take turns through a lock file.</summary>
    private static void Install(string package)
    {
        using var turn = TakeTurn(Path.Combine(package, ".npm-ci.lock"));
        if (File.Exists(Path.Combine(package, "node_modules", "s3rver", "package.json")))
            return;
        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = package,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" })
            start.ArgumentList.Add(argument);
        try
        {
            using var npm = Process.Start(start)!;
            var errors = npm.StandardError.ReadToEndAsync();
            _ = npm.StandardOutput.ReadToEndAsync();
            if (!npm.WaitForExit(TimeSpan.FromMinutes(5)) || npm.ExitCode != 0)
                throw new InvalidOperationException($"'npm ci' in {package} failed: {errors.Result}");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException($"s3rver is not installed in {package} and npm could not be started ({exception.Message}); install Node.js and npm (apt-get install -y nodejs npm) and run 'npm ci' there.", exception);
        }
    }

    private static FileStream TakeTurn(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 3000)
            {
                Thread.Sleep(100);
            }
        }
    }

    [GeneratedRegex(@"listening on [^\s]+:(\d+)")]
    private static partial Regex ListeningLine();
}
