namespace Kiln.Workflow.Store;

/// <summary>A data file stored as an immutable, content-addressed version.</summary>
/// <param name="Dataset">The data set name (from the file's name unless given).</param>
/// <param name="Version">The version id: the first 16 hexadecimal digits of <paramref name="Sha256"/>.</param>
/// <param name="Sha256">The SHA-256 of the file's bytes, 64 lowercase hexadecimal digits.</param>
/// <param name="Length">The file's size in bytes.</param>
/// <param name="Directory">The version's folder in the store.</param>
/// <param name="DataFile">The stored copy of the file.</param>
/// <param name="Reused">Whether the same content was ingested before and that version was reused.</param>
public sealed record IngestedData(string Dataset, string Version, string Sha256, long Length, string Directory, string DataFile, bool Reused);
