using System.Buffers.Binary;
using System.IO.Compression;

namespace Kiln.TestKit;

/// <summary>
/// A decoded 8-bit PNG (grey, grey + alpha, RGB or RGBA; not interlaced), as RGBA pixels. Enough to look at a browser's
/// screenshot: chunks are read by length and type, the IDAT data is one zlib stream, and each row's filter is undone.
/// </summary>
public sealed class PngImage
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    private readonly byte[] _rgba;

    private PngImage(int width, int height, byte[] rgba)
    {
        Width = width;
        Height = height;
        _rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    public (byte Red, byte Green, byte Blue, byte Alpha) this[int x, int y]
    {
        get
        {
            var offset = ((y * Width) + x) * 4;
            return (_rgba[offset], _rgba[offset + 1], _rgba[offset + 2], _rgba[offset + 3]);
        }
    }

    public static PngImage Decode(byte[] file)
    {
        if (file.Length < Signature.Length || !file.AsSpan(0, Signature.Length).SequenceEqual(Signature))
            throw new InvalidDataException("Not a PNG file: the 8-byte signature is missing.");
        int width = 0, height = 0, channels = 0;
        using var compressed = new MemoryStream();
        var position = Signature.Length;
        while (position + 8 <= file.Length)
        {
            var length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(position)));
            var type = System.Text.Encoding.ASCII.GetString(file, position + 4, 4);
            var data = file.AsSpan(position + 8, length);
            position += 12 + length;
            switch (type)
            {
                case "IHDR":
                    width = checked((int)BinaryPrimitives.ReadUInt32BigEndian(data));
                    height = checked((int)BinaryPrimitives.ReadUInt32BigEndian(data[4..]));
                    var (bitDepth, colorType, interlace) = (data[8], data[9], data[12]);
                    if (bitDepth != 8 || interlace != 0)
                        throw new InvalidDataException($"Only 8-bit, non-interlaced PNG is supported; this one has bit depth {bitDepth}, interlace {interlace}.");
                    channels = colorType switch
                    {
                        0 => 1,
                        2 => 3,
                        4 => 2,
                        6 => 4,
                        _ => throw new InvalidDataException($"PNG colour type {colorType} (palette) is not supported."),
                    };
                    break;
                case "IDAT":
                    compressed.Write(data);
                    break;
                case "IEND":
                    position = file.Length;
                    break;
            }
        }
        if (channels == 0)
            throw new InvalidDataException("The PNG has no IHDR chunk.");
        compressed.Position = 0;
        using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
        var stride = width * channels;
        var raw = new byte[(stride + 1) * height];
        inflater.ReadExactly(raw);
        return new PngImage(width, height, Unfilter(raw, width, height, channels));
    }

    // Undoes the five PNG row filters (None, Sub, Up, Average, Paeth) in place, then widens to RGBA.
    private static byte[] Unfilter(byte[] raw, int width, int height, int channels)
    {
        var stride = width * channels;
        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var source = raw.AsSpan((y * (stride + 1)) + 1, stride);
            var row = pixels.AsSpan(y * stride, stride);
            var previous = y > 0 ? pixels.AsSpan((y - 1) * stride, stride) : new byte[stride];
            for (var i = 0; i < stride; i++)
            {
                int left = i >= channels ? row[i - channels] : 0;
                int up = previous[i];
                int upLeft = i >= channels ? previous[i - channels] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"Row {y} has unknown PNG filter type {filter}."),
                };
                row[i] = (byte)(source[i] + predictor);
            }
        }
        var rgba = new byte[width * height * 4];
        for (var pixel = 0; pixel < width * height; pixel++)
        {
            var from = pixel * channels;
            var (red, green, blue, alpha) = channels switch
            {
                1 => (pixels[from], pixels[from], pixels[from], (byte)255),
                2 => (pixels[from], pixels[from], pixels[from], pixels[from + 1]),
                3 => (pixels[from], pixels[from + 1], pixels[from + 2], (byte)255),
                _ => (pixels[from], pixels[from + 1], pixels[from + 2], pixels[from + 3]),
            };
            rgba[pixel * 4] = red;
            rgba[(pixel * 4) + 1] = green;
            rgba[(pixel * 4) + 2] = blue;
            rgba[(pixel * 4) + 3] = alpha;
        }
        return rgba;
    }

    private static int Paeth(int left, int up, int upLeft)
    {
        var estimate = left + up - upLeft;
        var (toLeft, toUp, toUpLeft) = (Math.Abs(estimate - left), Math.Abs(estimate - up), Math.Abs(estimate - upLeft));
        if (toLeft <= toUp && toLeft <= toUpLeft)
            return left;
        return toUp <= toUpLeft ? up : upLeft;
    }

    /// <summary>The share of pixels in rows [fromRow, toRow) that are not (near) white.</summary>
    public double NonWhiteShare(int fromRow, int toRow)
    {
        long inked = 0;
        for (var y = fromRow; y < toRow; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var (red, green, blue, _) = this[x, y];
                if (red < 245 || green < 245 || blue < 245)
                    inked++;
            }
        }
        return (double)inked / ((long)(toRow - fromRow) * Width);
    }

    /// <summary>The number of distinct colours at 4 bits per channel, sampling every other pixel.</summary>
    public int DistinctColours()
    {
        var colours = new HashSet<int>();
        for (var y = 0; y < Height; y += 2)
        {
            for (var x = 0; x < Width; x += 2)
            {
                var (red, green, blue, _) = this[x, y];
                colours.Add(((red >> 4) << 8) | ((green >> 4) << 4) | (blue >> 4));
            }
        }
        return colours.Count;
    }

    /// <summary>The number of pixels in rows [fromRow, toRow) within 12 of the colour on every channel.</summary>
    public long CountNear(int red, int green, int blue, int fromRow, int toRow)
    {
        long count = 0;
        for (var y = fromRow; y < toRow; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var pixel = this[x, y];
                if (Math.Abs(pixel.Red - red) <= 12 && Math.Abs(pixel.Green - green) <= 12 && Math.Abs(pixel.Blue - blue) <= 12)
                    count++;
            }
        }
        return count;
    }
}
