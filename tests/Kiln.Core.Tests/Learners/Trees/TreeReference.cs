using System.Text.Json;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Learners.Trees;
using Kiln.TestKit;

namespace Kiln.Core.Tests.Learners.Trees;

// Reads tests/reference/trees.json (written by tests/reference/trees.py) and rebuilds what each case was fitted on.
internal static class TreeReference
{
    private static readonly Lazy<JsonElement> Root = new(() => ReferenceData.Load("trees.json"));

    public static JsonElement[] ExactCases => [.. Root.Value.GetProperty("exact").EnumerateArray()];

    public static JsonElement[] CrossValidationCases => [.. Root.Value.GetProperty("cv").EnumerateArray()];

    public static JsonElement Exact(string name) => ExactCases.Single(item => item.GetProperty("name").GetString() == name);

    public static bool IsClassification(JsonElement item) => item.GetProperty("task").GetString() == "classification";

    public static TrainingSet Data(string dataset, string weights = "none")
    {
        var data = TestData.TrainingSet(dataset + ".csv", "target");
        var rows = data.RowCount;
        double[]? values = weights switch
        {
            "none" => null,
            "integer" => [.. Enumerable.Range(0, rows).Select(row => (double)(row % 3))],
            "fractional" => [.. Enumerable.Range(0, rows).Select(row => 0.25 + (row * 37 % 11 / 4.0))],
            _ => throw new ArgumentException($"Unknown weight scheme '{weights}'.", nameof(weights)),
        };
        return values is null ? data : new TrainingSet(data.Features, data.Target, NumericColumn.FromOwned("weight", values));
    }

    public static DecisionTreeClassifierOptions ClassifierOptions(JsonElement parameters, ulong seed)
    {
        var options = new DecisionTreeClassifierOptions { Seed = seed };
        foreach (var parameter in parameters.EnumerateObject())
        {
            options = parameter.Name switch
            {
                "criterion" => options with { Criterion = parameter.Value.GetString()! },
                "class_weight" => options with { ClassWeight = parameter.Value.GetString() },
                _ => ApplyLimit(options, parameter),
            };
        }
        return options;
    }

    public static DecisionTreeRegressorOptions RegressorOptions(JsonElement parameters, ulong seed)
    {
        var options = new DecisionTreeRegressorOptions { Seed = seed };
        foreach (var parameter in parameters.EnumerateObject())
        {
            var limits = ApplyLimit(new DecisionTreeClassifierOptions(), parameter);
            options = options with
            {
                MaxDepth = limits.MaxDepth ?? options.MaxDepth,
                MinSamplesSplit = parameter.Name == "min_samples_split" ? limits.MinSamplesSplit : options.MinSamplesSplit,
                MinSamplesLeaf = parameter.Name == "min_samples_leaf" ? limits.MinSamplesLeaf : options.MinSamplesLeaf,
                MinWeightFractionLeaf = parameter.Name == "min_weight_fraction_leaf" ? limits.MinWeightFractionLeaf : options.MinWeightFractionLeaf,
                MaxFeatures = limits.MaxFeatures ?? options.MaxFeatures,
                MaxLeafNodes = limits.MaxLeafNodes ?? options.MaxLeafNodes,
                MinImpurityDecrease = parameter.Name == "min_impurity_decrease" ? limits.MinImpurityDecrease : options.MinImpurityDecrease,
            };
        }
        return options;
    }

    // Fits the case's learner on `data` and returns the model as its interface, plus its tree.
    public static (IPredictor Model, DecisionTree Tree) Fit(JsonElement item, TrainingSet data, ulong seed)
    {
        var parameters = item.GetProperty("params");
        if (IsClassification(item))
        {
            var model = new DecisionTreeClassifier(ClassifierOptions(parameters, seed)).Fit(data);
            return (model, model.Tree);
        }
        var regressor = new DecisionTreeRegressor(RegressorOptions(parameters, seed)).Fit(data);
        return (regressor, regressor.Tree);
    }

    private static DecisionTreeClassifierOptions ApplyLimit(DecisionTreeClassifierOptions options, JsonProperty parameter) => parameter.Name switch
    {
        "max_depth" => options with { MaxDepth = parameter.Value.GetInt32() },
        "min_samples_split" => options with { MinSamplesSplit = parameter.Value.GetInt32() },
        "min_samples_leaf" => options with { MinSamplesLeaf = parameter.Value.GetInt32() },
        "min_weight_fraction_leaf" => options with { MinWeightFractionLeaf = parameter.Value.GetDouble() },
        "max_features" => options with { MaxFeatures = parameter.Value.GetString() },
        "max_leaf_nodes" => options with { MaxLeafNodes = parameter.Value.GetInt32() },
        "min_impurity_decrease" => options with { MinImpurityDecrease = parameter.Value.GetDouble() },
        _ => throw new ArgumentException($"The reference uses parameter '{parameter.Name}', which the tests do not map.", nameof(parameter)),
    };
}
