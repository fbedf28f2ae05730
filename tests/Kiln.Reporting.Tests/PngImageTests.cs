using Kiln.TestKit;
using SkiaSharp;

namespace Kiln.Reporting.Tests;

public sealed class PngImageTests
{
    [Fact]
    public void Decode_SkiaEncodedImage_ReadsEveryPixel()
    {
        // An image with a white background, a red rectangle and a horizontal grey gradient, encoded by Skia (which picks
        // its own row filters), decoded by the test's reader.
        using var bitmap = new SKBitmap(new SKImageInfo(64, 40, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var y = 0; y < 40; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                var color = x is >= 10 and < 30 && y is >= 5 and < 15 ? new SKColor(220, 30, 40)
                    : y >= 30 ? new SKColor((byte)(x * 4), (byte)(x * 4), (byte)(x * 4)) : SKColors.White;
                bitmap.SetPixel(x, y, color);
            }
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);

        var image = PngImage.Decode(data.ToArray());

        Assert.Equal((64, 40), (image.Width, image.Height));
        Assert.Equal(((byte)220, (byte)30, (byte)40, (byte)255), image[10, 5]);
        Assert.Equal(((byte)220, (byte)30, (byte)40, (byte)255), image[29, 14]);
        Assert.Equal(((byte)255, (byte)255, (byte)255, (byte)255), image[30, 14]);
        Assert.Equal(((byte)252, (byte)252, (byte)252, (byte)255), image[63, 39]);
        Assert.Equal(((byte)100, (byte)100, (byte)100, (byte)255), image[25, 35]);
    }

    [Fact]
    public void Decode_NotPng_Throws() => Assert.Throws<InvalidDataException>(() => PngImage.Decode([1, 2, 3]));
}
