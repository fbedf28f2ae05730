using System.Globalization;
using System.Text;

namespace Kiln.Tracking.Artifacts;

/// <summary>The checks and the marker every store's <see cref="IArtifactStore.PublishFolder"/> shares.</summary>
internal static class ArtifactPublishing
{
    /// <summary>Checks a publish: a non-empty folder prefix, valid relative keys, no repeats, no file named like the marker, every full key within the limit.</summary>
    public static void Validate(string prefix, IReadOnlyList<ArtifactUpload> files, int extraPrefixLength)
    {
        ArtifactKeys.ValidatePrefix(prefix, nameof(prefix));
        if (prefix.Length == 0)
            throw new ArgumentException("Cannot publish the store's root as a folder; publish under a folder prefix such as ArtifactLayout.Job(…).", nameof(prefix));
        ArgumentNullException.ThrowIfNull(files);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            ArgumentNullException.ThrowIfNull(file, nameof(files));
            ArgumentNullException.ThrowIfNull(file.Open, nameof(files));
            ArtifactKeys.ValidateKey(file.RelativeKey, nameof(files));
            if (file.RelativeKey == IArtifactStore.CompletionMarker)
                throw new ArgumentException($"A published folder cannot hold a file named {IArtifactStore.CompletionMarker}: the store writes that marker itself.", nameof(files));
            if (!seen.Add(file.RelativeKey))
                throw new ArgumentException($"The file '{file.RelativeKey}' is listed twice in one publish of '{prefix}'.", nameof(files));
            var length = extraPrefixLength + prefix.Length + file.RelativeKey.Length;
            if (length > ArtifactKeys.MaxKeyLength)
                throw new ArgumentException($"The key of '{file.RelativeKey}' under '{prefix}' would be {length} characters long; the limit is {ArtifactKeys.MaxKeyLength}.", nameof(files));
        }
    }

    /// <summary>Deletes <paramref name="keys"/> with <paramref name="delete"/> (which returns the keys it could not delete), markers first, so a published folder never shows its marker without all its files; the files of a folder whose marker stayed are kept.</summary>
    /// <returns>The keys not deleted, sorted.</returns>
    public static List<string> DeleteMarkersFirst(IReadOnlyList<string> keys, Func<List<string>, List<string>> delete)
    {
        var (markers, others) = MarkersFirst(keys);
        var failedMarkers = delete(markers);
        var skipped = new List<string>();
        var deletable = OutsideFoldersOf(failedMarkers, others, skipped);
        List<string> failed = [.. failedMarkers, .. skipped, .. delete(deletable)];
        failed.Sort(StringComparer.Ordinal);
        return failed;
    }

    /// <summary>Plans a delete so that no published folder ever shows its marker without all its files: the markers go first.</summary>
    /// <param name="keys">The keys to delete.</param>
    /// <returns>The markers, and the other keys.</returns>
    public static (List<string> Markers, List<string> Others) MarkersFirst(IReadOnlyList<string> keys)
    {
        var markers = new List<string>();
        var others = new List<string>();
        foreach (var key in keys)
            (IsMarker(key) ? markers : others).Add(key);
        return (markers, others);
    }

    /// <summary>The keys of <paramref name="others"/> that are not inside the folder of a marker that could not be deleted; the keys inside such a folder go to <paramref name="skipped"/>, because deleting them would leave a published folder with files missing.</summary>
    public static List<string> OutsideFoldersOf(IReadOnlyList<string> failedMarkers, List<string> others, List<string> skipped)
    {
        if (failedMarkers.Count == 0)
            return others;
        var folders = failedMarkers.Select(marker => marker[..^IArtifactStore.CompletionMarker.Length]).ToList();
        var deletable = new List<string>();
        foreach (var key in others)
            (folders.Any(folder => key.StartsWith(folder, StringComparison.Ordinal)) ? skipped : deletable).Add(key);
        return deletable;
    }

    private static bool IsMarker(string key) =>
        key == IArtifactStore.CompletionMarker || key.EndsWith("/" + IArtifactStore.CompletionMarker, StringComparison.Ordinal);

    /// <summary>The marker's content: one line per file, <c>&lt;bytes&gt;\t&lt;relative key&gt;</c>, in the order published.</summary>
    public static byte[] Marker(IReadOnlyList<(string RelativeKey, long Length)> published)
    {
        var builder = new StringBuilder();
        foreach (var (relativeKey, length) in published)
            builder.Append(CultureInfo.InvariantCulture, $"{length}\t{relativeKey}\n");
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>A read-only pass-through that counts the bytes read, so a store learns a file's size as it streams it.</summary>
    public sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            BytesRead += read;
            return read;
        }
    }
}
