using System.Net;
using System.Text.Json.Nodes;

namespace Kiln.Serving.Tests;

/// <summary>Reads an RFC 9457 problem answer and checks its shape.</summary>
internal static class Problems
{
    public static async Task<JsonObject> Read(HttpResponseMessage response, HttpStatusCode status, string? field = null, int? row = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal((int)status, (int)problem["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)problem["title"]));
        Assert.False(string.IsNullOrEmpty((string?)problem["detail"]));
        if (field is not null)
            Assert.Equal(field, (string?)problem["field"]);
        if (row is not null)
            Assert.Equal(row, (int?)problem["row"]);
        return problem;
    }
}
