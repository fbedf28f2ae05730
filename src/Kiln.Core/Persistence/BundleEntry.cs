namespace Kiln.Core.Persistence;

/// <summary>One data entry of a bundle as its manifest records it.</summary>
/// <param name="Name">The entry's path inside the zip, e.g. <c>model/priors.f64</c>.</param>
/// <param name="Format">How the bytes are laid out.</param>
/// <param name="Length">The uncompressed size in bytes.</param>
/// <param name="Sha256">The SHA-256 of the uncompressed bytes, as 64 lowercase hexadecimal digits.</param>
public sealed record BundleEntry(string Name, BundleEntryFormat Format, long Length, string Sha256);
