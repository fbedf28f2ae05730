using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kiln.Cli.Commands;

namespace Kiln.Cli.Tests;

public sealed class ServeVersionsTests(PenguinBundles bundles) : IClassFixture<PenguinBundles>, IDisposable
{
    private const string Body = """{"dataframe_records": [{"island": "Biscoe", "bill_length_mm": 46.1, "bill_depth_mm": 13.2, "flipper_length_mm": 211, "body_mass_g": 4500, "sex": "female", "year": 2007}]}""";

    private readonly TempFolder _folder = new();

    private string Store => Path.Combine(_folder.Path, "store");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ExecuteAsync_CanaryAndAdminMove_BothVersionsAnswerAndTheMoveIsLogged()
    {
        Assert.Equal(0, CliRun.Invoke("models", "register", "penguins", "--bundle", bundles.Logistic, "--alias", "champion", "--store", Store).ExitCode);
        Assert.Equal(0, CliRun.Invoke("models", "register", "penguins", "--bundle", bundles.Dummy, "--alias", "challenger", "--store", Store).ExitCode);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var command = new ServeCommand(new CliContext(output, error, _ => null, _folder.Path));
        using var stop = new CancellationTokenSource();
        var address = new TaskCompletionSource<Uri>();
        var versions = new ServeVersions(["penguins@challenger=50"], [], ReloadEverySeconds: 0, CanarySeed: 1);

        var serving = command.ExecuteAsync(["penguins@champion"], "127.0.0.1", 0, noAuth: true, versions, new StoreFlags(Store, null), address.SetResult, stop.Token);
        var uri = await address.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using var client = new HttpClient { BaseAddress = uri };
        var before = new List<string>();
        for (var request = 0; request < 40; request++)
            before.Add(await AnsweredByAsync(client));
        using var move = await client.PutAsync(new Uri("/api/admin/models/penguins/aliases/champion", UriKind.Relative), new StringContent("""{"version": 2}""", Encoding.UTF8, "application/json"));
        var moved = JsonNode.Parse(await move.Content.ReadAsStringAsync())!;
        var after = await AnsweredByAsync(client);
        await stop.CancelAsync();
        await serving;

        Assert.Contains("champion 1", before);
        Assert.Contains("canary 2", before);
        Assert.Equal(HttpStatusCode.OK, move.StatusCode);
        Assert.Equal(1, (int)moved["previous_version"]!);
        Assert.EndsWith(" 2", after, StringComparison.Ordinal);
        var log = error.ToString();
        Assert.Contains("model penguins@challenger (canary, 50 % of 'penguins') → penguins/2", log, StringComparison.Ordinal);
        Assert.Contains("alias penguins@champion moved from version 1 to version 2", log, StringComparison.Ordinal);
        Assert.Contains("swapped penguins@champion (champion) from version 1 to version 2", log, StringComparison.Ordinal);
        Assert.Contains("following aliases only through the admin endpoints", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--canary", "penguins@challenger", "has no share")]
    [InlineData("--canary", "penguins@challenger=150", "above 0 and at most 100")]
    [InlineData("--shadow", "penguins@@x", "not valid")]
    [InlineData("--reload-every", "-1", "--reload-every -1 is not a period")]
    [InlineData("--shadow", "other@challenger", "challenges 'other', which is not served")]
    public void Serve_BadVersionFlag_FailsSayingWhat(string flag, string value, string expected)
    {
        Assert.Equal(0, CliRun.Invoke("models", "register", "penguins", "--bundle", bundles.Logistic, "--alias", "champion", "--store", Store).ExitCode);

        var result = CliRun.Invoke("serve", "penguins@champion", flag, value, "--no-auth", "--port", "0", "--store", Store);

        Assert.Equal(KilnCli.UserError, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    private static async Task<string> AnsweredByAsync(HttpClient client)
    {
        using var response = await client.PostAsync(new Uri("/invocations", UriKind.Relative), new StringContent(Body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return $"{response.Headers.GetValues("X-Kiln-Model-Role").Single()} {response.Headers.GetValues("X-Kiln-Model-Version").Single()}";
    }
}
