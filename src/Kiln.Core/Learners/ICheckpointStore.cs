namespace Kiln.Core.Learners;

/// <summary>Keeps a long fit's checkpoints so an interrupted fit can resume from the last one.</summary>
public interface ICheckpointStore
{
    /// <summary>Saves the state after <paramref name="step"/>; a later save replaces it. The write is atomic.</summary>
    void Save(long step, ReadOnlySpan<byte> state);

    /// <summary>The last saved step and state, or <see langword="false"/> when there is none.</summary>
    bool TryLoadLatest(out long step, out byte[] state);
}
