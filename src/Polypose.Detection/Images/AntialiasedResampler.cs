namespace Polypose.Detection.Images;

/// <summary>
/// Resamples a window of an <see cref="RgbImage"/> into an int32 RGB network input with a separable triangle
/// (tent) filter whose support widens with the reduction factor (radius = max(1, source px per output px)), so a
/// 3× smaller input averages 3 source pixels per side instead of sampling 2 of them (plain bilinear, which aliases).
/// Coordinates are continuous with pixel centres at half-integers; output pixels whose centre falls outside the image
/// are left untouched (black); weights are renormalised over the source pixels inside the image.
/// </summary>
public static class AntialiasedResampler
{
    /// <summary>
    /// Writes <paramref name="width"/> × <paramref name="height"/> output pixels at (<paramref name="dstX"/>,
    /// <paramref name="dstY"/>) of <paramref name="destination"/> (row-major RGB, <paramref name="dstStride"/> pixels
    /// a row); output pixel (x, y) has its centre at source ((x + ½)·step + left, (y + ½)·step + top).
    /// </summary>
    public static void Resample(RgbImage image, double left, double top, double step, int width, int height, int[] destination, int dstStride, int dstX, int dstY)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, 0);
        var cols = Taps(left, step, width, image.Width);
        var rows = Taps(top, step, height, image.Height);
        int y0 = int.MaxValue, y1 = -1;
        foreach (var r in rows)
        {
            if (r.Weights.Length > 0)
            {
                y0 = Math.Min(y0, r.Start);
                y1 = Math.Max(y1, r.Start + r.Weights.Length - 1);
            }
        }

        if (y1 < 0)
        {
            return;
        }

        var src = image.Pixels;
        var rowCount = y1 - y0 + 1;
        var horizontal = new float[rowCount * width * 3];
        for (var sy = y0; sy <= y1; sy++)
        {
            var srcRow = sy * image.Width * 3;
            var dstRow = (sy - y0) * width * 3;
            for (var x = 0; x < width; x++)
            {
                var (start, weights) = cols[x];
                float r = 0, g = 0, b = 0;
                for (var k = 0; k < weights.Length; k++)
                {
                    var p = srcRow + ((start + k) * 3);
                    var w = weights[k];
                    r += src[p] * w;
                    g += src[p + 1] * w;
                    b += src[p + 2] * w;
                }

                horizontal[dstRow + (x * 3)] = r;
                horizontal[dstRow + (x * 3) + 1] = g;
                horizontal[dstRow + (x * 3) + 2] = b;
            }
        }

        for (var y = 0; y < height; y++)
        {
            var (start, weights) = rows[y];
            if (weights.Length == 0)
            {
                continue;
            }

            var outRow = ((dstY + y) * dstStride + dstX) * 3;
            for (var x = 0; x < width; x++)
            {
                if (cols[x].Weights.Length == 0)
                {
                    continue;
                }

                for (var c = 0; c < 3; c++)
                {
                    float v = 0;
                    for (var k = 0; k < weights.Length; k++)
                    {
                        v += horizontal[((start + k - y0) * width * 3) + (x * 3) + c] * weights[k];
                    }

                    destination[outRow + (x * 3) + c] = Math.Clamp((int)MathF.Round(v, MidpointRounding.AwayFromZero), 0, 255);
                }
            }
        }
    }

    private static (int Start, float[] Weights)[] Taps(double origin, double step, int count, int size)
    {
        var radius = Math.Max(1.0, step);
        var taps = new (int, float[])[count];
        for (var i = 0; i < count; i++)
        {
            var centre = origin + ((i + 0.5) * step);
            if (centre < 0 || centre >= size)
            {
                taps[i] = (0, []);
                continue;
            }

            var first = Math.Max(0, (int)Math.Floor(centre - radius - 0.5) + 1);
            var last = Math.Min(size - 1, (int)Math.Ceiling(centre + radius - 0.5) - 1);
            if (last < first)
            {
                first = last = Math.Clamp((int)Math.Floor(centre), 0, size - 1);
            }

            var weights = new float[last - first + 1];
            double sum = 0;
            for (var j = first; j <= last; j++)
            {
                var w = Math.Max(0.0, 1.0 - (Math.Abs(j + 0.5 - centre) / radius));
                weights[j - first] = (float)w;
                sum += w;
            }

            if (sum <= 0)
            {
                Array.Fill(weights, 1f / weights.Length);
            }
            else
            {
                for (var k = 0; k < weights.Length; k++)
                {
                    weights[k] = (float)(weights[k] / sum);
                }
            }

            taps[i] = (first, weights);
        }

        return taps;
    }
}
