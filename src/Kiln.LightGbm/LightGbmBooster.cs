using System.Globalization;
using System.Text;
using Kiln.Core;
using Kiln.Core.Data;
using Kiln.LightGbm.Native;

namespace Kiln.LightGbm;

// One loaded LightGBM model: the booster handle and a single-row prediction config, both freed on Dispose.
//
// Thread safety: LightGBM's Booster takes a shared lock around prediction, but each prediction call re-initialises the
// boosting object's prediction state, and the single-row FastConfig shares one feature buffer between callers, so calls
// from several .NET threads on one handle are not documented as safe. Every prediction here is therefore serialised with
// a lock; batch prediction is still parallel inside LightGBM (OpenMP).
internal sealed class LightGbmBooster : IDisposable
{
    private readonly Lock _gate = new();
    private readonly BoosterHandle _booster;
    private readonly FastConfigHandle _singleRow;
    private readonly string _batchParameters;

    private LightGbmBooster(string modelText, int featureCount, int outputsPerRow)
    {
        ModelText = modelText;
        FeatureCount = featureCount;
        OutputsPerRow = outputsPerRow;
        LightGbmNative.Check(LightGbmNative.BoosterLoadModelFromString(modelText, out _, out _booster), "loading a model from its text");
        LightGbmNative.Check(LightGbmNative.BoosterGetNumFeature(_booster, out var loadedFeatures), "reading the model's feature count");
        LightGbmNative.Check(LightGbmNative.BoosterGetNumClasses(_booster, out var loadedClasses), "reading the model's class count");
        var loadedOutputs = loadedClasses;
        if (loadedFeatures != featureCount || loadedOutputs != outputsPerRow)
        {
            _booster.Dispose();
            throw new KilnException($"The LightGBM model text has {loadedFeatures} features and {loadedOutputs} outputs per row; the Kiln model expects {featureCount} and {outputsPerRow}. The bundle is inconsistent.");
        }
        _batchParameters = "num_threads=" + Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
        LightGbmNative.Check(
            LightGbmNative.BoosterPredictForMatSingleRowFastInit(_booster, LightGbmNative.PredictNormal, 0, -1, LightGbmNative.DataTypeFloat64, featureCount, "num_threads=1", out _singleRow),
            "preparing single-row prediction");
    }

    // LightGBM's model text, exactly as the library wrote it.
    public string ModelText { get; }

    public int FeatureCount { get; }

    // 1 for regression and binary classification (the probability of the second class), the class count for multiclass.
    public int OutputsPerRow { get; }

    public static LightGbmBooster FromText(string modelText, int featureCount, int outputsPerRow) => new(modelText, featureCount, outputsPerRow);

    // Trains, and returns the model text of the best iteration (the last one unless early stopping cut the fit short).
    public static string Train(LightGbmMatrix training, float[] labels, float[]? weights, LightGbmMatrix? validation, float[]? validationLabels, string parameters, LightGbmOptions options, string metric, Kiln.Core.Learners.FitContext context)
    {
        using var trainingSet = CreateDataset(training, labels, weights, parameters, reference: null);
        LightGbmNative.Check(LightGbmNative.BoosterCreate(trainingSet, parameters, out var booster), "creating the booster (check the parameters)");
        using (booster)
        {
            DatasetHandle? validationSet = null;
            try
            {
                if (validation is not null)
                {
                    validationSet = CreateDataset(validation, validationLabels!, weights: null, parameters, trainingSet);
                    LightGbmNative.Check(LightGbmNative.BoosterAddValidData(booster, validationSet), "adding the validation set");
                }
                var best = Boost(booster, validationSet is not null, options, metric, recordTraining: context.Metrics is not null, context);
                return SaveText(booster, best);
            }
            finally
            {
                validationSet?.Dispose();
            }
        }
    }

    public void PredictRow(ReadOnlySpan<double> features, Span<double> destination)
    {
        unsafe
        {
            fixed (double* row = features)
            fixed (double* results = destination)
            {
                lock (_gate)
                {
                    LightGbmNative.Check(LightGbmNative.BoosterPredictForMatSingleRowFast(_singleRow, row, out var length, results), "predicting one row");
                    CheckLength(length, OutputsPerRow);
                }
            }
        }
    }

    // One row goes through the prepared single-row config (one thread, no parameter parsing, no OpenMP start): the same
    // trees and the same arithmetic as the batch call, a fraction of its fixed cost, which is what a served request pays.
    public void PredictRows(ReadOnlySpan<double> rowMajor, int rowCount, Span<double> destination)
    {
        if (rowCount == 0)
            return;
        if (rowCount == 1)
        {
            PredictRow(rowMajor, destination);
            return;
        }
        unsafe
        {
            fixed (double* data = rowMajor)
            fixed (double* results = destination)
            {
                lock (_gate)
                {
                    LightGbmNative.Check(
                        LightGbmNative.BoosterPredictForMat(_booster, data, LightGbmNative.DataTypeFloat64, rowCount, FeatureCount, 1, LightGbmNative.PredictNormal, 0, -1, _batchParameters, out var length, results),
                        $"predicting {rowCount} rows");
                    CheckLength(length, (long)rowCount * OutputsPerRow);
                }
            }
        }
    }

    public void Dispose()
    {
        _singleRow.Dispose();
        _booster.Dispose();
    }

    // Runs the rounds and returns how many to keep; with early stopping, the best validation round, also recorded as the
    // curve's best step.
    private static int Boost(BoosterHandle booster, bool validate, LightGbmOptions options, string metric, bool recordTraining, Kiln.Core.Learners.FitContext context)
    {
        var earlyStopping = validate && options.EarlyStoppingRounds > 0;
        var kept = Rounds(booster, validate, earlyStopping, options, metric, recordTraining, context);
        if (earlyStopping && kept > 0)
            Kiln.Core.Learners.TrainingCurve.RecordBestStep(context, kept);
        return kept;
    }

    private static int Rounds(BoosterHandle booster, bool validate, bool earlyStopping, LightGbmOptions options, string metric, bool recordTraining, Kiln.Core.Learners.FitContext context)
    {
        var bestIteration = 0;
        var bestValue = double.PositiveInfinity;
        LightGbmNative.Check(LightGbmNative.BoosterGetEvalCounts(booster, out var count), "counting the evaluation metrics");
        var evaluations = new double[Math.Max(1, count)];
        for (var iteration = 1; iteration <= options.NEstimators; iteration++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            LightGbmNative.Check(LightGbmNative.BoosterUpdateOneIter(booster, out var finished), $"boosting round {iteration}");
            context.Report("boosting", iteration, options.NEstimators);
            if (finished != 0)
                return earlyStopping ? bestIteration : iteration - 1;
            if (recordTraining)
                context.Record(Kiln.Core.Learners.TrainingCurve.Train(metric), iteration, Evaluate(booster, 0, evaluations, iteration));
            if (!validate)
                continue;
            var value = Evaluate(booster, 1, evaluations, iteration);
            context.Record(Kiln.Core.Learners.TrainingCurve.Validation(metric), iteration, value);
            if (value < bestValue)
            {
                bestValue = value;
                bestIteration = iteration;
            }
            else if (earlyStopping && iteration - bestIteration >= options.EarlyStoppingRounds)
            {
                break;
            }
        }
        return earlyStopping ? bestIteration : options.NEstimators;
    }

    // The first metric on data set `dataIndex` (0 training, 1 validation); every objective here has one lower-is-better metric.
    private static unsafe double Evaluate(BoosterHandle booster, int dataIndex, double[] evaluations, int iteration)
    {
        fixed (double* results = evaluations)
        {
            LightGbmNative.Check(
                LightGbmNative.BoosterGetEval(booster, dataIndex, out _, results),
                $"evaluating round {iteration} on the {(dataIndex == 0 ? "training" : "validation")} set");
        }
        return evaluations[0];
    }

    private static unsafe string SaveText(BoosterHandle booster, int iterations)
    {
        LightGbmNative.Check(LightGbmNative.BoosterSaveModelToString(booster, 0, iterations, 0, 0, out var length, null), "measuring the model text");
        var buffer = new byte[length];
        fixed (byte* text = buffer)
            LightGbmNative.Check(LightGbmNative.BoosterSaveModelToString(booster, 0, iterations, 0, buffer.LongLength, out length, text), "writing the model text");
        // The length counts the terminating NUL.
        return Encoding.UTF8.GetString(buffer, 0, (int)length - 1);
    }

    private static unsafe DatasetHandle CreateDataset(LightGbmMatrix matrix, float[] labels, float[]? weights, string parameters, DatasetHandle? reference)
    {
        DatasetHandle dataset;
        // A validation set is binned with the training set's bins; the caller keeps the training handle alive.
        var referenceHandle = reference?.DangerousGetHandle() ?? IntPtr.Zero;
        fixed (double* data = matrix.Values)
        {
            LightGbmNative.Check(
                LightGbmNative.DatasetCreateFromMat(data, LightGbmNative.DataTypeFloat64, matrix.RowCount, matrix.ColumnCount, 1, parameters, referenceHandle, out dataset),
                $"building a dataset of {matrix.RowCount} rows and {matrix.ColumnCount} features");
        }
        GC.KeepAlive(reference);
        try
        {
            fixed (float* label = labels)
                LightGbmNative.Check(LightGbmNative.DatasetSetField(dataset, "label", label, labels.Length, LightGbmNative.DataTypeFloat32), "setting the labels");
            if (weights is not null)
            {
                fixed (float* weight = weights)
                    LightGbmNative.Check(LightGbmNative.DatasetSetField(dataset, "weight", weight, weights.Length, LightGbmNative.DataTypeFloat32), "setting the sample weights");
            }
            return dataset;
        }
        catch
        {
            dataset.Dispose();
            throw;
        }
    }

    private static void CheckLength(long actual, long expected)
    {
        if (actual != expected)
            throw new KilnException($"LightGBM returned {actual} prediction values; {expected} were expected. The model and its Kiln description disagree.");
    }
}
