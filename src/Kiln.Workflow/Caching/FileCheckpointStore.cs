using System.Buffers.Binary;
using System.Globalization;
using Kiln.Core;
using Kiln.Core.IO;
using Kiln.Core.Learners;

namespace Kiln.Workflow.Caching;

/// <summary>Keeps one fit's latest checkpoint in a folder, so a fit interrupted by a failure, a cancellation or a killed process resumes from it.</summary>
/// <remarks>
/// The folder holds <c>latest.ckpt</c>: an 8-byte header (<c>KILNCKP1</c>), the step as a little-endian 64-bit integer, the
/// state's length as a little-endian 64-bit integer, then the state. A save writes a hidden temporary file, flushes it to disk
/// and renames it over <c>latest.ckpt</c> (<see cref="Core.IO.AtomicFile"/>), so a reader sees the previous checkpoint or the new one, never a torn one.
/// </remarks>
internal sealed class FileCheckpointStore : ICheckpointStore
{
    public const string FileName = "latest.ckpt";

    private static ReadOnlySpan<byte> Header => "KILNCKP1"u8;

    private const int PrefixLength = 24;

    private readonly Lock _gate = new();
    private readonly Action<long>? _saved;

    public FileCheckpointStore(string folder, Action<long>? saved = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Folder = folder;
        _saved = saved;
    }

    /// <summary>The checkpoint's folder.</summary>
    public string Folder { get; }

    /// <summary>The full path of the checkpoint file.</summary>
    public string FilePath => Path.Combine(Folder, FileName);

    /// <summary>The step of the checkpoint a fit resumed from (the last one <see cref="TryLoadLatest"/> returned), or <see langword="null"/>.</summary>
    public long? ResumedFrom { get; private set; }

    /// <summary>How many checkpoints this instance saved.</summary>
    public int Saves { get; private set; }

    public void Save(long step, ReadOnlySpan<byte> state)
    {
        if (step < 0)
            throw new ArgumentOutOfRangeException(nameof(step), step, "A checkpoint's step is 0 or more.");
        lock (_gate)
        {
            Directory.CreateDirectory(Folder);
            var file = new byte[PrefixLength + state.Length];
            Header.CopyTo(file);
            BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(8), step);
            BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(16), state.Length);
            state.CopyTo(file.AsSpan(PrefixLength));
            AtomicFile.Write(FilePath, file);
            Saves++;
        }
        _saved?.Invoke(step);
    }

    public bool TryLoadLatest(out long step, out byte[] state)
    {
        lock (_gate)
        {
            step = 0;
            state = [];
            if (!File.Exists(FilePath))
                return false;
            var bytes = File.ReadAllBytes(FilePath);
            if (bytes.Length < PrefixLength || !bytes.AsSpan(0, 8).SequenceEqual(Header))
                throw Corrupt("it does not start with Kiln's checkpoint header");
            step = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8));
            var length = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(16));
            if (step < 0 || length != bytes.Length - PrefixLength)
                throw Corrupt(string.Create(CultureInfo.InvariantCulture, $"its header says step {step} and {length} bytes of state, but the file holds {bytes.Length - PrefixLength}"));
            state = bytes[PrefixLength..];
            ResumedFrom = step;
            return true;
        }
    }

    /// <summary>Deletes the checkpoint folder (after the fit it served has completed and its result is cached).</summary>
    public void Delete()
    {
        lock (_gate)
        {
            if (Directory.Exists(Folder))
                Directory.Delete(Folder, recursive: true);
        }
    }

    private KilnException Corrupt(string reason) =>
        new($"The checkpoint {FilePath} cannot be read: {reason}. Delete the folder {Folder} to start that fit over.");
}
