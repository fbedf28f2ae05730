using Kiln.Core;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.TestKit;

namespace Kiln.Workflow.Tests;

public sealed class TaskInferenceTests
{
    // Distinct-value counts checked with Python's csv module: diabetes 214 whole numbers, Glass 6, penguins 3, iris 3, breast_cancer 2.
    [Theory]
    [InlineData("diabetes.csv", "target", LearnerTask.Regression, "'target' holds whole numbers with 214 distinct values (more than 20)")]
    [InlineData("Glass.csv", "Type", LearnerTask.Classification, "'Type' holds whole numbers with only 6 distinct values")]
    [InlineData("penguins.csv", "species", LearnerTask.Classification, "'species' holds text with 3 distinct values")]
    [InlineData("iris.csv", "target", LearnerTask.Classification, "'target' holds text with 3 distinct values")]
    [InlineData("breast_cancer.csv", "target", LearnerTask.Classification, "'target' holds text with 2 distinct values")]
    [InlineData("penguins.csv", "body_mass_g", LearnerTask.Regression, "'body_mass_g' holds whole numbers with 94 distinct values (more than 20)")]
    [InlineData("penguins.csv", "bill_length_mm", LearnerTask.Regression, "'bill_length_mm' holds numbers with fractions")]
    public void Infer_BundledData_MatchesTheColumn(string file, string column, LearnerTask expected, string reason)
    {
        var table = CsvTable.Read(TestData.Path("data", file));

        var guess = TaskInference.Infer(table[column]);

        Assert.Equal(expected, guess.Task);
        Assert.Equal(reason, guess.Reason);
    }

    [Fact]
    public void Infer_TwentyWholeNumbers_Classification_TwentyOne_Regression()
    {
        var twenty = NumericColumn.FromOwned("y", [.. Enumerable.Range(0, 40).Select(i => (double)(i % 20))]);
        var twentyOne = NumericColumn.FromOwned("y", [.. Enumerable.Range(0, 42).Select(i => (double)(i % 21))]);

        Assert.Equal(LearnerTask.Classification, TaskInference.Infer(twenty).Task);
        Assert.Equal(LearnerTask.Regression, TaskInference.Infer(twentyOne).Task);
    }

    [Fact]
    public void Infer_MissingValues_Ignored()
    {
        var column = NumericColumn.FromOwned("y", [0, double.NaN, 1, 1, double.NaN]);

        Assert.Equal(new TaskGuess(LearnerTask.Classification, "'y' holds whole numbers with only 2 distinct values"), TaskInference.Infer(column));
    }

    [Fact]
    public void Infer_Boolean_Classification()
    {
        var column = new BooleanColumn("churned", [true, false, null]);

        Assert.Equal(new TaskGuess(LearnerTask.Classification, "'churned' holds true/false values"), TaskInference.Infer(column));
    }

    [Fact]
    public void Infer_AllMissing_Throws()
    {
        var error = Assert.Throws<KilnException>(() => TaskInference.Infer(NumericColumn.FromOwned("y", [double.NaN, double.NaN])));

        Assert.Equal("The target 'y' has no values: it is missing in all 2 rows. Choose a column that holds what to predict.", error.Message);
    }

    [Fact]
    public void Infer_DateTime_Throws()
    {
        var table = CsvTable.Read(new MemoryStream("when\n2024-01-01\n2024-01-02\n"u8.ToArray()), "dates.csv");

        var error = Assert.Throws<KilnException>(() => TaskInference.Infer(table["when"]));

        Assert.StartsWith("The target 'when' holds dates and times;", error.Message, StringComparison.Ordinal);
    }
}
