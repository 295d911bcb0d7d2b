using Polypose.Detection.Images;

namespace Polypose.Detection.MoveNet;

/// <summary>
/// A square window of an original image resampled to a <see cref="Size"/> × <see cref="Size"/> network input (the
/// top-down crop Thunder refines one person in). Input pixel = (original pixel − (<see cref="Left"/>, <see cref="Top"/>))
/// · <see cref="Scale"/>, continuous coordinates with pixel centres at half-integers on both sides; parts of the window
/// outside the image are black.
/// </summary>
public readonly record struct PersonCrop
{
    /// <summary>Creates a crop of side <paramref name="side"/> original pixels centred at (cx, cy).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The side or the input size is not positive, or a value is not finite.</exception>
    public PersonCrop(double centerX, double centerY, double side, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (!double.IsFinite(centerX) || !double.IsFinite(centerY) || !double.IsFinite(side) || side <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(side), $"crop centre ({centerX}, {centerY}) and side {side} must be finite, side > 0");
        }

        Left = centerX - (side / 2);
        Top = centerY - (side / 2);
        Side = side;
        Size = size;
    }

    /// <summary>Gets the window's left edge (original px).</summary>
    public double Left { get; }

    /// <summary>Gets the window's top edge (original px).</summary>
    public double Top { get; }

    /// <summary>Gets the window's side (original px).</summary>
    public double Side { get; }

    /// <summary>Gets the network input side (px).</summary>
    public int Size { get; }

    /// <summary>Gets the scale from original to input pixels.</summary>
    public double Scale => Size / Side;

    /// <summary>
    /// The crop around a box (original px): centred on the box, side = the box's longer side × <paramref name="margin"/>.
    /// </summary>
    public static PersonCrop AroundBox((double XMin, double YMin, double XMax, double YMax) box, double margin, int size)
    {
        var side = Math.Max(Math.Max(box.XMax - box.XMin, box.YMax - box.YMin), 1.0) * margin;
        return new PersonCrop((box.XMin + box.XMax) / 2, (box.YMin + box.YMax) / 2, side, size);
    }

    /// <summary>Maps a normalised input coordinate ([0, 1] of the crop, as MoveNet outputs) to original pixels.</summary>
    public (double X, double Y) ToImage(double normalizedX, double normalizedY) => (Left + (normalizedX * Side), Top + (normalizedY * Side));

    /// <summary>
    /// The network input <c>[1, Size, Size, 3]</c> as int32 RGB 0–255: bilinear samples of the image (half-pixel
    /// centres, edge pixels repeated up to the image border, rounded to nearest), zeros outside the image.
    /// </summary>
    public int[] Render(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var result = new int[Size * Size * 3];
        var src = image.Pixels;
        int w = image.Width, h = image.Height;
        var step = Side / Size;
        var x0 = new int[Size];
        var x1 = new int[Size];
        var fx = new float[Size];
        var inside = new bool[Size];
        for (var x = 0; x < Size; x++)
        {
            var sx = Left + ((x + 0.5) * step);
            inside[x] = sx >= 0 && sx < w;
            Tap(sx - 0.5, w, out x0[x], out x1[x], out fx[x]);
        }

        for (var y = 0; y < Size; y++)
        {
            var sy = Top + ((y + 0.5) * step);
            if (sy < 0 || sy >= h)
            {
                continue;
            }

            Tap(sy - 0.5, h, out var y0, out var y1, out var fy);
            int r0 = y0 * w * 3, r1 = y1 * w * 3, dst = y * Size * 3;
            for (var x = 0; x < Size; x++)
            {
                if (!inside[x])
                {
                    continue;
                }

                int a = x0[x] * 3, b = x1[x] * 3;
                var f = fx[x];
                for (var c = 0; c < 3; c++)
                {
                    var top = src[r0 + a + c] + ((src[r0 + b + c] - src[r0 + a + c]) * f);
                    var bottom = src[r1 + a + c] + ((src[r1 + b + c] - src[r1 + a + c]) * f);
                    result[dst + (x * 3) + c] = (int)MathF.Round(top + ((bottom - top) * fy), MidpointRounding.AwayFromZero);
                }
            }
        }

        return result;
    }

    /// <summary>As <see cref="Render"/> but resampled with <see cref="AntialiasedResampler"/> (tent filter as wide as the reduction).</summary>
    public int[] RenderAntialiased(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var result = new int[Size * Size * 3];
        AntialiasedResampler.Resample(image, Left, Top, Side / Size, Size, Size, result, Size, 0, 0);
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
