namespace Kiln.Workflow.Tests.Configuration;

internal static class KilnYamlSamples
{
    public const string BaseDirectory = "/work/project";

    /// <summary>The README's example with this test project's learners; line numbers matter to the error tests.</summary>
    public static readonly string[] Example =
    [
        "name: penguins              # model name",                    // 1
        "namespace: examples",                                          // 2
        "job_name: penguins-try-1",                                     // 3
        "data: data/penguins.csv",                                      // 4
        "target: species",                                              // 5
        "ignore: [row_id]",                                             // 6
        "task: classification",                                         // 7
        "metric: accuracy",                                             // 8
        "seed: 42",                                                     // 9
        "split: {train: 0.7, validation: 0.15, test: 0.15}",            // 10
        "validation: {method: kfold, folds: 5, repeats: 1}",            // 11
        "candidates:",                                                  // 12
        "  - test_linear",                                              // 13
        "  - test_tree: {max_depth: 8}",                                // 14
    ];

    /// <summary>The example with line <paramref name="line"/> (1-based) replaced; null removes it, a text with '\n' inserts lines.</summary>
    public static string With(int line, string? replacement) => With((line, replacement));

    /// <summary>The example with several lines replaced, numbered as in <see cref="Example"/>.</summary>
    public static string With(params (int Line, string? Replacement)[] changes)
    {
        var lines = Example.ToList();
        foreach (var (line, replacement) in changes.OrderByDescending(change => change.Line))
        {
            if (replacement is null)
                lines.RemoveAt(line - 1);
            else
                lines[line - 1] = replacement;
        }
        return string.Join("\n", lines) + "\n";
    }

    public static string Text => string.Join("\n", Example) + "\n";
}
