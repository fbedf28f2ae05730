using Kiln.Core;
using Kiln.Tracking.Registry;

namespace Kiln.Serving.Tests;

public sealed class ModelCatalogTests(PenguinModels models) : IClassFixture<PenguinModels>
{
    [Fact]
    public void Load_NameAliasAndVersion_ResolveThroughTheRegistry()
    {
        var catalog = models.Catalog("species", "species@champion", "mass/1");

        Assert.Equal(["species/2", "species/1", "mass/1"], catalog.Models.Select(model => model.ToString()));
        Assert.Equal(["species"], catalog.Find("species", 2)!.References);
        Assert.Equal(["species@champion"], catalog.Find("species", 1)!.References);
        Assert.Equal(2, catalog.Find("species")!.Version);
        Assert.Equal(["species", "mass"], catalog.Names);
        Assert.Equal(models.Classifier.Classes, catalog.Find("species")!.Classes);
        Assert.Null(catalog.Find("mass")!.Classes);
        Assert.Equal(models.Regressor.InputSchema, catalog.Find("mass")!.Inputs);
    }

    [Fact]
    public void Load_TwoReferencesToOneVersion_LoadItOnceWithBoth()
    {
        var catalog = models.Catalog("species@champion", "species/1");

        var served = Assert.Single(catalog.Models);
        Assert.Equal(["species@champion", "species/1"], served.References);
    }

    [Fact]
    public void Load_UnknownAlias_ThrowsNamingWhatExists()
    {
        var exception = Assert.Throws<KilnException>(() => models.Catalog("species@staging"));

        Assert.Contains("champion", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BundleGone_ThrowsNamingTheFile()
    {
        var folder = Path.Combine(models.Folder, "gone");
        using var registry = SqliteModelRegistry.Open(folder, TimeProvider.System);
        var copy = Path.Combine(models.Folder, "gone.kiln");
        File.Copy(Path.Combine(models.Folder, "species.kiln"), copy);
        registry.Register("gone", ModelRegistration.FromBundle(copy));
        File.Delete(copy);

        var exception = Assert.Throws<KilnException>(() => ModelCatalog.Load(registry, [ModelReference.Latest("gone")]));

        Assert.Contains($"registered with the bundle {copy}, which no longer exists", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ServingApp_AuthRequiredWithoutConfiguration_Refuses()
    {
        var exception = Assert.Throws<ArgumentException>(() => new ServingApp(models.Catalog("species"), new ServingOptions()));

        Assert.Contains("requires authentication", exception.Message, StringComparison.Ordinal);
    }
}
