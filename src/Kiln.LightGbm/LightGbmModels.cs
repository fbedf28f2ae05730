using Kiln.Core.Learners;
using Kiln.Core.Persistence;

namespace Kiln.LightGbm;

/// <summary>
/// Registers LightGBM with Kiln: the model kinds with <see cref="ModelKinds"/>, so bundles holding them load, and the
/// learner <c>lightgbm</c> with <see cref="LearnerCatalog"/>, so kiln.yaml can name it.
/// </summary>
public static class LightGbmModels
{
    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>The learner's name in kiln.yaml.</summary>
    public const string LearnerName = "lightgbm";

    /// <summary>Registers <c>lightgbm_classifier</c>, <c>lightgbm_regressor</c> and the learner <c>lightgbm</c>; calling it again does nothing.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered)
                return;
            ModelKinds.Register(LightGbmClassifierModel.ModelKind, LightGbmClassifierModel.Load);
            ModelKinds.Register(LightGbmRegressorModel.ModelKind, LightGbmRegressorModel.Load);
            LearnerCatalog.Register(
                LearnerName,
                classification: options => new LightGbmClassifier(options.Bind<LightGbmOptions>()),
                regression: options => new LightGbmRegressor(options.Bind<LightGbmOptions>()),
                description: "Gradient-boosted trees by LightGBM (native library, C API): binary, multiclass and regression objectives.");
            _registered = true;
        }
    }
}
