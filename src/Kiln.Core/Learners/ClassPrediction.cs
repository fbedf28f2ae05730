using Kiln.Core.Data;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners;

// The parts of a classifier model that follow from its probabilities: the predicted class (the most probable, the lowest
// index on a tie) for a table and for one row, the check of a single-row probability destination, and the saved class list.
internal static class ClassPrediction
{
    // Single-row prediction keeps the probabilities on the stack up to this many classes.
    private const int StackClasses = 256;

    // The index of the highest probability, the lowest index among ties.
    public static int MostProbable(ReadOnlySpan<double> probabilities)
    {
        var best = 0;
        for (var c = 1; c < probabilities.Length; c++)
        {
            if (probabilities[c] > probabilities[best])
                best = c;
        }
        return best;
    }

    // As MostProbable, but NaN when the probabilities are NaN (a model that gives NaN probabilities for a row with a
    // missing value predicts NaN for it rather than the first class).
    public static double MostProbableOrNaN(ReadOnlySpan<double> probabilities) =>
        double.IsNaN(probabilities[0]) ? double.NaN : MostProbable(probabilities);

    // IPredictor.Predict of a classifier: the most probable class of each row of the model's PredictProbabilities.
    public static void Predict(IClassifierModel model, Table features, Span<double> destination, bool missingGivesNaN = false)
    {
        ArgumentNullException.ThrowIfNull(features);
        NumericInputs.CheckDestination(features.RowCount, 1, destination.Length);
        var classCount = model.Classes.Count;
        var probabilities = new double[features.RowCount * classCount];
        model.PredictProbabilities(features, probabilities);
        for (var row = 0; row < destination.Length; row++)
        {
            var rowProbabilities = probabilities.AsSpan(row * classCount, classCount);
            destination[row] = missingGivesNaN ? MostProbableOrNaN(rowProbabilities) : MostProbable(rowProbabilities);
        }
    }

    // IPredictor.PredictRow of a classifier: the most probable class of the model's PredictRowProbabilities.
    public static double PredictRow(IClassifierModel model, ReadOnlySpan<double> features, bool missingGivesNaN = false)
    {
        var classCount = model.Classes.Count;
        Span<double> probabilities = classCount <= StackClasses ? stackalloc double[classCount] : new double[classCount];
        model.PredictRowProbabilities(features, probabilities);
        return missingGivesNaN ? MostProbableOrNaN(probabilities) : MostProbable(probabilities);
    }

    // The single-row probability destination holds one value per class.
    public static void CheckRowDestination(ReadOnlySpan<double> probabilities, int classCount)
    {
        if (probabilities.Length != classCount)
            throw new ArgumentException($"The destination holds {probabilities.Length} values; the model has {classCount} classes.", nameof(probabilities));
    }

    // The saved "classes" entry: at least `minimumCount` names, none null, distinct and in Kiln's class order.
    public static string[] Load(BundleReader reader, int minimumCount)
    {
        var classes = reader.ReadJson<string[]>("classes");
        if (classes.Length < minimumCount || Array.Exists(classes, name => name is null))
            throw reader.Invalid(minimumCount <= 1 ? "the class list is empty or holds null" : $"the class list has fewer than {(minimumCount == 2 ? "two" : minimumCount)} classes or holds null");
        if (!classes.SequenceEqual(ClassLabels.Sort(classes), StringComparer.Ordinal) || classes.Distinct(StringComparer.Ordinal).Count() != classes.Length)
            throw reader.Invalid($"the classes ({string.Join(", ", classes)}) are not distinct and in Kiln's class order");
        return classes;
    }
}
