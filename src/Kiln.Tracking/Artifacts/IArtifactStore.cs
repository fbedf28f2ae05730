namespace Kiln.Tracking.Artifacts;

/// <summary>Where a run's files live: data versions, job outputs and checkpoints, under keys from <see cref="ArtifactLayout"/>.</summary>
/// <remarks>
/// <para>
/// Keys and prefixes follow <see cref="ArtifactKeys"/>; every method checks them again and refuses a bad one with an
/// <see cref="ArgumentException"/>. A prefix names a folder (empty, or ending with '/').
/// </para>
/// <para>
/// Atomicity: <see cref="Put"/> and <see cref="PutFile"/> make a key appear complete or not at all. A reader sees the old
/// bytes or the new bytes, never a mix or a prefix of them; a failure (an exception from the source stream, a crash,
/// a lost connection) leaves the old state. Putting a key that exists replaces it (last writer wins).
/// </para>
/// <para>
/// Folders: <see cref="PublishFolder"/> uploads a whole folder and then writes <see cref="CompletionMarker"/> in it, last.
/// A folder without its marker is absent: readers call <see cref="IsPublished"/> before they read a published folder,
/// and a later publish of the same prefix removes what an interrupted one left. A published folder is never
/// overwritten: publishing to a prefix that has a marker is refused.
/// </para>
/// <para>
/// The stores are safe to use from several threads (and processes) at once for different keys.
/// </para>
/// </remarks>
public interface IArtifactStore : IDisposable
{
    /// <summary>The marker a completed <see cref="PublishFolder"/> writes last in the folder: one line per file, <c>&lt;bytes&gt;\t&lt;relative key&gt;</c>.</summary>
    public const string CompletionMarker = "_SUCCESS";

    /// <summary>Where the store is, for messages: a local folder or <c>s3://bucket/prefix/</c>.</summary>
    string Location { get; }

    /// <summary>Stores the rest of <paramref name="content"/> under <paramref name="key"/>, atomically, replacing what was there.</summary>
    /// <exception cref="ArgumentException">The key is not valid.</exception>
    /// <exception cref="Kiln.Core.KilnException">The store refused or could not be reached; the old state is intact.</exception>
    void Put(string key, Stream content);

    /// <summary>Stores the file at <paramref name="sourcePath"/> under <paramref name="key"/>, atomically, replacing what was there.</summary>
    /// <exception cref="ArgumentException">The key is not valid.</exception>
    /// <exception cref="Kiln.Core.KilnException">The file cannot be read, or the store refused; the old state is intact.</exception>
    void PutFile(string key, string sourcePath);

    /// <summary>Copies the bytes stored under <paramref name="key"/> into <paramref name="destination"/>.</summary>
    /// <exception cref="ArtifactNotFoundException">Nothing is stored under the key.</exception>
    void Get(string key, Stream destination);

    /// <summary>Writes the bytes stored under <paramref name="key"/> to the local file <paramref name="destinationPath"/>, atomically (a temporary file in the same folder, then a rename).</summary>
    /// <exception cref="ArtifactNotFoundException">Nothing is stored under the key; the destination is untouched.</exception>
    void GetFile(string key, string destinationPath);

    /// <summary>Whether something is stored under <paramref name="key"/>.</summary>
    bool Exists(string key);

    /// <summary>Every key under the folder <paramref name="prefix"/> (recursively), in ordinal order.</summary>
    /// <exception cref="ArgumentException">The prefix is not valid.</exception>
    IReadOnlyList<string> List(string prefix);

    /// <summary>Deletes every key under the folder <paramref name="prefix"/>.</summary>
    /// <returns>The keys that could not be deleted (empty when everything went).</returns>
    /// <exception cref="ArgumentException">The prefix is empty (deleting the whole store is refused) or not valid.</exception>
    IReadOnlyList<string> DeletePrefix(string prefix);

    /// <summary>Publishes a folder: deletes what an interrupted publish left under <paramref name="prefix"/>, stores every file, then writes <see cref="CompletionMarker"/> last.</summary>
    /// <param name="prefix">The folder (ends with '/'), for example <see cref="ArtifactLayout.Job"/>.</param>
    /// <param name="files">The files, by their keys relative to the folder.</param>
    /// <exception cref="ArgumentException">The prefix or a relative key is not valid, a key repeats, or a file is named like the marker.</exception>
    /// <exception cref="ArtifactExistsException">The folder is already published.</exception>
    /// <exception cref="Kiln.Core.KilnException">A file could not be read or stored; the folder has no marker, so it stays absent.</exception>
    void PublishFolder(string prefix, IReadOnlyList<ArtifactUpload> files);

    /// <summary>Whether the folder <paramref name="prefix"/> was published completely (its <see cref="CompletionMarker"/> exists).</summary>
    bool IsPublished(string prefix);
}
