namespace Kiln.Tracking.Artifacts;

/// <summary>Writes a local file atomically: a hidden temporary file in the same folder, flushed to disk, then renamed over the target.</summary>
internal static class LocalFiles
{
    private const int BufferSize = 1 << 16;

    /// <summary>Copies the rest of <paramref name="content"/> to <paramref name="path"/> atomically; on any failure the temporary file is deleted and <paramref name="path"/> is untouched.</summary>
    public static void WriteAtomically(string path, Stream content)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var name = Path.GetFileName(path);
        var temporary = Path.Combine(folder, $".{(name.Length > 200 ? name[..200] : name)}.{Path.GetFileNameWithoutExtension(Path.GetRandomFileName())}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize))
            {
                content.CopyTo(file, BufferSize);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temporary file starts with '.', so no listing shows it.
        }
    }
}
