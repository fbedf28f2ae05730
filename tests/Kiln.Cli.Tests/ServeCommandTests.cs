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
    public async Task ExecuteAsync_WithAuth_AsksForAKeyWithThePredictScopeAndLeavesHealthOpen()
    {
        Assert.Equal(0, CliRun.Invoke("models", "register", "penguins", "--bundle", bundles.Logistic, "--store", Store).ExitCode);
        var predictKey = CliRun.Invoke("keys", "create", "scorer", "--scope", "predict", "--store", Store).Out.TrimEnd().Split('\n')[^1];
        var feedbackKey = CliRun.Invoke("keys", "create", "labeller", "--scope", "feedback", "--store", Store).Out.TrimEnd().Split('\n')[^1];
        using var output = new StringWriter();
        using var error = new StringWriter();
        var command = new ServeCommand(new CliContext(output, error, _ => null, _folder.Path));
        using var stop = new CancellationTokenSource();
        var address = new TaskCompletionSource<Uri>();

        var serving = command.ExecuteAsync(["penguins"], "127.0.0.1", 0, noAuth: false, new StoreFlags(Store, null), address.SetResult, stop.Token);
        var uri = await address.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using var client = new HttpClient { BaseAddress = uri };
        var body = """{"dataframe_records": [{"island": "Biscoe", "bill_length_mm": 46.1, "bill_depth_mm": 13.2, "flipper_length_mm": 211, "body_mass_g": 4500, "sex": "female", "year": 2007}]}""";
        async Task<HttpStatusCode> Invoke(string? key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/invocations") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (key is not null)
                request.Headers.Add("X-Api-Key", key);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }
        var withoutKey = await Invoke(null);
        var wrongKey = await Invoke(predictKey[..^2] + "xx");
        var wrongScope = await Invoke(feedbackKey);
        var rightKey = await Invoke(predictKey);
        using var health = await client.GetAsync(new Uri("/v2/health/live", UriKind.Relative));
        await stop.CancelAsync();
        await serving;

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey);
        Assert.Equal(HttpStatusCode.Forbidden, wrongScope);
        Assert.Equal(HttpStatusCode.OK, rightKey);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.DoesNotContain("without authentication", output.ToString(), StringComparison.Ordinal);
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
        Assert.Contains("prediction log: remembered 0 prediction ids for feedback", error.ToString(), StringComparison.Ordinal);
        Assert.EndsWith($"stopped{Environment.NewLine}", error.ToString(), StringComparison.Ordinal);
    }
}
