using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Kiln.Core.Preparation;
using Kiln.Serving.Routing;

namespace Kiln.Serving.Tests.Routing;

public sealed class ModelLeaseTests(MassVersions versions) : IClassFixture<MassVersions>
{
    [Fact]
    public async Task Swap_RequestStartedOnTheOldVersion_FinishesOnItAndOnlyThenIsItReleased()
    {
        var gated = new GatedPredictor(versions.First.Predictor);
        var old = new ServedModel("mass", 1, ["mass@champion"], new PipelineModel(versions.First.Preparation, gated));
        var catalog = new ModelCatalog([old]);
        await using var server = await ServerHarness.StartAsync(catalog);

        var first = Task.Run(() => server.PostJsonAsync("/invocations", versions.DataframeSplit()));
        await gated.Entered.Task.WaitAsync(TimeSpan.FromMinutes(1));
        catalog.Swap(catalog.Slots.Single(), new ServedModel("mass", 2, [], versions.Second));
        using (var second = await server.PostJsonAsync("/invocations", versions.DataframeSplit()))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.Equal("2", second.Headers.GetValues(ServingApp.VersionHeader).Single());
            Assert.Equal(versions.Expected[1], await PredictionsAsync(second));
        }
        Assert.False(old.IsReleased);
        Assert.False(gated.Disposed);
        gated.Open();
        using var answer = await first;

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("1", answer.Headers.GetValues(ServingApp.VersionHeader).Single());
        Assert.Equal(versions.Expected[0], await PredictionsAsync(answer));
        Assert.False(gated.UsedAfterDisposal);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!old.IsReleased && DateTime.UtcNow < deadline)
            await Task.Delay(5);
        Assert.True(old.IsReleased);
        Assert.True(gated.Disposed);
    }

    [Fact]
    public void Retire_NoLease_ReleasesAtOnce()
    {
        var gated = new GatedPredictor(versions.First.Predictor);
        var model = new ServedModel("mass", 1, [], new PipelineModel(versions.First.Preparation, gated));

        model.Retire();

        Assert.True(model.IsReleased);
        Assert.True(gated.Disposed);
        Assert.False(model.TryAcquire());
    }

    [Fact]
    public void Retire_WhileLeased_ReleasesWithTheLastLease()
    {
        var gated = new GatedPredictor(versions.First.Predictor);
        var model = new ServedModel("mass", 1, [], new PipelineModel(versions.First.Preparation, gated));
        Assert.True(model.TryAcquire());
        Assert.True(model.TryAcquire());

        model.Retire();
        model.Release();
        var afterOne = gated.Disposed;
        model.Release();

        Assert.False(afterOne);
        Assert.True(gated.Disposed);
        Assert.False(model.TryAcquire());
    }

    [Fact]
    public void Swap_SlotsShareAVersion_RetiredOnlyWhenNoSlotServesIt()
    {
        var gated = new GatedPredictor(versions.First.Predictor);
        var shared = new ServedModel("mass", 1, ["mass@champion", "mass/1"], new PipelineModel(versions.First.Preparation, gated));
        var catalog = new ModelCatalog([shared]);
        var alias = catalog.Slots.Single(slot => slot.Follows);

        catalog.Swap(alias, new ServedModel("mass", 2, [], versions.Second));

        Assert.False(shared.IsReleased);
        Assert.Equal(["mass/1"], shared.References);
        Assert.Equal(["mass@champion"], catalog.Find("mass", 2)!.References);
        Assert.Equal(2, catalog.Find("mass")!.Version);
    }

    private static async Task<double[]> PredictionsAsync(HttpResponseMessage response) =>
        [.. JsonNode.Parse(await response.Content.ReadAsStringAsync())!["predictions"]!.AsArray().Select(value => double.Parse(value!.ToJsonString(), CultureInfo.InvariantCulture))];
}
