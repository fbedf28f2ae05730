using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Kiln.Serving.Tests.Requests;

/// <summary>Bodies with a Content-Length are read into an exact-size array, chunked ones through a pooled buffer; both within the size limit.</summary>
public sealed class RequestBodyTests(PenguinModels models) : IClassFixture<PenguinModels>
{
    [Fact]
    public async Task Invocations_ChunkedBody_PredictsAsThePipeline()
    {
        var inputs = models.Classifier.InputSchema;
        await using var server = await ServerHarness.StartAsync(models.Catalog("species@champion"));
        var body = new JsonObject { ["dataframe_split"] = new JsonObject { ["columns"] = new JsonArray([.. inputs.Names.Select(name => (JsonNode?)name)]), ["data"] = models.Rows(inputs, [.. inputs.Names]) } };

        using var response = await server.Client.PostAsync(new Uri("/invocations", UriKind.Relative), Chunked(body.ToJsonString()));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal(PenguinModels.Expected(models.Classifier, models.Sample(inputs)), JsonNode.Parse(text)!["predictions"]!.AsArray().Select(node => (string)node!).ToArray());
    }

    [Fact]
    public async Task Invocations_ChunkedBodyOverTheLimit_413()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species@champion"), new ServingOptions { RequireAuth = false, MaxBodyBytes = 1000 });

        using var response = await server.Client.PostAsync(new Uri("/invocations", UriKind.Relative), Chunked("{\"instances\": [" + new string(' ', 5000) + "]}"));

        var problem = await Problems.Read(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("at most 1000 bytes", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocations_EmptyBodyWithContentLength_400()
    {
        await using var server = await ServerHarness.StartAsync(models.Catalog("species@champion"));

        using var response = await server.PostAsync("/invocations", string.Empty, "application/json");

        var problem = await Problems.Read(response, HttpStatusCode.BadRequest);
        Assert.Equal("The request body is empty; send the rows to score.", (string?)problem["detail"]);
    }

    // A body of unknown length: sent with Transfer-Encoding: chunked, no Content-Length.
    private static StreamContent Chunked(string text)
    {
        var content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(text)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
