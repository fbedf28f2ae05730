using Kiln.Core.Data;
using Kiln.Core.Persistence;

namespace Kiln.LightGbm;

/// <summary>Registers the LightGBM model kinds with <see cref="ModelKinds"/>, so bundles holding them load.</summary>
public static class LightGbmModels
{
    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>Registers <c>lightgbm_classifier</c> and <c>lightgbm_regressor</c>; calling it again does nothing.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered)
                return;
            ModelKinds.Register(LightGbmClassifierModel.ModelKind, LightGbmClassifierModel.Load);
            ModelKinds.Register(LightGbmRegressorModel.ModelKind, LightGbmRegressorModel.Load);
            _registered = true;
        }
    }

    internal static Schema ReadInputs(BundleReader reader)
    {
        var schema = reader.ReadSchema("inputs");
        if (schema.Count == 0)
            throw reader.Invalid("the model has no input columns");
        foreach (var column in schema)
        {
            if (column.Kind != ColumnKind.Numeric)
                throw reader.Invalid($"input column '{column.Name}' is {column.Kind}; the model takes numeric columns only");
        }
        return schema;
    }
}
