namespace Kiln.Core.Learners.Trees;

// What a tree needs from an impurity criterion, as scikit-learn's Criterion splits the work: node totals and impurity,
// then a left-to-right scan of one feature's sorted rows that scores every boundary with a proxy of the impurity decrease
// (a quantity that orders splits of one node as the decrease does, cheaper to compute). Implemented by structs, so the
// builder, generic over the criterion, is compiled once per criterion with the calls inlined.
internal interface ISplitCriterion
{
    // The number of totals per node: the class count, or 1 for regression.
    int Width { get; }

    // Sums the rows' totals into `totals` (weighted class counts, or the weighted target sum) and returns the node's
    // impurity and its weight.
    double Summarize(ReadOnlySpan<int> rows, ReadOnlySpan<double> weights, Span<double> totals, out double weight);

    // Starts a scan of one feature of a node whose totals are `totals`: every row is on the right.
    void BeginScan(ReadOnlySpan<double> totals);

    // Moves one row, of weight `weight`, from the right to the left.
    void MoveLeft(int row, double weight);

    // The proxy improvement of the current boundary; larger is better.
    double Proxy(double weightLeft, double weightRight);
}
