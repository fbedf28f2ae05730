namespace Kiln.Core.IO;

/// <summary>Writes a whole file or nothing: the bytes go to a hidden temporary file in the same folder, are flushed, and the temporary file is then renamed over the target.</summary>
/// <remarks>
/// A failure (or a crash) leaves any earlier file at the target as it was; after a failure the temporary file is removed.
/// The temporary name starts with '.', so listings that skip hidden files never show a half-written file.
/// </remarks>
public static class AtomicFile
{
    private const int BufferSize = 1 << 16;

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically.</summary>
    /// <param name="path">The file to write; its folder must exist.</param>
    /// <param name="content">The whole content.</param>
    public static void Write(string path, ReadOnlyMemory<byte> content) => Write(path, stream => stream.Write(content.Span));

    /// <summary>Writes what <paramref name="write"/> puts into the stream it is given to <paramref name="path"/> atomically.</summary>
    /// <param name="path">The file to write; its folder must exist.</param>
    /// <param name="write">Writes the content; the stream is readable and seekable too.</param>
    /// <param name="flushToDisk">Whether the content reaches the disk before the rename (survives a power loss); without it a crash of the process is still safe.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static void Write(string path, Action<Stream> write, bool flushToDisk = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"'{path}' has no folder to write into.", nameof(path));
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Cannot write '{fullPath}': the folder '{folder}' does not exist. Create it first.");
        var name = Path.GetFileName(fullPath);
        var temporary = Path.Combine(folder, $".{(name.Length > 200 ? name[..200] : name)}.{Path.GetFileNameWithoutExtension(Path.GetRandomFileName())}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize))
            {
                write(stream);
                stream.Flush(flushToDisk);
            }
            File.Move(temporary, fullPath, overwrite: true);
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
            // Best effort: the original failure is the one to report, and a leftover starts with '.'.
        }
    }
}
