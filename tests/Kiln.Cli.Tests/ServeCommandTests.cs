using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kiln.Cli.Commands;

namespace Kiln.Cli.Tests;

public sealed class ServeCommandTests(PenguinBundles bundles) : IClassFixture<PenguinBundles>, IDisposable
{
    private readonly TempFolder _folder = new();

    private string Store => Path.Combine(_folder.Path, "store");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Serve_WithoutNoAuth_RefusesSayingAuthIsRequiredAndWhatNoAuthDoes()
    {
        Assert.Equal(0, CliRun.Invoke("models", "register", "penguins", "--bundle", bundles.Logistic, "--store", Store).ExitCode);

        var result = CliRun.Invoke("serve", "penguins", "--port", "0", "--store", Store);

        Assert.Equal(KilnCli.UserError, result.ExitCode);
        Assert.Contains("requires API-key authentication", result.Error, StringComparison.Ordinal);
        Assert.Contains("Pass --no-auth to serve without authentication: an open server", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public void Serve_UnknownModel_FailsNamingIt()
    {
        Assert.Equal(0, CliRun.Invoke("models", "register", "penguins", "--bundle", bundles.Logistic, "--store", Store).ExitCode);

        var result = CliRun.Invoke("serve", "penguins@champion", "--no-auth", "--port", "0", "--store", Store);

        Assert.Equal(KilnCli.UserError, result.ExitCode);
        Assert.Contains("champion", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_NoAuthOnAFreePort_ServesTheRegisteredModelUntilCancelled()
    {
        Assert.Equal(0, CliRun.Invoke("models", "register", "penguins", "--bundle", bundles.Logistic, "--alias", "champion", "--store", Store).ExitCode);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var command = new ServeCommand(new CliContext(output, error, _ => null, _folder.Path));
        using var stop = new CancellationTokenSource();
        var address = new TaskCompletionSource<Uri>();

        var serving = command.ExecuteAsync(["penguins@champion"], "127.0.0.1", 0, noAuth: true, new StoreFlags(Store, null), address.SetResult, stop.Token);
        var uri = await address.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using var client = new HttpClient { BaseAddress = uri };
        var body = """{"dataframe_records": [{"island": "Biscoe", "bill_length_mm": 46.1, "bill_depth_mm": 13.2, "flipper_length_mm": 211, "body_mass_g": 4500, "sex": "female", "year": 2007}]}""";
        using var response = await client.PostAsync(new Uri("/invocations", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        await stop.CancelAsync();
        var exitCode = await serving;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Gentoo", (string?)answer["predictions"]![0]);
        Assert.Equal(KilnCli.Success, exitCode);
        Assert.StartsWith($"serving penguins/1 on {uri} without authentication", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("model penguins@champion → penguins/1 (classifier of Adelie, Chinstrap, Gentoo", error.ToString(), StringComparison.Ordinal);
        Assert.EndsWith($"stopped{Environment.NewLine}", error.ToString(), StringComparison.Ordinal);
    }
}
