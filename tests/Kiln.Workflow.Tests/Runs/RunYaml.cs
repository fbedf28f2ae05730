namespace Kiln.Workflow.Tests.Runs;

/// <summary>kiln.yaml texts for the run tests: small folds, so that the suite stays fast.</summary>
internal static class RunYaml
{
    public static string Penguins(string extra = "", string candidates = "  - dummy: {strategy: most_frequent}") =>
        $$"""
        name: penguins
        namespace: tests
        data: penguins.csv
        target: species
        seed: 7
        validation: {folds: 3}
        {{extra}}
        candidates:
        {{candidates}}
        """;

    public static string Diabetes(string extra = "", string candidates = "  - dummy: {strategy: median}") =>
        $$"""
        name: diabetes
        namespace: tests
        data: diabetes.csv
        target: target
        seed: 11
        validation: {method: kfold, folds: 4}
        {{extra}}
        candidates:
        {{candidates}}
        """;
}
