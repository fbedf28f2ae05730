using Kiln.Core.Data;
using Kiln.Workflow.Configuration;

namespace Kiln.Workflow.Steps;

/// <summary>What the ingest step read: the file's identity, the rows kept and left out, the resolved configuration.</summary>
/// <param name="Source">The data file as kiln.yaml gives it.</param>
/// <param name="Sha256">The SHA-256 of the file's bytes.</param>
/// <param name="Length">The file's size in bytes.</param>
/// <param name="Dataset">The data set's name in the store.</param>
/// <param name="Version">The data version id (the hash's first 16 digits).</param>
/// <param name="RowsRead">The data rows in the file.</param>
/// <param name="Schema">The file's columns with their kinds (and the roles the run gives them).</param>
/// <param name="MissingTargetRows">The file rows (0-based, header excluded) whose target is missing, left out of training and evaluation.</param>
/// <param name="SourceRows">For each row kept, its file row (0-based, header excluded).</param>
/// <param name="Data">The rows kept, ready to model.</param>
/// <param name="Config">The configuration with the task known and every default filled in.</param>
/// <param name="TaskReason">Why the task was inferred, or <see langword="null"/> when kiln.yaml gives it.</param>
internal sealed record IngestOutput(
    DataSource Source,
    string Sha256,
    long Length,
    string Dataset,
    string Version,
    int RowsRead,
    Schema Schema,
    int[] MissingTargetRows,
    int[] SourceRows,
    ModelingData Data,
    ResolvedConfig Config,
    string? TaskReason);
