using Polypose.Detection.Images;

namespace Polypose.Detection.MoveNet;

/// <summary>
/// The affine from original image pixels to a network input of <see cref="InputWidth"/> × <see cref="InputHeight"/>
/// (multiples of 32): a uniform scale that fits the whole image, centred, the rest padded black.
/// Input pixel = original pixel · <see cref="Scale"/> + (<see cref="OffsetX"/>, <see cref="OffsetY"/>), with pixel
/// centres at half-integers on both sides (so a corner maps to a corner).
/// </summary>
public readonly record struct Letterbox
{
    /// <summary>Creates the letterbox of an image into an input size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or an input side is not a multiple of 32.</exception>
    public Letterbox(int imageWidth, int imageHeight, int inputWidth, int inputHeight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(imageWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(imageHeight, 1);
        if (inputWidth < 32 || inputHeight < 32 || inputWidth % 32 != 0 || inputHeight % 32 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputWidth), $"network input {inputWidth}x{inputHeight} must be positive multiples of 32");
        }

        ImageWidth = imageWidth;
        ImageHeight = imageHeight;
        InputWidth = inputWidth;
        InputHeight = inputHeight;
        Scale = Math.Min(inputWidth / (double)imageWidth, inputHeight / (double)imageHeight);
        ContentWidth = Math.Min(inputWidth, (int)Math.Round(imageWidth * Scale));
        ContentHeight = Math.Min(inputHeight, (int)Math.Round(imageHeight * Scale));
        ContentX = (inputWidth - ContentWidth) / 2;
        ContentY = (inputHeight - ContentHeight) / 2;
    }

    /// <summary>Gets the original width in pixels.</summary>
    public int ImageWidth { get; }

    /// <summary>Gets the original height in pixels.</summary>
    public int ImageHeight { get; }

    /// <summary>Gets the network input width (multiple of 32).</summary>
    public int InputWidth { get; }

    /// <summary>Gets the network input height (multiple of 32).</summary>
    public int InputHeight { get; }

    /// <summary>Gets the scale from original to input pixels.</summary>
    public double Scale { get; }

    /// <summary>Gets the width of the resized image inside the input.</summary>
    public int ContentWidth { get; }

    /// <summary>Gets the height of the resized image inside the input.</summary>
    public int ContentHeight { get; }

    /// <summary>Gets the first input column of the resized image.</summary>
    public int ContentX { get; }

    /// <summary>Gets the first input row of the resized image.</summary>
    public int ContentY { get; }

    /// <summary>Gets the horizontal offset of the affine (input px).</summary>
    public double OffsetX => ContentX;

    /// <summary>Gets the vertical offset of the affine (input px).</summary>
    public double OffsetY => ContentY;

    /// <summary>
    /// The input size for an image: the longer side becomes <paramref name="longSide"/> (rounded up to a multiple of 32)
    /// and the shorter side the smallest multiple of 32 that holds the scaled image.
    /// </summary>
    public static Letterbox Fit(int imageWidth, int imageHeight, int longSide)
    {
        var side = Math.Max(32, (longSide + 31) / 32 * 32);
        var landscape = imageWidth >= imageHeight;
        var shortScaled = (landscape ? imageHeight : imageWidth) * (double)side / Math.Max(imageWidth, imageHeight);
        var shortSide = Math.Max(32, (int)Math.Ceiling((shortScaled - 1e-9) / 32) * 32);
        return landscape ? new Letterbox(imageWidth, imageHeight, side, shortSide) : new Letterbox(imageWidth, imageHeight, shortSide, side);
    }

    /// <summary>Maps a normalised input coordinate (MoveNet's output, [0, 1] of the input) to original pixels.</summary>
    public (double X, double Y) ToImage(double normalizedX, double normalizedY) =>
        (((normalizedX * InputWidth) - ContentX) * ImageWidth / ContentWidth, ((normalizedY * InputHeight) - ContentY) * ImageHeight / ContentHeight);

    /// <summary>
    /// The network input <c>[1, InputHeight, InputWidth, 3]</c> as int32 RGB 0–255: the image resized by bilinear
    /// interpolation (half-pixel centres, rounded to nearest) into the content rectangle, zeros elsewhere.
    /// </summary>
    public int[] Render(RgbImage image)
    {
        var result = new int[InputWidth * InputHeight * 3];
        Render(image, result);
        return result;
    }

    /// <summary>
    /// As <see cref="Render(RgbImage)"/> into <paramref name="result"/> (exactly InputHeight · InputWidth · 3 elements,
    /// every one written), so a caller can reuse one input buffer per camera picture.
    /// </summary>
    public void Render(RgbImage image, int[] result)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(result);
        if (image.Width != ImageWidth || image.Height != ImageHeight)
        {
            throw new ArgumentException($"image is {image.Width}x{image.Height}, letterbox was made for {ImageWidth}x{ImageHeight}", nameof(image));
        }

        if (result.Length != InputWidth * InputHeight * 3)
        {
            throw new ArgumentException($"input buffer has {result.Length} elements, {InputWidth}x{InputHeight}x3 needs {InputWidth * InputHeight * 3}", nameof(result));
        }

        Array.Clear(result);
        var src = image.Pixels;
        var sx = ImageWidth / (double)ContentWidth;
        var sy = ImageHeight / (double)ContentHeight;
        var x0 = new int[ContentWidth];
        var x1 = new int[ContentWidth];
        var fx = new float[ContentWidth];
        for (var x = 0; x < ContentWidth; x++)
        {
            Tap((x + 0.5) * sx - 0.5, ImageWidth, out x0[x], out x1[x], out fx[x]);
        }

        for (var y = 0; y < ContentHeight; y++)
        {
            Tap((y + 0.5) * sy - 0.5, ImageHeight, out var y0, out var y1, out var fy);
            var dstRow = ((ContentY + y) * InputWidth + ContentX) * 3;
            var r0 = y0 * ImageWidth * 3;
            var r1 = y1 * ImageWidth * 3;
            for (var x = 0; x < ContentWidth; x++)
            {
                var a = x0[x] * 3;
                var b = x1[x] * 3;
                var f = fx[x];
                for (var c = 0; c < 3; c++)
                {
                    var top = src[r0 + a + c] + ((src[r0 + b + c] - src[r0 + a + c]) * f);
                    var bottom = src[r1 + a + c] + ((src[r1 + b + c] - src[r1 + a + c]) * f);
                    result[dstRow + (x * 3) + c] = (int)MathF.Round(top + ((bottom - top) * fy), MidpointRounding.AwayFromZero);
                }
            }
        }
    }

    /// <summary>
    /// As <see cref="Render(RgbImage)"/> but resized with <see cref="AntialiasedResampler"/> (a tent filter as wide as the
    /// reduction), which keeps detail a plain bilinear reduction aliases away.
    /// </summary>
    public int[] RenderAntialiased(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Width != ImageWidth || image.Height != ImageHeight)
        {
            throw new ArgumentException($"image is {image.Width}x{image.Height}, letterbox was made for {ImageWidth}x{ImageHeight}", nameof(image));
        }

        var result = new int[InputWidth * InputHeight * 3];
        AntialiasedResampler.Resample(image, 0, 0, ImageWidth / (double)ContentWidth, ContentWidth, ContentHeight, result, InputWidth, ContentX, ContentY);
        return result;
    }

    private static void Tap(double s, int size, out int i0, out int i1, out float frac)
    {
        s = Math.Clamp(s, 0, size - 1);
        i0 = (int)Math.Floor(s);
        i1 = Math.Min(i0 + 1, size - 1);
        frac = (float)(s - i0);
    }
}
