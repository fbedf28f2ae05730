using System.Runtime.ExceptionServices;
using Kiln.Core.Data;
using Kiln.Core.Metrics;

namespace Kiln.Core.Learners.Ensembles;

// How both bagging estimators fit (Breiman, 1996, "Bagging predictors"; scikit-learn's BaseBagging): base model i draws,
// from its own KilnRandom(Seeds.Derive(seed, i)), first its base learner's seed, then its features, then its rows, and
// is fitted on a view of those rows and columns (nothing is copied but the index arrays). The base models are fitted in
// parallel, each on one thread, and kept by index, so the ensemble does not depend on the thread count.
internal static class BaggingFit
{
    // The checks that need no catalog (a loaded model's options get these too).
    public static void ValidateShape(BaggingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.NEstimators < 1)
            throw new ArgumentException($"NEstimators (n_estimators) is {options.NEstimators}; bagging needs at least 1 base model.", nameof(options));
        CheckSize(options.MaxSamples, "MaxSamples (max_samples)", "rows");
        CheckSize(options.MaxFeatures, "MaxFeatures (max_features)", "features");
        if (options.OobScore && !options.Bootstrap)
            throw new ArgumentException("OobScore (oob_score) is true but Bootstrap (bootstrap) is false; out-of-bag rows exist only with bootstrap samples.", nameof(options));
        ArgumentNullException.ThrowIfNull(options.Estimator, nameof(options));
        ArgumentNullException.ThrowIfNull(options.EstimatorOptions, nameof(options));
    }

    // Every check, the base learner's options included (by building the base estimator once).
    public static void Validate(BaggingOptions options, LearnerTask task)
    {
        ValidateShape(options);
        _ = CreateBase(options, task, options.Seed);
    }

    // The base estimator with `seed`, from the catalog; a problem with its name or options names the kiln.yaml key.
    public static IEstimator<IPredictor> CreateBase(BaggingOptions options, LearnerTask task, ulong seed)
    {
        var subject = nameof(BaggingOptions);
        if (!LearnerCatalog.TryGet(options.Estimator, out var definition))
        {
            var names = LearnerCatalog.All.Select(learner => learner.Name).ToArray();
            throw new HyperparameterException(subject, "estimator",
                $"unknown learner '{options.Estimator}'{NearestName.Hint(options.Estimator, names)} Known learners: {string.Join(", ", names)}.", isUnknownKey: false);
        }
        if (!definition.Supports(task))
        {
            var taskName = task.ToString().ToLowerInvariant();
            throw new HyperparameterException(subject, "estimator",
                $"learner '{definition.Name}' has no {taskName} variant. Learners for {taskName}: {string.Join(", ", LearnerCatalog.ForTask(task).Select(learner => learner.Name))}.",
                isUnknownKey: false);
        }
        try
        {
            return definition.Create(task, new LearnerOptions(options.EstimatorOptions, seed));
        }
        catch (HyperparameterException exception)
        {
            var problem = $"base learner '{definition.Name}' (options written {BaggingOptions.EstimatorPrefix}<name>): {exception.Problem}";
            throw exception.Key is null
                ? new HyperparameterException(subject, problem, exception)
                : new HyperparameterException(subject, BaggingOptions.EstimatorPrefix + exception.Key, problem, exception.IsUnknownKey);
        }
    }

    // Fits the base models; `Rows` of each are the indices into `data` it drew (with repeats), for the out-of-bag score.
    public static (IPredictor Model, int[] Rows)[] FitMembers(TrainingSet data, FitContext context, BaggingOptions options, LearnerTask task)
    {
        var rowCount = data.RowCount;
        var featureCount = data.Features.ColumnCount;
        var sampleCount = Resolve(options.MaxSamples, rowCount, "MaxSamples (max_samples)", "rows");
        var drawnFeatureCount = Resolve(options.MaxFeatures, featureCount, "MaxFeatures (max_features)", "features");
        var memberContext = new FitContext
        {
            CancellationToken = context.CancellationToken,
            MaxDegreeOfParallelism = 1,
            TimeProvider = context.TimeProvider,
        };
        var members = new (IPredictor Model, int[] Rows)[options.NEstimators];
        var finished = 0;
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, context.MaxDegreeOfParallelism),
            CancellationToken = context.CancellationToken,
        };
        try
        {
            Parallel.For(0, members.Length, parallel, index =>
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                var random = new KilnRandom(Seeds.Derive(options.Seed, index));
                var seed = random.NextUInt64();
                var features = DrawFeatures(random, data.Features, drawnFeatureCount, options.BootstrapFeatures);
                var rows = DrawIndices(random, rowCount, sampleCount, options.Bootstrap, distinct: false);
                var memberData = View(data, rows, features);
                members[index] = (CreateBase(options, task, seed).Fit(memberData, memberContext), rows);
                context.Report("estimator", Interlocked.Increment(ref finished), members.Length);
            });
        }
        catch (AggregateException exception) when (exception.InnerExceptions.Count > 0)
        {
            // A base model's own error (a missing value named by its column, a cancellation) surfaces as itself.
            ExceptionDispatchInfo.Capture(exception.InnerExceptions[0]).Throw();
        }
        return members;
    }

    // The training rows' features as one table of just those rows (the source table itself when the set is not a view).
    public static Table RowsOf(TrainingSet data) => data.IsView ? data.Features.Take(data.RowIndices) : data.Features;

    // For each base model, whether it drew each row of the training set.
    public static bool[] InBag(int[] rows, int rowCount)
    {
        var inBag = new bool[rowCount];
        foreach (var row in rows)
            inBag[row] = true;
        return inBag;
    }

    // The validation rows' class codes in the model's class list (-1 for a class the model has never seen).
    public static int[] ClassCodes(TrainingSet data, IReadOnlyList<string> classes)
    {
        var target = data.Target ?? throw new SchemaMismatchException("The validation set has no target column; it needs the same target as the training set.");
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < classes.Count; c++)
            index.Add(classes[c], c);
        var rows = data.RowIndices;
        var codes = new int[rows.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            var label = target.FormatValue(rows[i])
                ?? throw new SchemaMismatchException($"The target '{target.Name}' is missing in row {rows[i]} of the validation set; remove rows without a target.");
            codes[i] = index.TryGetValue(label, out var code) ? code : -1;
        }
        return codes;
    }

    // The accuracy of the most probable class of each row with a probability sum, over those rows; NaN when there are none.
    public static double Accuracy(ReadOnlySpan<double> sums, ReadOnlySpan<int> codes, int classCount)
    {
        var correct = 0;
        var scored = 0;
        for (var row = 0; row < codes.Length; row++)
        {
            var probabilities = sums.Slice(row * classCount, classCount);
            var best = 0;
            var total = probabilities[0];
            for (var c = 1; c < classCount; c++)
            {
                total += probabilities[c];
                if (probabilities[c] > probabilities[best])
                    best = c;
            }
            if (!(total > 0))
                continue;
            scored++;
            if (best == codes[row])
                correct++;
        }
        return scored == 0 ? double.NaN : correct / (double)scored;
    }

    // The R² of sums[row] / counts[row] over the rows with a count; NaN with fewer than two such rows.
    public static double RSquared(ReadOnlySpan<double> sums, ReadOnlySpan<int> counts, ReadOnlySpan<double> targets)
    {
        var actual = new List<double>(targets.Length);
        var predicted = new List<double>(targets.Length);
        for (var row = 0; row < targets.Length; row++)
        {
            if (counts[row] == 0)
                continue;
            actual.Add(targets[row]);
            predicted.Add(sums[row] / counts[row]);
        }
        return actual.Count < 2 ? double.NaN : RegressionMetrics.R2(actual.ToArray(), predicted.ToArray());
    }

    // The training set of one base model: its rows (indices into `data`, repeats allowed) of its features, as a view.
    private static TrainingSet View(TrainingSet data, int[] rows, string[]? features)
    {
        if (features is null)
            return IsIdentity(rows) ? data : data.Rows(rows);
        var sourceRows = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
            sourceRows[i] = data.SourceRow(rows[i]);
        return new TrainingSet(data.Features.Select(features), data.Target, data.Weights).Rows(sourceRows);
    }

    private static bool IsIdentity(int[] rows)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i] != i)
                return false;
        }
        return true;
    }

    // `count` of 0 … total − 1: with replacement when `withReplacement` (sorted, repeats kept or, when `distinct`, removed),
    // else a partial Fisher–Yates draw (sorted); every index in order when that is all of them.
    private static int[] DrawIndices(KilnRandom random, int total, int count, bool withReplacement, bool distinct)
    {
        int[] drawn;
        if (withReplacement)
        {
            drawn = new int[count];
            for (var i = 0; i < count; i++)
                drawn[i] = random.NextInt32(total);
            Array.Sort(drawn);
            return distinct ? [.. drawn.Distinct()] : drawn;
        }
        var pool = new int[total];
        for (var i = 0; i < total; i++)
            pool[i] = i;
        if (count == total)
            return pool;
        for (var i = 0; i < count; i++)
        {
            var j = random.NextInt32(i, total);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        drawn = pool[..count];
        Array.Sort(drawn);
        return drawn;
    }

    // The names of the drawn features, or null when that is every feature.
    private static string[]? DrawFeatures(KilnRandom random, Table features, int count, bool withReplacement)
    {
        var indices = DrawIndices(random, features.ColumnCount, count, withReplacement, distinct: true);
        return indices.Length == features.ColumnCount ? null : [.. indices.Select(j => features.Schema[j].Name)];
    }

    // scikit-learn's resolution: a fraction f of n is ⌊f · n⌋ (at least 1 when n is); a count must not exceed n.
    private static int Resolve(double value, int total, string name, string noun)
    {
        if (value <= 1)
            return total == 0 ? 0 : Math.Max(1, (int)(value * total));
        if (value > total)
            throw new ArgumentException($"{name} is {value}, but the training set has {total} {noun}; use at most {total}, or a fraction such as 0.5.");
        return (int)value;
    }

    private static void CheckSize(double value, string name, string noun)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentException($"{name} is {value}; it must be a fraction in (0, 1] of the {noun}, or a whole number of {noun} above 1.");
        if (value > 1 && (value != Math.Floor(value) || value > int.MaxValue))
            throw new ArgumentException($"{name} is {value}; above 1 it is a count of {noun} and must be a whole number (at most {int.MaxValue}); use a fraction in (0, 1] otherwise.");
    }
}
