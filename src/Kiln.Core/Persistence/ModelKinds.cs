using System.Diagnostics.CodeAnalysis;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Baseline;
using Kiln.Core.Learners.Boosting;
using Kiln.Core.Learners.Ensembles;
using Kiln.Core.Learners.Linear;
using Kiln.Core.Learners.Neural;
using Kiln.Core.Learners.Trees;
using Kiln.Core.Preparation;

namespace Kiln.Core.Persistence;

/// <summary>The fixed table that maps a bundle's model kind to the code that reads it; no type name from a file is ever instantiated.</summary>
/// <remarks>
/// Kiln.Core's kinds are listed below, in one place. Other assemblies (Kiln.LightGbm, say) add theirs once at start-up
/// with <see cref="Register"/>. A kind is lowercase letters, digits and '_', starting with a letter, at most 64 characters.
/// </remarks>
public static class ModelKinds
{
    private static readonly Lock Gate = new();

    private static readonly Dictionary<string, Func<BundleReader, IModel>> Loaders = new(StringComparer.Ordinal)
    {
        [DummyClassifierModel.ModelKind] = DummyClassifierModel.Load,
        [DummyRegressorModel.ModelKind] = DummyRegressorModel.Load,
        [LogisticRegressionModel.ModelKind] = LogisticRegressionModel.Load,
        [LinearRegressionModel.ModelKind] = LinearRegressionModel.Load,
        [RidgeModel.ModelKind] = RidgeModel.Load,
        [SimpleImputerModel.ModelKind] = SimpleImputerModel.Load,
        [StandardScalerModel.ModelKind] = StandardScalerModel.Load,
        [OneHotEncoderModel.ModelKind] = OneHotEncoderModel.Load,
        [ColumnPreparerModel.ModelKind] = ColumnPreparerModel.Load,
        [PipelineModel.ModelKind] = PipelineModel.Load,
        [DecisionTreeClassifierModel.ModelKind] = DecisionTreeClassifierModel.Load,
        [DecisionTreeRegressorModel.ModelKind] = DecisionTreeRegressorModel.Load,
        [RandomForestClassifierModel.ModelKind] = RandomForestClassifierModel.Load,
        [RandomForestRegressorModel.ModelKind] = RandomForestRegressorModel.Load,
        [ExtraTreesClassifierModel.ModelKind] = ExtraTreesClassifierModel.Load,
        [ExtraTreesRegressorModel.ModelKind] = ExtraTreesRegressorModel.Load,
        [MlpClassifierModel.ModelKind] = MlpClassifierModel.Load,
        [MlpRegressorModel.ModelKind] = MlpRegressorModel.Load,
        [BaggingClassifierModel.ModelKind] = BaggingClassifierModel.Load,
        [BaggingRegressorModel.ModelKind] = BaggingRegressorModel.Load,
        [AdaBoostClassifierModel.ModelKind] = AdaBoostClassifierModel.Load,
        [AdaBoostRegressorModel.ModelKind] = AdaBoostRegressorModel.Load,
        [GradientBoostingClassifierModel.ModelKind] = GradientBoostingClassifierModel.Load,
        [GradientBoostingRegressorModel.ModelKind] = GradientBoostingRegressorModel.Load,
    };

    /// <summary>The known kinds, sorted.</summary>
    public static IReadOnlyList<string> Known
    {
        get
        {
            lock (Gate)
                return [.. Loaders.Keys.Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>Adds a kind from an assembly outside Kiln.Core.</summary>
    /// <param name="kind">The kind name models of this type return from <see cref="IModel.Kind"/>.</param>
    /// <param name="load">Reads a model from its bundle part; it must validate what it reads and never execute anything from the file.</param>
    /// <exception cref="ArgumentException">The kind is not a valid kind name, or is already registered.</exception>
    public static void Register(string kind, Func<BundleReader, IModel> load)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(load);
        if (!BundleNames.IsKind(kind))
            throw new ArgumentException($"'{kind}' is not a valid model kind: use lowercase letters, digits and '_', starting with a letter, at most {BundleNames.MaxKindLength} characters.", nameof(kind));
        lock (Gate)
        {
            if (!Loaders.TryAdd(kind, load))
                throw new ArgumentException($"Model kind '{kind}' is already registered; each kind has exactly one loader.", nameof(kind));
        }
    }

    /// <summary>Whether <paramref name="kind"/> is in the table.</summary>
    public static bool IsKnown(string kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        lock (Gate)
            return Loaders.ContainsKey(kind);
    }

    internal static bool TryGetLoader(string kind, [NotNullWhen(true)] out Func<BundleReader, IModel>? load)
    {
        lock (Gate)
            return Loaders.TryGetValue(kind, out load);
    }

    internal static void EnsureKnown(string kind, string parameterName)
    {
        if (!IsKnown(kind))
        {
            throw new ArgumentException(
                $"Model kind '{kind}' is not registered in ModelKinds, so a bundle holding it could not be loaded. Register the kind before saving (known: {string.Join(", ", Known)}).",
                parameterName);
        }
    }
}
