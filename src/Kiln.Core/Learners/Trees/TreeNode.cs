namespace Kiln.Core.Learners.Trees;

// One node of a fitted tree, laid out so that a prediction step reads a single 24-byte record: a split sends a row to
// Left when its feature value is <= Threshold, to Right when it is greater, and to Missing (Left or Right) when it is NaN.
// A leaf has Feature = -1 and no children (-1).
internal struct TreeNode
{
    public const int NoChild = -1;

    public double Threshold;
    public int Feature;
    public int Left;
    public int Right;
    public int Missing;

    public static TreeNode Leaf => new() { Threshold = double.NaN, Feature = NoChild, Left = NoChild, Right = NoChild, Missing = NoChild };

    public readonly bool IsLeaf => Feature < 0;
}
