using Kiln.Workflow.Configuration;

namespace Kiln.Workflow.Tests.Configuration;

public sealed class KilnYamlErrorTests
{
    private const string TopKeys = "Allowed keys: name, namespace, job_name, environment, data, target, ignore, task, metric, seed, split, validation, candidates.";
    private const string NameRule = "1 to 64 letters, digits, '-' or '_', starting with a letter or digit";

    public KilnYamlErrorTests() => TestLearners.Ensure();

    public static TheoryData<int, string?, string> OneLineErrors => new()
    {
        { 5, "targt: species", $"kiln.yaml, line 5: unknown key 'targt'; did you mean 'target'? {TopKeys}" },
        { 5, "colour: species", $"kiln.yaml, line 5: unknown key 'colour'. {TopKeys}" },
        { 5, null, "kiln.yaml: missing key 'target', the column to predict; add a line like 'target: species'." },
        { 1, null, "kiln.yaml: missing key 'name', the model's name; add a line like 'name: churn'." },
        { 4, null, "kiln.yaml: missing key 'data', the data file; add a line like 'data: data/train.csv'." },
        { 9, "seed: abc", "kiln.yaml, line 9, 'seed': expected a whole number, got 'abc'." },
        { 9, "seed: 4.2", "kiln.yaml, line 9, 'seed': expected a whole number, got '4.2'." },
        { 9, "seed: -1", "kiln.yaml, line 9, 'seed': expected a whole number from 0 to 18446744073709551615, got '-1'." },
        { 9, "seed: 18446744073709551616", "kiln.yaml, line 9, 'seed': expected a whole number from 0 to 18446744073709551615, got '18446744073709551616'." },
        { 9, "seed: [1]", "kiln.yaml, line 9, 'seed': expected a whole number, got a list." },
        { 1, "name: my model", $"kiln.yaml, line 1, 'name': expected a model name of {NameRule}, got 'my model'." },
        { 1, "name: ../evil", $"kiln.yaml, line 1, 'name': expected a model name of {NameRule}, got '../evil'." },
        { 1, "name: \"a\\0b\"", $"kiln.yaml, line 1, 'name': expected a model name of {NameRule}, got 'a\\u0000b'." },
        { 1, "name: " + new string('m', 65), $"kiln.yaml, line 1, 'name': expected a model name of {NameRule}, got '{new string('m', 65)}'." },
        { 1, "name:", "kiln.yaml, line 1, 'name': expected a model name, got nothing." },
        { 1, "name: {a: 1}", "kiln.yaml, line 1, 'name': expected a model name, got a map of keys and values." },
        { 2, "namespace: -x", $"kiln.yaml, line 2, 'namespace': expected a namespace of {NameRule}, got '-x'." },
        { 3, "job_name: a/b", $"kiln.yaml, line 3, 'job_name': expected a job name of {NameRule}, got 'a/b'." },
        { 5, "target: ''", "kiln.yaml, line 5, 'target': expected the name of the column to predict, got an empty text." },
        { 7, "task: clasification", "kiln.yaml, line 7, 'task': expected classification or regression, got 'clasification'; did you mean 'classification'?" },
        { 7, "task: clustering", "kiln.yaml, line 7, 'task': expected classification or regression, got 'clustering'." },
        { 10, "split: {train: 0.7, validation: 0.2, test: 0.15}", "kiln.yaml, line 10, 'split': train, validation and test add up to 1.05; they must add up to 1." },
        { 10, "split: {train: 1.5, test: 0.2}", "kiln.yaml, line 10, 'split.train': expected a number from 0 to 1, got '1.5'." },
        { 10, "split: {train: half, test: 0.2}", "kiln.yaml, line 10, 'split.train': expected a number from 0 to 1, got 'half'." },
        { 10, "split: {train: 0.9, test: 0.2}", "kiln.yaml, line 10, 'split': the shares given already add up to 1.1; train, validation and test must add up to 1." },
        { 10, "split: {test: 0.2}", "kiln.yaml, line 10, 'split': give at least two of train, validation and test (the third is what is left of 1), e.g. '{train: 0.7, validation: 0.15, test: 0.15}'." },
        { 10, "split: {train: 0.85, validation: 0.15, test: 0}", "kiln.yaml, line 10, 'split.test': the test share must be above 0: Kiln always keeps a sealed test part." },
        { 10, "split: {train: 0.7, tset: 0.3}", "kiln.yaml, line 10: unknown key 'tset' in 'split'; did you mean 'test'? Allowed keys: train, validation, test." },
        { 10, "split: 0.7", "kiln.yaml, line 10, 'split': expected the shares as a map ('{train: 0.7, validation: 0.15, test: 0.15}'), got '0.7'." },
        { 11, "validation: {method: kfold, folds: 1}", "kiln.yaml, line 11, 'validation.folds': expected a whole number of at least 2, got '1'." },
        { 11, "validation: {method: kfold, repeats: 0}", "kiln.yaml, line 11, 'validation.repeats': expected a whole number of at least 1, got '0'." },
        { 11, "validation: {method: leave_one_out}", "kiln.yaml, line 11, 'validation.method': expected one of kfold, stratified_kfold, holdout, got 'leave_one_out'." },
        { 11, "validation: {method: k_fold}", "kiln.yaml, line 11, 'validation.method': expected one of kfold, stratified_kfold, holdout, got 'k_fold'; did you mean 'kfold'?" },
        { 11, "validation: {method: holdout, folds: 3}", "kiln.yaml, line 11, 'validation.folds': holdout scores once on the validation part and has no folds or repeats; remove the key, or use kfold." },
        { 11, "validation: {method: kfold, fold: 3}", "kiln.yaml, line 11: unknown key 'fold' in 'validation'; did you mean 'folds'? Allowed keys: method, folds, repeats." },
        { 6, "ignore: [species]", "kiln.yaml, line 6, 'ignore': the target 'species' cannot also be ignored; remove it from the list." },
        { 6, "ignore: [a, a]", "kiln.yaml, line 6, 'ignore': column 'a' is listed twice; list it once." },
        { 6, "ignore: [a, [b]]", "kiln.yaml, line 6, 'ignore': expected a column name, got a list." },
        { 4, "data: data/penguins.xlsx", "kiln.yaml, line 4, 'data': cannot tell the format of 'penguins.xlsx' from its extension (.csv, .tsv, .txt, .gz, .parquet or .pq); write 'data: {path: ..., format: csv}' or 'format: parquet'." },
        { 4, "data: {path: x.csv, format: excel}", "kiln.yaml, line 4, 'data.format': expected csv or parquet, got 'excel'." },
        { 4, "data: {path: x.csv, schema: {a: number}}", "kiln.yaml, line 4, 'data.schema.a': expected one of numeric, categorical, boolean, datetime, text, got 'number'." },
        { 4, "data: {path: x.csv, schema: [a]}", "kiln.yaml, line 4, 'data.schema': expected column kinds by column name ('{price: numeric, zip: categorical}'), got a list." },
        { 4, "data: {file: x.csv}", "kiln.yaml, line 4: unknown key 'file' in 'data'. Allowed keys: path, format, schema." },
        { 4, "data: {format: csv}", "kiln.yaml, line 4, 'data': missing 'path', the data file; write 'data: {path: data/train.csv}'." },
        { 4, "data: \"a\\0b.csv\"", "kiln.yaml, line 4, 'data': the path 'a\\u0000b.csv' contains a NUL character." },
        { 9, "seed: 42\nseed: 7", "kiln.yaml, line 10: key 'seed' appears twice in the same map; keep one." },
        { 13, "  - test_lineer", "kiln.yaml, line 13, 'candidates': unknown learner 'test_lineer'; did you mean 'test_linear'? Learners for classification: " },
        { 14, "  - test_tree: {max_dept: 8}", "kiln.yaml, line 14, 'test_tree': unknown hyperparameter 'max_dept'; did you mean 'max_depth'? Allowed: criterion, max_depth, min_samples_split." },
        { 14, "  - test_tree: {max_depth: deep}", "kiln.yaml, line 14, 'test_tree.max_depth': expected a whole number of at least 1, got 'deep'." },
        { 14, "  - test_tree:\n      criterion: gini\n      max_depth: 0", "kiln.yaml, line 16, 'test_tree.max_depth': expected a whole number of at least 1, got '0'." },
        { 14, "  - test_tree:\n      criterion: gini\n      depth: 3", "kiln.yaml, line 16, 'test_tree': unknown hyperparameter 'depth'. Allowed: criterion, max_depth, min_samples_split." },
        { 14, "  - test_tree: {criterion: ginni}", "kiln.yaml, line 14, 'test_tree.criterion': expected one of gini, entropy, got 'ginni'; did you mean 'gini'?" },
        { 14, "  - test_tree: {max_depth: {a: 1}}", "kiln.yaml, line 14, 'test_tree.max_depth': expected a value or a list of values, got a map of keys and values." },
        { 14, "  - test_tree: 8", "kiln.yaml, line 14, 'test_tree': expected the hyperparameters as a map ('- decision_tree: {max_depth: 8}'), got '8'." },
        { 14, "  - test_net", "kiln.yaml, line 14, 'candidates': 'test_net' does regression only, but the task is classification. Learners for classification: " },
        { 14, "  - dummy: {strategy: constant}", "kiln.yaml, line 14, 'dummy': Strategy 'constant' needs Constant, the class label to predict." },
        { 14, "  - test_tree: {max_depth: 8}\n    test_linear:", "kiln.yaml, line 14, 'candidates': each item is one learner, with or without options ('- decision_tree: {max_depth: 8}'), but this one has 2 keys; start each learner with '- '." },
        { 14, "  - test_linear", "kiln.yaml, line 14, 'candidates': 'test_linear' is listed twice with the same options; list it once." },
        { 8, "metric: acuracy", "kiln.yaml, line 8, 'metric': unknown metric 'acuracy'; did you mean 'accuracy'? Classification metrics: accuracy, balanced_accuracy," },
        { 8, "metric: rmse", "kiln.yaml, line 8, 'metric': 'rmse' is a regression metric, but the task is classification. Classification metrics: accuracy, balanced_accuracy," },
    };

    [Theory]
    [MemberData(nameof(OneLineErrors))]
    public void Parse_OneBadLine_NamesLineKeyAndAllowedValues(int line, string? replacement, string expected)
    {
        var error = Assert.Throws<KilnConfigException>(() => KilnYaml.Parse(KilnYamlSamples.With(line, replacement), "kiln.yaml", "/p"));

        if (expected.EndsWith(": ", StringComparison.Ordinal) || expected.EndsWith(','))
            Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        else
            Assert.Equal(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Parse_ErrorLocation_IsOnTheException()
    {
        var error = Assert.Throws<KilnConfigException>(() => KilnYaml.Parse(KilnYamlSamples.With(9, "seed:   abc"), "examples/kiln.yaml", "/p"));

        Assert.Equal("examples/kiln.yaml", error.File);
        Assert.Equal(new SourceLocation(9, 9), error.Location);
        Assert.Equal("seed", error.Key);
    }

    [Fact]
    public void Parse_HoldoutWithoutValidationShare_Refused()
    {
        var text = KilnYamlSamples.With((10, "split: {train: 0.8, test: 0.2}"), (11, "validation: holdout"));

        var error = Assert.Throws<KilnConfigException>(() => KilnYaml.Parse(text, "kiln.yaml", "/p"));

        Assert.Equal("kiln.yaml, line 11, 'validation.method': holdout scores candidates on the validation part, but split.validation is 0; give the validation part a share or use kfold.", error.Message);
    }

    [Fact]
    public void Parse_StratifiedRegression_Refused()
    {
        var text = KilnYamlSamples.With((7, "task: regression"), (8, "metric: rmse"), (11, "validation: stratified_kfold"));

        var error = Assert.Throws<KilnConfigException>(() => KilnYaml.Parse(text, "kiln.yaml", "/p"));

        Assert.Equal("kiln.yaml, line 11, 'validation.method': stratified_kfold keeps class shares, but the task is regression; use kfold or holdout.", error.Message);
    }

    [Fact]
    public void Parse_EmptyCandidateList_Refused()
    {
        var text = KilnYamlSamples.With((12, "candidates: []"), (13, null), (14, null));

        var error = Assert.Throws<KilnConfigException>(() => KilnYaml.Parse(text, "kiln.yaml", "/p"));

        Assert.Equal("kiln.yaml, line 12, 'candidates': the list is empty; list at least one learner, or remove 'candidates' to try every learner of the task.", error.Message);
    }

    [Theory]
    [InlineData("", "kiln.yaml: the file is empty; it needs at least 'name', 'data' and 'target' (kiln init writes a starting point).")]
    [InlineData("# only a comment\n", "kiln.yaml: the file is empty; it needs at least 'name', 'data' and 'target' (kiln init writes a starting point).")]
    [InlineData("- a\n- b\n", "kiln.yaml, line 1: expected keys and values ('name: churn'), got a list.")]
    [InlineData("just text\n", "kiln.yaml, line 1: expected keys and values ('name: churn'), got 'just text'.")]
    [InlineData("[a, b]: 1\n", "kiln.yaml, line 1: expected a key name, got a list.")]
    [InlineData("name: a\n---\nname: b\n", "kiln.yaml, line 3: the file holds 2 YAML documents (separated by '---'); write one.")]
    public void Parse_NotAKilnYamlShape_SaysWhatItIs(string text, string expected)
    {
        var error = Assert.Throws<KilnConfigException>(() => KilnYaml.Parse(text, "kiln.yaml", "/p"));

        Assert.Equal(expected, error.Message);
    }

    [Theory]
    [InlineData("name: m\nsplit: {train: 0.7, test: 0.3\ndata: x.csv\n", "kiln.yaml, line 2: this is not valid YAML after this point; check the brackets, quotes and indentation.")]
    [InlineData("name: m\ntarget: 'species\ndata: x.csv\n", "kiln.yaml, line 2: this is not valid YAML: while scanning a quoted scalar, found unexpected end of stream.")]
    [InlineData("name: m\n  target: y\n", "kiln.yaml, line 2: this is not valid YAML: while scanning a plain scalar value, found invalid mapping.")]
    public void Parse_BrokenYaml_NamesTheLine(string text, string expected)
    {
        var error = Assert.Throws<KilnConfigException>(() => KilnYaml.Parse(text, "kiln.yaml", "/p"));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(200_000)]
    public void Parse_DeepNesting_RefusedWithoutOverflow(int depth)
    {
        var text = "name: " + new string('[', depth) + new string(']', depth) + "\n";

        var error = Assert.Throws<KilnConfigException>(() => KilnYaml.Parse(text, "kiln.yaml", "/p"));

        Assert.Equal("kiln.yaml, line 1: the file nests lists and maps more than 16 levels deep; a kiln.yaml needs at most 5.", error.Message);
    }

    [Fact]
    public void Parse_HugeText_Refused()
    {
        var text = "name: m\n#" + new string('x', 1 << 20) + "\n";

        var error = Assert.Throws<KilnConfigException>(() => KilnYaml.Parse(text, "kiln.yaml", "/p"));

        Assert.StartsWith("kiln.yaml: the file has 1048586 characters; a kiln.yaml has at most 1048576.", error.Message, StringComparison.Ordinal);
    }
}
