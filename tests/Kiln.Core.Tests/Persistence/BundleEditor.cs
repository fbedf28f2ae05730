using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Kiln.Core.Tests.Persistence;

// Takes a bundle apart and puts it back together, so tests can build hostile bundles: entries replaced (with their
// manifest listing updated or deliberately left stale), removed, added under any name, or streamed as runs of zeros.
internal sealed class BundleEditor
{
    private readonly List<Entry> _entries;

    private BundleEditor(JsonObject manifest, List<Entry> entries)
    {
        Manifest = manifest;
        _entries = entries;
    }

    public JsonObject Manifest { get; }

    public static BundleEditor Read(byte[] bundle)
    {
        using var zip = new ZipArchive(new MemoryStream(bundle), ZipArchiveMode.Read);
        JsonObject? manifest = null;
        var entries = new List<Entry>();
        foreach (var zipEntry in zip.Entries)
        {
            using var stream = zipEntry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            if (zipEntry.FullName == "manifest.json")
                manifest = (JsonObject)JsonNode.Parse(copy.ToArray())!;
            else
                entries.Add(new Entry(zipEntry.FullName, copy.ToArray(), 0));
        }
        return new BundleEditor(manifest!, entries);
    }

    public byte[] Bytes(string name) => _entries.Single(entry => entry.Name == name).Bytes!;

    public string Text(string name) => Encoding.UTF8.GetString(Bytes(name));

    // Replaces an entry's bytes and updates its length and SHA-256 in the manifest, as an honest writer would.
    public BundleEditor Replace(string name, byte[] bytes)
    {
        SetRaw(name, bytes);
        var listing = Listing(name);
        listing["length"] = bytes.Length;
        listing["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return this;
    }

    public BundleEditor Replace(string name, string text) => Replace(name, Encoding.UTF8.GetBytes(text));

    public BundleEditor ReplaceDoubles(string name, params double[] values) =>
        Replace(name, values.SelectMany(BitConverter.GetBytes).ToArray());

    // Replaces an entry's bytes and leaves the manifest as it was.
    public BundleEditor SetRaw(string name, byte[] bytes)
    {
        var index = _entries.FindIndex(entry => entry.Name == name);
        if (index < 0)
            _entries.Add(new Entry(name, bytes, 0));
        else
            _entries[index] = new Entry(name, bytes, 0);
        return this;
    }

    // An entry of `count` zero bytes, compressed as it streams, so the test never holds it in memory.
    public BundleEditor SetZeros(string name, long count)
    {
        _entries.RemoveAll(entry => entry.Name == name);
        _entries.Add(new Entry(name, null, count));
        return this;
    }

    public BundleEditor Add(string name, byte[] bytes)
    {
        _entries.Add(new Entry(name, bytes, 0));
        return this;
    }

    public BundleEditor RemoveEntry(string name)
    {
        _entries.RemoveAll(entry => entry.Name == name);
        return this;
    }

    public BundleEditor RemoveListing(string name)
    {
        var entries = (JsonArray)Manifest["entries"]!;
        entries.Remove(Listing(name));
        return this;
    }

    public JsonObject Listing(string name) =>
        ((JsonArray)Manifest["entries"]!).OfType<JsonObject>().Single(item => (string?)item["name"] == name);

    public byte[] ToBytes(CompressionLevel level = CompressionLevel.Optimal, byte[]? manifestBytes = null, bool includeManifest = true, long manifestZeros = 0)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            if (includeManifest)
                Write(zip, new Entry("manifest.json", manifestZeros > 0 ? null : manifestBytes ?? Encoding.UTF8.GetBytes(Manifest.ToJsonString()), manifestZeros), level);
            foreach (var entry in _entries)
                Write(zip, entry, level);
        }
        return output.ToArray();
    }

    private static void Write(ZipArchive zip, Entry entry, CompressionLevel level)
    {
        var zipEntry = zip.CreateEntry(entry.Name, level);
        using var stream = zipEntry.Open();
        if (entry.Bytes is not null)
        {
            stream.Write(entry.Bytes);
            return;
        }
        var zeros = new byte[1 << 20];
        for (var remaining = entry.Zeros; remaining > 0; remaining -= zeros.Length)
            stream.Write(zeros, 0, (int)Math.Min(zeros.Length, remaining));
    }

    private sealed record Entry(string Name, byte[]? Bytes, long Zeros);
}
