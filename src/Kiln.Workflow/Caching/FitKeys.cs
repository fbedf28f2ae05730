using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kiln.Core.Learners;
using Kiln.Workflow.Configuration;
using Kiln.Workflow.Steps;

namespace Kiln.Workflow.Caching;

/// <summary>Names a fit by the content hash of everything its result depends on, so a cached result is reused only for the same inputs.</summary>
/// <remarks>
/// A candidate's identity covers the resolved kiln.yaml without its candidate list and job name (data source, target, task,
/// metric, seed, split, validation, preparation), the SHA-256 of the data's bytes, the candidate's learner and every option,
/// and the code: the module version ids of Kiln.Core, Kiln.Workflow and the learner's assembly, which the compiler derives from
/// their content, so a rebuilt Kiln with any change never reuses results of the old one. A fold adds its index and repeat,
/// the refit the number of rows it fits on.
/// </remarks>
internal static class FitKeys
{
    private const string Format = "kiln-fit-cache/1";

    /// <summary>The identity text of <paramref name="candidate"/> in the run <paramref name="config"/> over data with hash <paramref name="dataSha256"/>.</summary>
    public static string Candidate(ResolvedConfig config, string dataSha256, ResolvedCandidate candidate, Type estimatorType)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(dataSha256);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(estimatorType);
        var text = new StringBuilder();
        text.Append(Format).Append('\n');
        text.Append("code=").Append(CodeVersion(estimatorType)).Append('\n');
        text.Append("data=").Append(dataSha256).Append('\n');
        text.Append("learner=").Append(candidate.Name).Append('\n');
        text.Append("options=").Append(JsonFiles.ToText(json =>
        {
            json.WriteStartObject();
            JsonFiles.Options(json, "options", candidate.Options);
            json.WriteEndObject();
        }));
        text.Append("config=\n").Append(ResolvedConfigWriter.ToYaml(config with { JobName = null, Candidates = [] }, header: []));
        return text.ToString();
    }

    /// <summary>The key of one fold of a candidate: 64 lowercase hexadecimal digits.</summary>
    public static string Fold(string candidateIdentity, int fold, int repeat) =>
        Hash(string.Create(CultureInfo.InvariantCulture, $"{candidateIdentity}\nfit=fold {fold} repeat {repeat}\n"));

    /// <summary>The key of the refit of a candidate on <paramref name="rows"/> development rows.</summary>
    public static string Refit(string candidateIdentity, int rows) =>
        Hash(string.Create(CultureInfo.InvariantCulture, $"{candidateIdentity}\nfit=refit on {rows} rows\n"));

    private static string CodeVersion(Type estimatorType)
    {
        var assemblies = new[] { typeof(IEstimator<>).Assembly, typeof(FitKeys).Assembly, estimatorType.Assembly }.Distinct();
        return string.Join(",", assemblies.Select(assembly => $"{assembly.GetName().Name}:{assembly.ManifestModule.ModuleVersionId:N}"));
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
