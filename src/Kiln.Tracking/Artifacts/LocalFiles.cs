using Kiln.Core.IO;

namespace Kiln.Tracking.Artifacts;

/// <summary>Writes a local file atomically, creating its folder first (<see cref="AtomicFile"/>).</summary>
internal static class LocalFiles
{
    private const int BufferSize = 1 << 16;

    /// <summary>Copies the rest of <paramref name="content"/> to <paramref name="path"/> atomically; on any failure <paramref name="path"/> is untouched.</summary>
    public static void WriteAtomically(string path, Stream content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.Write(path, file => content.CopyTo(file, BufferSize));
    }
}
