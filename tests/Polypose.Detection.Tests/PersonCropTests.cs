using Polypose.Detection.Images;
using Polypose.Detection.MoveNet;

namespace Polypose.Detection.Tests;

/// <summary>Top-down crops and the antialiased resampler on hand-made images.</summary>
public sealed class PersonCropTests
{
    [Fact]
    public void CropAroundABoxIsSquareCentredAndMapsBackToOriginalPixels()
    {
        var crop = PersonCrop.AroundBox((100, 200, 300, 600), 1.25, 256);
        Assert.Equal(500, crop.Side, 9);
        Assert.Equal(-50, crop.Left, 9);
        Assert.Equal(150, crop.Top, 9);
        Assert.Equal((200.0, 400.0), crop.ToImage(0.5, 0.5));
        Assert.Equal((-50.0, 650.0), crop.ToImage(0, 1));
    }

    [Fact]
    public void CropOutsideTheImageIsBlackAndInsideKeepsTheColour()
    {
        var image = new RgbImage(40, 40, [.. Enumerable.Repeat((byte)200, 40 * 40 * 3)]);
        var crop = new PersonCrop(0, 20, 40, 32); // left half of the window lies left of the image
        foreach (var input in new[] { crop.Render(image), crop.RenderAntialiased(image) })
        {
            Assert.Equal(0, input[((16 * 32) + 3) * 3]);
            Assert.Equal(200, input[((16 * 32) + 28) * 3]);
        }
    }

    [Fact]
    public void AntialiasedReductionAveragesAFineStripePatternThatBilinearAliases()
    {
        // Vertical stripes one pixel wide (0, 255, 0, 255, ...) reduced 3x: the average is 127.5. Bilinear samples
        // source column 3x + 1 exactly and returns one stripe's value (0 or 255); the tent filter (radius 3: weights
        // 1/3, 2/3, 1, 2/3, 1/3 over five columns) gives 113 or 142.
        const int w = 192, h = 8;
        var pixels = new byte[w * h * 3];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                pixels[((y * w) + x) * 3] = (byte)(x % 2 == 0 ? 0 : 255);
            }
        }

        var image = new RgbImage(w, h, pixels);
        var box = new Letterbox(w, h, 64, 32);
        var plain = box.Render(image);
        var smooth = box.RenderAntialiased(image);
        var row = (box.ContentY + 1) * 64 * 3;
        for (var x = 2; x < 62; x++)
        {
            Assert.InRange(smooth[row + (x * 3)], 105, 150);
        }

        Assert.All(Enumerable.Range(2, 60), x => Assert.True(plain[row + (x * 3)] is < 10 or > 245));
    }
}
