namespace Polypose.Detection.TfjsGraph.Ops;

/// <summary>
/// TensorFlow's ResizeBilinear over NHWC images. Source coordinate of output row y: with <c>half_pixel_centers</c>
/// s = (y + 0.5)·H/OH − 0.5; with <c>align_corners</c> s = y·(H − 1)/(OH − 1); else s = y·H/OH. Rows blended are
/// max(⌊s⌋, 0) and min(⌈s⌉, H − 1) with weight s − ⌊s⌋ (so negative s reads row 0). Columns likewise.
/// </summary>
public static class ResizeBilinearNhwc
{
    /// <summary>Resizes <c>[N, H, W, C]</c> to <c>[N, outH, outW, C]</c>.</summary>
    public static TfjsTensor Resize(TfjsTensor x, int outH, int outW, bool alignCorners, bool halfPixelCenters)
    {
        int n = x.Shape[0], h = x.Shape[1], w = x.Shape[2], c = x.Shape[3];
        var y = TensorArena.Floats(n * outH * outW * c);
        var xs = new (int Lo, int Hi, float F)[outW];
        for (var ox = 0; ox < outW; ox++)
        {
            xs[ox] = Source(ox, w, outW, alignCorners, halfPixelCenters);
        }

        for (var b = 0; b < n; b++)
        {
            for (var oy = 0; oy < outH; oy++)
            {
                var (y0, y1, fy) = Source(oy, h, outH, alignCorners, halfPixelCenters);
                for (var ox = 0; ox < outW; ox++)
                {
                    var (x0, x1, fx) = xs[ox];
                    var tl = (((b * h) + y0) * w + x0) * c;
                    var tr = (((b * h) + y0) * w + x1) * c;
                    var bl = (((b * h) + y1) * w + x0) * c;
                    var br = (((b * h) + y1) * w + x1) * c;
                    var o = (((b * outH) + oy) * outW + ox) * c;
                    for (var ch = 0; ch < c; ch++)
                    {
                        var top = x.Floats[tl + ch] + ((x.Floats[tr + ch] - x.Floats[tl + ch]) * fx);
                        var bottom = x.Floats[bl + ch] + ((x.Floats[br + ch] - x.Floats[bl + ch]) * fx);
                        y[o + ch] = top + ((bottom - top) * fy);
                    }
                }
            }
        }

        return TfjsTensor.FromFloats([n, outH, outW, c], y);
    }

    private static (int Lo, int Hi, float F) Source(int dst, int inSize, int outSize, bool alignCorners, bool halfPixel)
    {
        var scale = alignCorners && outSize > 1 ? (inSize - 1) / (float)(outSize - 1) : inSize / (float)outSize;
        var s = halfPixel ? ((dst + 0.5f) * scale) - 0.5f : dst * scale;
        var floor = MathF.Floor(s);
        var lo = Math.Max((int)floor, 0);
        var hi = Math.Min((int)MathF.Ceiling(s), inSize - 1);
        return (lo, hi, s - floor);
    }
}
