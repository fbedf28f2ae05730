using System.Net;
using System.Text;
using Kiln.Cli.Commands;
using Kiln.Core;

namespace Kiln.Cli.Tests;

public sealed class ServeLimitsTests(PenguinBundles bundles) : IClassFixture<PenguinBundles>, IDisposable
{
    private const string Row = """{"island": "Biscoe", "bill_length_mm": 46.1, "bill_depth_mm": 13.2, "flipper_length_mm": 211, "body_mass_g": 4500, "sex": "female", "year": 2007}""";

    private readonly TempFolder _folder = new();

    private string Store => Path.Combine(_folder.Path, "store");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("--log-sample", "1.5", "--log-sample 1.5 is out of range; give a share of rows from 0")]
    [InlineData("--log-sample", "-0.1", "--log-sample -0.1 is out of range")]
    [InlineData("--log-files", "0", "--log-files 0 is out of range; give a count of files from 1")]
    [InlineData("--log-file-mb", "0", "--log-file-mb 0 is out of range")]
    [InlineData("--max-rows", "0", "--max-rows 0 is out of range; give a count of rows from 1")]
    [InlineData("--max-body-mb", "5000", "--max-body-mb 5000 is out of range")]
    public void Serve_ValueOutOfRange_FailsNamingTheFlagAndValue(string flag, string value, string expected)
    {
        Assert.Equal(0, CliRun.Invoke("models", "register", "penguins", "--bundle", bundles.Logistic, "--store", Store).ExitCode);

        var result = CliRun.Invoke("serve", "penguins", "--no-auth", "--port", "0", "--store", Store, flag, value);

        Assert.Equal(KilnCli.UserError, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Flags_ReachTheServingOptions()
    {
        var limits = new ServeLimits(LogSample: 0.25, LogFileMegabytes: 2, LogFiles: 3, NoLog: false, MaxRows: 50, MaxBodyMegabytes: 0.5);

        var options = limits.Options(requireAuth: true, "/srv/store");

        Assert.Equal(0.25, options.PredictionLog.SamplingRate);
        Assert.Equal(2L * 1024 * 1024, options.PredictionLog.MaxFileBytes);
        Assert.Equal(3, options.PredictionLog.MaxFiles);
        Assert.Equal(50, options.MaxRows);
        Assert.Equal(512L * 1024, options.MaxBodyBytes);
        Assert.Equal("/srv/store", options.StoreRoot);
        Assert.Null((limits with { NoLog = true }).Options(requireAuth: true, "/srv/store").StoreRoot);
    }

    [Fact]
    public void Default_IsWhatServingOptionsDefaultsTo()
    {
        var defaults = new Kiln.Serving.ServingOptions();

        var options = ServeLimits.Default.Options(requireAuth: true, "/srv/store");

        Assert.Equal(defaults.MaxRows, options.MaxRows);
        Assert.Equal(defaults.MaxBodyBytes, options.MaxBodyBytes);
        Assert.Equal(defaults.PredictionLog, options.PredictionLog);
    }

    [Fact]
    public async Task ExecuteAsync_MaxRowsAndNoLog_RefusesLargerRequestsWith413AndWritesNoLog()
    {
        Assert.Equal(0, CliRun.Invoke("models", "register", "penguins", "--bundle", bundles.Logistic, "--store", Store).ExitCode);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var command = new ServeCommand(new CliContext(output, error, _ => null, _folder.Path));
        using var stop = new CancellationTokenSource();
        var address = new TaskCompletionSource<Uri>();
        var limits = ServeLimits.Default with { MaxRows = 2, NoLog = true };

        var serving = command.ExecuteAsync(["penguins"], "127.0.0.1", 0, noAuth: true, new ServeVersions([], [], 0, null), new StoreFlags(Store, null), address.SetResult, stop.Token, limits: limits);
        var uri = await address.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using var client = new HttpClient { BaseAddress = uri };
        async Task<HttpStatusCode> Post(int rows)
        {
            var body = $$"""{"dataframe_records": [{{string.Join(", ", Enumerable.Repeat(Row, rows))}}]}""";
            using var response = await client.PostAsync(new Uri("/invocations", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
            return response.StatusCode;
        }
        var two = await Post(2);
        var three = await Post(3);
        await stop.CancelAsync();
        await serving;

        Assert.Equal(HttpStatusCode.OK, two);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, three);
        Assert.False(Directory.Exists(Path.Combine(Store, "serving")));
        Assert.Contains("no prediction log (--no-log)", error.ToString(), StringComparison.Ordinal);
    }
}
