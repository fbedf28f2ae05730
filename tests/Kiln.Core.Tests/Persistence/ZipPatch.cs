using System.Buffers.Binary;
using System.Text;

namespace Kiln.Core.Tests.Persistence;

// Rewrites the sizes a zip claims for an entry, in its central directory and its local header, to make an archive lie.
internal static class ZipPatch
{
    private const uint EndOfCentralDirectory = 0x06054b50;

    public static byte[] SetUncompressedSize(byte[] zip, string entryName, uint size)
    {
        var patched = (byte[])zip.Clone();
        var end = patched.Length - 22;
        while (BinaryPrimitives.ReadUInt32LittleEndian(patched.AsSpan(end)) != EndOfCentralDirectory)
            end--;
        var count = BinaryPrimitives.ReadUInt16LittleEndian(patched.AsSpan(end + 10));
        var record = (int)BinaryPrimitives.ReadUInt32LittleEndian(patched.AsSpan(end + 16));
        for (var i = 0; i < count; i++)
        {
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(patched.AsSpan(record + 28));
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(patched.AsSpan(record + 30));
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(patched.AsSpan(record + 32));
            var name = Encoding.UTF8.GetString(patched, record + 46, nameLength);
            if (name == entryName)
            {
                var localHeader = (int)BinaryPrimitives.ReadUInt32LittleEndian(patched.AsSpan(record + 42));
                BinaryPrimitives.WriteUInt32LittleEndian(patched.AsSpan(record + 24), size);
                BinaryPrimitives.WriteUInt32LittleEndian(patched.AsSpan(localHeader + 22), size);
                return patched;
            }
            record += 46 + nameLength + extraLength + commentLength;
        }
        throw new ArgumentException($"The zip has no entry '{entryName}'.", nameof(entryName));
    }
}
