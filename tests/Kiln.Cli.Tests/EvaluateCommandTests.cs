namespace Kiln.Cli.Tests;

/// <summary>Behaviour of <c>kiln evaluate</c> beyond the numbers: inference, labels, output forms and user errors.</summary>
public sealed class EvaluateCommandTests : IDisposable
{
    private const string Binary = "y,prediction,proba_1\n0,0,0.2\n1,1,0.9\n1,0,0.4\n0,1,0.6\n1,1,0.8\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Evaluate_FloatTarget_InfersRegressionAndSaysSo()
    {
        var path = _folder.Write("regression.csv", "y,pred\n1.5,1.0\n2.0,2.5\n3.25,3.0\n");

        var result = CliRun.Invoke("evaluate", "--input", path, "--target", "y", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("task: regression (inferred", result.Error, StringComparison.Ordinal);
        // mse = (0.25 + 0.25 + 0.0625) / 3
        Assert.Equal(0.1875, result.Json["mse"]!.GetValue<double>(), 1e-15);
    }

    [Fact]
    public void Evaluate_ManyDistinctWholeNumbers_InfersRegression()
    {
        var rows = string.Concat(Enumerable.Range(0, 25).Select(i => $"{i * 10},{i * 10 + 1}\n"));
        var path = _folder.Write("counts.csv", "y,prediction\n" + rows);

        var result = CliRun.Invoke("evaluate", "--input", path, "--target", "y", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("25 distinct values", result.Error, StringComparison.Ordinal);
        Assert.Equal(1.0, result.Json["max_error"]!.GetValue<double>());
    }

    [Fact]
    public void Evaluate_FewWholeNumbers_InfersClassification()
    {
        var path = _folder.Write("classes.csv", "y,prediction\n0,0\n1,1\n2,1\n");

        var result = CliRun.Invoke("evaluate", "--input", path, "--target", "y", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("task: classification (inferred", result.Error, StringComparison.Ordinal);
        Assert.Equal(2.0 / 3.0, result.Json["accuracy"]!.GetValue<double>(), 1e-15);
    }

    [Fact]
    public void Evaluate_LabelsWrittenTwoWays_AreOneClass()
    {
        // "1" and "1.0" are the same label; categorical prediction text against a numeric target.
        var path = _folder.Write("mixed.csv", "y,prediction\n1,1.0\n0,0.0\n1,0\n0,0\n");

        var result = CliRun.Invoke("evaluate", "--input", path, "--target", "y", "--task", "classification", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0.75, result.Json["accuracy"]!.GetValue<double>());
        Assert.Equal(["0", "1"], result.Json["confusion_matrix"]!["labels"]!.AsArray().Select(label => label!.GetValue<string>()));
    }

    [Fact]
    public void Evaluate_NumericLabels_SortNumerically()
    {
        var path = _folder.Write("numbers.csv", "y,prediction\n10,10\n9,9\n2,10\n");

        var result = CliRun.Invoke("evaluate", "--input", path, "--target", "y", "--json");

        Assert.Equal(["2", "9", "10"], result.Json["confusion_matrix"]!["labels"]!.AsArray().Select(label => label!.GetValue<string>()));
    }

    [Fact]
    public void Evaluate_StringLabels_PositiveDefaultsToSecondClass()
    {
        var path = _folder.Write("animals.csv", "animal,pred,proba_dog\ncat,cat,0.1\ndog,dog,0.8\ndog,cat,0.3\n");

        var result = CliRun.Invoke("evaluate", "--input", path, "--target", "animal", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("positive class: dog", result.Error, StringComparison.Ordinal);
        Assert.Equal(0.5, result.Json["recall_binary"]!.GetValue<double>());
        Assert.Equal(1.0, result.Json["roc_auc"]!.GetValue<double>());
    }

    [Fact]
    public void Evaluate_PositiveOption_ChangesBinaryMetrics()
    {
        var path = _folder.Write("binary.csv", Binary);

        var result = CliRun.Invoke("evaluate", "--input", path, "--target", "y", "--positive", "0", "--json");

        Assert.Equal(0, result.ExitCode);
        // Class 0: two true rows, one predicted 0 (row 1); predicted 0 twice (rows 1 and 3).
        Assert.Equal(0.5, result.Json["recall_binary"]!.GetValue<double>());
        Assert.Equal(0.5, result.Json["precision_binary"]!.GetValue<double>());
    }

    [Fact]
    public void Evaluate_NoProbabilities_OmitsProbabilityMetrics()
    {
        var path = _folder.Write("labels.csv", "y,prediction\na,a\nb,b\nb,a\n");

        var result = CliRun.Invoke("evaluate", "--input", path, "--target", "y", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.False(result.Json.ContainsKey("roc_auc"));
        Assert.False(result.Json.ContainsKey("log_loss"));
        Assert.True(result.Json.ContainsKey("f1_binary"));
    }

    [Fact]
    public void Evaluate_WithoutJson_PrintsAlignedTableAndLabelledConfusionMatrix()
    {
        var path = _folder.Write("binary.csv", Binary);

        var result = CliRun.Invoke("evaluate", "--input", path, "--target", "y");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n');
        var accuracy = lines.Single(line => line.StartsWith("accuracy ", StringComparison.Ordinal));
        var logLoss = lines.Single(line => line.StartsWith("log_loss ", StringComparison.Ordinal));
        Assert.Equal(accuracy.IndexOf("0.6", StringComparison.Ordinal), logLoss.IndexOf("0.", StringComparison.Ordinal));
        Assert.Contains("confusion matrix (rows: true class, columns: predicted class)", result.Out, StringComparison.Ordinal);
        Assert.Contains(lines, line => line.StartsWith("true \\ predicted  0  1", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("0                 1  1", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_MulticlassRowsNotSummingToOne_WarnsAndReportsRocAucError()
    {
        var path = _folder.Write("multi.csv", "y,prediction,proba_a,proba_b,proba_c\na,a,0.7,0.2,0.1\nb,b,0.1,0.5,0.1\nc,c,0.1,0.1,0.8\na,b,0.4,0.5,0.1\n");

        var result = CliRun.Invoke("evaluate", "--input", path, "--target", "y", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning: 1 row(s) of probabilities do not sum to 1", result.Error, StringComparison.Ordinal);
        Assert.Contains("row 2 sums to 0.7", result.Error, StringComparison.Ordinal);
        Assert.Contains("sum to 1", result.Json["roc_auc_ovr_macro"]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(result.Json["log_loss"]!.GetValue<double>() > 0);
    }

    [Fact]
    public void Evaluate_MissingTargetColumn_NamesItAndListsColumns()
    {
        var path = _folder.Write("binary.csv", Binary);

        var result = CliRun.Invoke("evaluate", "--input", path, "--target", "label");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: 'binary.csv' has no column 'label' (given by --target). Available columns: y, prediction, proba_1.", result.Error.Trim());
        Assert.Empty(result.Out);
    }

    [Fact]
    public void Evaluate_NoPredictionColumn_AsksForOption()
    {
        var path = _folder.Write("nopred.csv", "y,guess\n0,0\n1,1\n");

        var result = CliRun.Invoke("evaluate", "--input", path, "--target", "y");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--prediction", result.Error, StringComparison.Ordinal);
        Assert.Contains("Available columns: y, guess", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ProbabilityNotANumber_NamesColumnRowAndValue()
    {
        var path = _folder.Write("bad.csv", "y,prediction,proba_1\n0,0,0.2\n1,1,high\n");

        var result = CliRun.Invoke("evaluate", "--input", path, "--target", "y");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Column 'proba_1' holds 'high' in row 2; probabilities must be numbers in [0, 1].", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ProbabilityAboveOne_Fails()
    {
        var path = _folder.Write("above.csv", "y,prediction,proba_1\n0,0,0.2\n1,1,1.2\n");

        var result = CliRun.Invoke("evaluate", "--input", path, "--target", "y");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("holds '1.2' in row 2", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_MulticlassProbabilityColumnMissing_NamesClass()
    {
        var path = _folder.Write("partial.csv", "y,prediction,proba_a,proba_b\na,a,0.7,0.2\nb,b,0.1,0.5\nc,c,0.1,0.1\n");

        var result = CliRun.Invoke("evaluate", "--input", path, "--target", "y");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not for 'c'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RegressionTargetNotNumeric_Fails()
    {
        var path = _folder.Write("text.csv", "y,prediction\nlow,1.5\nhigh,2.5\n");

        var result = CliRun.Invoke("evaluate", "--input", path, "--target", "y", "--task", "regression");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("target column 'y' is not numeric (it holds 'low')", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_EmptyTargetCell_NamesRow()
    {
        var path = _folder.Write("hole.csv", "y,prediction\n1.5,1.0\n,2.0\n");

        var result = CliRun.Invoke("evaluate", "--input", path, "--target", "y", "--task", "regression");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is empty in row 2", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NegativeWeight_NamesRow()
    {
        var path = _folder.Write("weights.csv", "y,prediction,w\n1.5,1.0,1\n2.5,2.0,-1\n");

        var result = CliRun.Invoke("evaluate", "--input", path, "--target", "y", "--weight", "w");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The weight column 'w' is -1 in row 2", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_HeaderOnly_FailsWithNoRows()
    {
        var path = _folder.Write("header.csv", "y,prediction\n");

        var result = CliRun.Invoke("evaluate", "--input", path, "--target", "y");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no data rows", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_EmptyFile_FailsAsUserError()
    {
        var path = _folder.Write("empty.csv", string.Empty);

        var result = CliRun.Invoke("evaluate", "--input", path, "--target", "y");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_MissingFile_FailsAsUserError()
    {
        var result = CliRun.Invoke("evaluate", "--input", Path.Combine(_folder.Path, "absent.csv"), "--target", "y");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does not exist", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_PositiveNotAClass_ListsClasses()
    {
        var path = _folder.Write("binary.csv", Binary);

        var result = CliRun.Invoke("evaluate", "--input", path, "--target", "y", "--positive", "yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--positive 'yes' is not a class; the classes are 0, 1.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_UnknownTask_IsParseError()
    {
        var path = _folder.Write("binary.csv", Binary);

        var result = CliRun.Invoke("evaluate", "--input", path, "--target", "y", "--task", "ranking");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ranking", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_MissingRequiredOption_IsParseError()
    {
        var result = CliRun.Invoke("evaluate", "--target", "y");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--input", result.Error, StringComparison.Ordinal);
    }
}
