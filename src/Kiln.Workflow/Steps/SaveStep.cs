using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kiln.Core.Persistence;
using Kiln.Workflow.Configuration;

namespace Kiln.Workflow.Steps;

/// <summary>Step 10: saves the refitted pipeline as <c>model.kiln</c>, with its lineage and test metrics in the manifest.</summary>
/// <remarks>
/// Reads <see cref="RunState.Model"/> and <see cref="RunState.Test"/>; writes <c>model.kiln</c>. The lineage names the job, run,
/// namespace, model, seed, data set, data version and content hash, the SHA-256 of the resolved kiln.yaml (without job name),
/// the chosen candidate and the target, so the bundle alone says where it came from.
/// </remarks>
internal sealed class SaveStep : IWorkflowStep
{
    public const string ModelFileName = "model.kiln";

    public string Name => "save";

    /// <summary>The resolved kiln.yaml without comments or job name: what the config hash covers.</summary>
    public static string ConfigBody(ResolvedConfig config) => ResolvedConfigWriter.ToYaml(config with { JobName = null }, header: []);

    /// <summary>The SHA-256 of <see cref="ConfigBody"/>, 64 lowercase hexadecimal digits.</summary>
    public static string ConfigHash(ResolvedConfig config) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ConfigBody(config))));

    public void Run(RunState state)
    {
        var config = state.Resolved;
        var ingest = state.Ingest;
        var lineage = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["job_name"] = state.Identity.JobName,
            ["run_id"] = state.Identity.RunId,
            ["namespace"] = config.Namespace,
            ["model"] = config.Name,
            ["task"] = ConfigNames.Of(config.Task),
            ["target"] = config.Target,
            ["seed"] = config.Seed.ToString(CultureInfo.InvariantCulture),
            ["dataset"] = ingest.Dataset,
            ["data_version"] = ingest.Version,
            ["data_sha256"] = ingest.Sha256,
            ["config_sha256"] = ConfigHash(config),
            ["candidate"] = state.Selection.Candidate.Label,
            ["learner"] = state.Selection.Candidate.Name,
            ["started_at"] = state.Identity.StartedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        var path = state.StagedFile(ModelFileName);
        ModelBundle.Save(state.Model, path, new BundleSaveOptions
        {
            Lineage = lineage,
            Metrics = TestStep.ScalarMetrics(state.Test.Report),
            TimeProvider = state.Options.TimeProvider,
        });
        state.Report(string.Create(CultureInfo.InvariantCulture, $"{ModelFileName} ({new FileInfo(path).Length / 1024.0:0.0} KiB, {state.Model.Predictor.Kind} with its preparation)"));
    }
}
