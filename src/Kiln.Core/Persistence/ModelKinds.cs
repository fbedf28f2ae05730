using Kiln.Core.Learners;

namespace Kiln.Core.Persistence;

/// <summary>The fixed table that maps a bundle's model kind to the code that reads it; no type name from a file is ever instantiated.</summary>
public static class ModelKinds
{
    /// <summary>Adds a kind from an assembly outside Kiln.Core (Kiln.LightGbm, say).</summary>
    public static void Register(string kind, Func<BundleReader, IModel> load) => throw new NotImplementedException();
}
