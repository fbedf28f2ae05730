namespace Kiln.Workflow.Tracking;

/// <summary>The tag and metric keys <c>kiln run</c> records, so that the recorder, <c>kiln runs</c> and the tests agree.</summary>
public static class TrackingKeys
{
    /// <summary>Tag: what a run is: <see cref="KindRun"/>, <see cref="KindCandidate"/>, <see cref="KindBaseline"/> or <see cref="KindFold"/>.</summary>
    public const string Kind = "kiln.kind";

    /// <summary>A top-level run: one <c>kiln run</c>.</summary>
    public const string KindRun = "run";

    /// <summary>A child run: one candidate's cross-validation.</summary>
    public const string KindCandidate = "candidate";

    /// <summary>A child run: the baseline's cross-validation.</summary>
    public const string KindBaseline = "baseline";

    /// <summary>A grandchild run: one fold of a candidate's (or the baseline's) cross-validation.</summary>
    public const string KindFold = "fold";

    /// <summary>Tag: the model name.</summary>
    public const string Model = "kiln.model";

    /// <summary>Tag: the task (<c>classification</c> or <c>regression</c>).</summary>
    public const string Task = "kiln.task";

    /// <summary>Tag: the data set's name in the store.</summary>
    public const string Dataset = "kiln.dataset";

    /// <summary>Tag: the name of the metric candidates are selected by; the run's own value of it is the metric of that name.</summary>
    public const string SelectionMetric = "kiln.selection_metric";

    /// <summary>Tag: the selected candidate's label.</summary>
    public const string Selected = "kiln.selected";

    /// <summary>Tag: the published job folder (the run's artifacts).</summary>
    public const string JobFolder = "kiln.job_folder";

    /// <summary>Tag: the Kiln version that ran.</summary>
    public const string Version = "kiln.version";

    /// <summary>Tag: <c>true</c> when the git work tree had uncommitted changes to tracked files.</summary>
    public const string CodeDirty = "kiln.code_dirty";

    /// <summary>Tag: why the run failed or was killed.</summary>
    public const string Error = "kiln.error";


    /// <summary>Tag: a candidate's label (child runs).</summary>
    public const string Candidate = "kiln.candidate";

    /// <summary>Tag: a candidate's learner (child runs).</summary>
    public const string Learner = "kiln.learner";

    /// <summary>Prefix of a top-level run's parameters that hold the resolved kiln.yaml (<c>config.split.train</c>).</summary>
    public const string ConfigPrefix = "config.";

    /// <summary>Prefix of a top-level run's parameters that hold every candidate's options (<c>candidate.decision_tree.max_depth</c>).</summary>
    public const string CandidatePrefix = "candidate.";

    /// <summary>Prefix of training-curve metrics (<c>curve.valid_logloss</c>, step = epoch, round or tree count).</summary>
    public const string CurvePrefix = "curve.";

    /// <summary>Prefix of the top-level run's cross-validation means of the selected candidate (<c>cv.accuracy</c>).</summary>
    public const string CvPrefix = "cv.";

    /// <summary>Suffix of a candidate's per-fold metric history (<c>accuracy.folds</c>, step = fold position).</summary>
    public const string FoldsSuffix = ".folds";

    /// <summary>Suffix of a candidate's standard deviation over the folds (<c>accuracy.std</c>).</summary>
    public const string StdSuffix = ".std";

    /// <summary>Metric: the step an early-stopping learner kept.</summary>
    public const string BestStep = "curve.best_step";
}
