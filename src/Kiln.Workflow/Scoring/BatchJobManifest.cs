using System.Globalization;
using System.Security.Cryptography;

namespace Kiln.Workflow.Scoring;

/// <summary>What a batch prediction job was started with, kept in its partial folder so that a re-run can tell whether it may resume.</summary>
/// <param name="Format">The layout of the partial folder; a folder of another layout is never resumed.</param>
/// <param name="Model">The model bundle's full path.</param>
/// <param name="ModelSha256">The SHA-256 of the bundle's bytes: another version of a model (or a retrained one at the same path) differs.</param>
/// <param name="Input">The input file's full path.</param>
/// <param name="InputLength">The input's size in bytes.</param>
/// <param name="InputModifiedTicks">The input's last write time (UTC ticks).</param>
/// <param name="InputHeadSha256">The SHA-256 of the input's first MiB.</param>
/// <param name="ChunkRows">The rows per chunk, which fix what each chunk file holds.</param>
/// <param name="IdColumn">The id column, or <see langword="null"/> for row numbers.</param>
internal sealed record BatchJobManifest(int Format, string Model, string ModelSha256, string Input, long InputLength, long InputModifiedTicks, string InputHeadSha256, int ChunkRows, string? IdColumn)
{
    public const int CurrentFormat = 1;

    private const int HeadLength = 1 << 20;

    public static BatchJobManifest Describe(string modelPath, string inputPath, int chunkRows, string? idColumn)
    {
        var input = new FileInfo(inputPath);
        return new BatchJobManifest(CurrentFormat, modelPath, Sha256(modelPath, long.MaxValue), inputPath, input.Length, input.LastWriteTimeUtc.Ticks,
            Sha256(inputPath, HeadLength), chunkRows, idColumn);
    }

    /// <summary>What differs between the job on disk (this) and the one asked for, in words; empty when they are the same job.</summary>
    public List<string> Differences(BatchJobManifest asked)
    {
        var differences = new List<string>();
        if (Format != asked.Format)
            differences.Add($"it was written by another version of kiln (layout {Format}, this one writes {asked.Format})");
        if (Model != asked.Model)
            differences.Add($"it scores with the model {Model}, not {asked.Model}");
        else if (ModelSha256 != asked.ModelSha256)
            differences.Add($"the model file {Model} has changed since it started");
        if (Input != asked.Input)
            differences.Add($"it reads the input {Input}, not {asked.Input}");
        else if (InputLength != asked.InputLength || InputModifiedTicks != asked.InputModifiedTicks || InputHeadSha256 != asked.InputHeadSha256)
            differences.Add(string.Create(CultureInfo.InvariantCulture, $"the input {Input} has changed since it started (then {InputLength:N0} bytes, modified {new DateTime(InputModifiedTicks, DateTimeKind.Utc):u}; now {asked.InputLength:N0} bytes, modified {new DateTime(asked.InputModifiedTicks, DateTimeKind.Utc):u})"));
        if (ChunkRows != asked.ChunkRows)
            differences.Add(string.Create(CultureInfo.InvariantCulture, $"it used --chunk-rows {ChunkRows}, not {asked.ChunkRows}"));
        if (IdColumn != asked.IdColumn)
            differences.Add($"it used {(IdColumn is null ? "no --id" : $"--id '{IdColumn}'")}, not {(asked.IdColumn is null ? "no --id" : $"--id '{asked.IdColumn}'")}");
        return differences;
    }

    private static string Sha256(string path, long maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long total = 0;
        while (total < maxBytes)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, maxBytes - total));
            if (read == 0)
                break;
            hash.AppendData(buffer, 0, read);
            total += read;
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
