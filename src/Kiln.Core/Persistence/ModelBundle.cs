using Kiln.Core.Learners;

namespace Kiln.Core.Persistence;

/// <summary>Saves and loads models as <c>.kiln</c> bundles (DESIGN §5).</summary>
public static class ModelBundle
{
    /// <summary>Saves <paramref name="model"/> to <paramref name="path"/> atomically.</summary>
    public static void Save(IModel model, string path) => throw new NotImplementedException();

    /// <summary>Loads a model from <paramref name="path"/>.</summary>
    public static IModel Load(string path) => throw new NotImplementedException();
}
