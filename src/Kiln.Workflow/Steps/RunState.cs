using Kiln.Core.Preparation;
using Kiln.Core.Profiling;
using Kiln.Workflow.Configuration;
using Kiln.Workflow.Runs;
using Kiln.Workflow.Store;

namespace Kiln.Workflow.Steps;

/// <summary>Everything a run knows: its configuration and identity, where it writes, and each step's output once that step has run.</summary>
/// <remarks>Reading a step's output before the step ran is a bug in the step order and throws <see cref="InvalidOperationException"/>.</remarks>
internal sealed class RunState
{
    private readonly List<string> _warnings = [];
    private int _stepNumber;
    private int _stepCount;
    private string _stepName = string.Empty;
    private IngestOutput? _ingest;
    private TableProfile? _profile;
    private SplitOutput? _split;
    private PreparationOutput? _preparation;
    private CandidateScores? _baseline;
    private IReadOnlyList<CandidateScores>? _candidates;
    private SelectionOutput? _selection;
    private PipelineModel? _model;
    private RecordedCurves? _curves;
    private IReadOnlyDictionary<string, IReadOnlyList<FoldCurves>>? _foldCurves;
    private ScoredRows? _test;

    public RunState(KilnConfig config, RunOptions options, RunIdentity identity, StoreLayout layout, string stagingPath)
    {
        Config = config;
        Options = options;
        Identity = identity;
        Layout = layout;
        StagingPath = stagingPath;
    }

    public KilnConfig Config { get; }

    public RunOptions Options { get; }

    public RunIdentity Identity { get; }

    public StoreLayout Layout { get; }

    /// <summary>The job's staging folder: every output is written here, then published as a whole.</summary>
    public string StagingPath { get; }

    public CancellationToken CancellationToken => Options.CancellationToken;

    /// <summary>The store's fit cache, or <see langword="null"/> when the run does not use it (<see cref="RunOptions.UseCache"/>).</summary>
    public Caching.FitCache? Cache { get; init; }

    /// <summary>Findings worth the user's attention, in the order found; they go into metrics.json and the report.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>The ingest step's output; <see cref="ResolvedConfig"/> and the data come from here.</summary>
    public IngestOutput Ingest { get => _ingest ?? throw NotYet("ingest"); set => _ingest = value; }

    /// <summary>Whether the ingest step has set its output.</summary>
    public bool HasIngest => _ingest is not null;

    /// <summary>Whether the split step has set its output.</summary>
    public bool HasSplit => _split is not null;

    public ResolvedConfig Resolved => Ingest.Config;

    public ModelingData Data => Ingest.Data;

    /// <summary>The profile of the features and the target of the rows with a target.</summary>
    public TableProfile Profile { get => _profile ?? throw NotYet("profile"); set => _profile = value; }

    public SplitOutput Split { get => _split ?? throw NotYet("split"); set => _split = value; }

    public PreparationOutput Preparation { get => _preparation ?? throw NotYet("prepare"); set => _preparation = value; }

    public CandidateScores Baseline { get => _baseline ?? throw NotYet("baseline"); set => _baseline = value; }

    public IReadOnlyList<CandidateScores> Candidates { get => _candidates ?? throw NotYet("train"); set => _candidates = value; }

    /// <summary>The training curves each candidate's learner recorded in its cross-validation folds, by candidate label; only candidates that recorded any.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FoldCurves>> FoldCurves { get => _foldCurves ?? throw NotYet("train"); set => _foldCurves = value; }

    public SelectionOutput Selection { get => _selection ?? throw NotYet("select"); set => _selection = value; }

    /// <summary>The chosen pipeline refitted on the train and validation rows.</summary>
    public PipelineModel Model { get => _model ?? throw NotYet("refit"); set => _model = value; }

    /// <summary>The training curves the chosen learner recorded during the refit; empty when it recorded none.</summary>
    public RecordedCurves Curves { get => _curves ?? throw NotYet("refit"); set => _curves = value; }

    /// <summary>The refitted model's predictions and metrics on the sealed test rows.</summary>
    public ScoredRows Test { get => _test ?? throw NotYet("test"); set => _test = value; }

    /// <summary>The selection metric's definition.</summary>
    public Core.Metrics.MetricDefinition Metric => Core.Metrics.MetricCatalog.Get(Resolved.Metric);

    /// <summary>Marks the start of step <paramref name="number"/> of <paramref name="count"/>, for progress lines.</summary>
    public void Begin(int number, int count, string name)
    {
        _stepNumber = number;
        _stepCount = count;
        _stepName = name;
        CancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Reports a progress line for the current step.</summary>
    public void Report(string message) => Options.Progress?.Report(new StepProgress(_stepNumber, _stepCount, _stepName, message));

    /// <summary>Records a warning and reports it.</summary>
    public void Warn(string message)
    {
        _warnings.Add(message);
        Report($"warning: {message}");
    }

    /// <summary>The full path of a file in the staging folder; its folder is created.</summary>
    public string StagedFile(params string[] parts)
    {
        var path = Path.Combine([StagingPath, .. parts]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    private static InvalidOperationException NotYet(string step) =>
        new($"The '{step}' step's output was read before that step ran; the step order is wrong.");
}
