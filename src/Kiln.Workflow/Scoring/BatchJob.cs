using System.Globalization;
using System.Text.Json;
using Kiln.Core;
using Kiln.Core.Data;
using Kiln.Core.IO;

namespace Kiln.Workflow.Scoring;

/// <summary>
/// The partial folder of a batch prediction job, beside its output (<c>out.parquet.partial/</c>): the job's manifest and one
/// file per finished chunk, each written under a temporary name and renamed, so a chunk file is either whole or absent
/// whenever the process stops. Once every chunk is written they are joined in order into the output (written, then renamed)
/// and the folder is removed.
/// </summary>
internal sealed class BatchJob
{
    public const string FolderSuffix = ".partial";
    public const string ManifestFile = "job.json";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private readonly string _extension;

    private BatchJob(string folder, string outputPath)
    {
        Folder = folder;
        OutputPath = outputPath;
        IsParquet = DataFiles.FormatOf(outputPath) == Configuration.DataFormat.Parquet;
        _extension = IsParquet ? ".parquet" : ".csv";
    }

    public string Folder { get; }

    public string OutputPath { get; }

    public bool IsParquet { get; }

    /// <summary>Opens the job for <paramref name="outputPath"/>: resumes the folder an interrupted run of the same job left, or starts a new one.</summary>
    /// <exception cref="KilnException">A folder left by a job with other arguments or another input is there, and <paramref name="restart"/> is not set.</exception>
    public static BatchJob Open(string outputPath, BatchJobManifest asked, bool restart)
    {
        var job = new BatchJob(outputPath + FolderSuffix, outputPath);
        var folder = job.Folder;
        if (File.Exists(folder))
            throw new KilnException($"{folder} is a file, but kiln predict keeps an unfinished job's chunks in a folder of that name. Move the file away, or choose another --output.");
        if (Directory.Exists(folder))
        {
            var finished = job.FinishedChunkCount();
            var differences = ReadManifest(folder) is { } found
                ? found.Differences(asked)
                : [$"its {ManifestFile} is missing or unreadable"];
            if (restart)
            {
                Directory.Delete(folder, recursive: true);
            }
            else if (differences.Count > 0)
            {
                throw new KilnException(
                    string.Create(CultureInfo.InvariantCulture, $"{folder} holds an unfinished job ({finished} chunk{(finished == 1 ? "" : "s")} done) that differs from this one: {string.Join("; ", differences)}. ") +
                    "Run it again with the same arguments and input to resume it, or add --restart to discard it and start over.");
            }
        }
        Directory.CreateDirectory(folder);
        var manifest = Path.Combine(folder, ManifestFile);
        if (!File.Exists(manifest))
        {
            AtomicFile.Write(manifest, JsonSerializer.SerializeToUtf8Bytes(asked, JsonOptions));
        }
        return job;
    }

    public int FinishedChunkCount() => Directory.Exists(Folder) ? Directory.GetFiles(Folder, "chunk-*" + _extension).Length : 0;

    public bool IsFinished(int index) => File.Exists(ChunkPath(index));

    /// <summary>Writes chunk <paramref name="index"/>'s predictions under a temporary name, then renames it.</summary>
    public void Write(int index, Table table)
    {
        // Not flushed to disk: a killed process keeps what it renamed, and a chunk lost to a power cut is scored again.
        AtomicFile.Write(ChunkPath(index), stream =>
        {
            if (IsParquet)
                ParquetTable.Write(table, stream);
            else
                CsvTable.Write(table, stream, new CsvWriteOptions { WriteHeader = false });
        }, flushToDisk: false);
    }

    /// <summary>Joins chunks 0 .. <paramref name="chunkCount"/> - 1 in order into the output (written, then renamed over it), and removes the folder.</summary>
    /// <param name="chunkCount">The job's chunks, all finished.</param>
    /// <param name="columns">The output's column names, for a CSV header.</param>
    public void Complete(int chunkCount, IReadOnlyList<string> columns)
    {
        var temporary = Path.Combine(Folder, "output" + _extension + ".tmp");
        using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            if (IsParquet)
                JoinParquet(output, chunkCount);
            else
                JoinCsv(output, chunkCount, columns);
        }
        File.Move(temporary, OutputPath, overwrite: true);
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Removes the folder (a job that wrote nothing worth keeping).</summary>
    public void Discard()
    {
        if (Directory.Exists(Folder))
            Directory.Delete(Folder, recursive: true);
    }

    private string ChunkPath(int index) => Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"chunk-{index:D6}{_extension}"));

    private void JoinParquet(Stream output, int chunkCount)
    {
        using var writer = ParquetChunkWriter.Create(output, ParquetTable.Read(ChunkPath(0)).Schema);
        for (var index = 0; index < chunkCount; index++)
            writer.Append(ParquetTable.Read(ChunkPath(index)));
    }

    private void JoinCsv(Stream output, int chunkCount, IReadOnlyList<string> columns)
    {
        CsvTable.Write(new Table(columns.Select(name => NumericColumn.FromOwned(name, []))), output);
        for (var index = 0; index < chunkCount; index++)
        {
            using var chunk = new FileStream(ChunkPath(index), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            chunk.CopyTo(output);
        }
    }

    private static BatchJobManifest? ReadManifest(string folder)
    {
        try
        {
            return JsonSerializer.Deserialize<BatchJobManifest>(File.ReadAllBytes(Path.Combine(folder, ManifestFile)), JsonOptions);
        }
        catch (Exception exception) when (exception is IOException or JsonException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }
}
