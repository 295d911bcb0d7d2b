namespace Polypose.Tensors.Kernels;

/// <summary>
/// The four bilinear neighbours of a pixel coordinate (ux, uy) with weights
/// nw = (1 − fx)(1 − fy), ne = fx(1 − fy), sw = (1 − fx)fy, se = fx·fy (fx, fy the fractional parts);
/// out-of-image neighbours read 0 and receive no gradient. ScaleX/ScaleY are d u / d g of the grid normalisation.
/// </summary>
internal readonly struct BilinearTap
{
    private readonly int x0;
    private readonly int y0;
    private readonly int h;
    private readonly int w;
    private readonly double fx;
    private readonly double fy;

    public BilinearTap(double ux, double uy, int h, int w, double scaleX, double scaleY)
    {
        // Clamp far-away coordinates so the int conversion cannot overflow; such taps read zero anyway.
        ux = Math.Clamp(ux, -2.0, w + 1.0);
        uy = Math.Clamp(uy, -2.0, h + 1.0);
        var fx0 = Math.Floor(ux);
        var fy0 = Math.Floor(uy);
        x0 = (int)fx0;
        y0 = (int)fy0;
        fx = ux - fx0;
        fy = uy - fy0;
        this.h = h;
        this.w = w;
        ScaleX = (float)scaleX;
        ScaleY = (float)scaleY;
    }

    public float ScaleX { get; }

    public float ScaleY { get; }

    public float Sample(ReadOnlySpan<float> plane, int stride)
    {
        double v00 = At(plane, stride, x0, y0), v10 = At(plane, stride, x0 + 1, y0);
        double v01 = At(plane, stride, x0, y0 + 1), v11 = At(plane, stride, x0 + 1, y0 + 1);
        return (float)((((1 - fx) * v00) + (fx * v10)) * (1 - fy) + ((((1 - fx) * v01) + (fx * v11)) * fy));
    }

    public void Scatter(Span<float> plane, int stride, float value)
    {
        Add(plane, stride, x0, y0, value * (1 - fx) * (1 - fy));
        Add(plane, stride, x0 + 1, y0, value * fx * (1 - fy));
        Add(plane, stride, x0, y0 + 1, value * (1 - fx) * fy);
        Add(plane, stride, x0 + 1, y0 + 1, value * fx * fy);
    }

    /// <summary>Adds dy · ∂sample/∂ux and dy · ∂sample/∂uy.</summary>
    public void CoordinateGradient(ReadOnlySpan<float> plane, int stride, float dy, ref float gx, ref float gy)
    {
        double v00 = At(plane, stride, x0, y0), v10 = At(plane, stride, x0 + 1, y0);
        double v01 = At(plane, stride, x0, y0 + 1), v11 = At(plane, stride, x0 + 1, y0 + 1);
        gx += (float)(dy * (((v10 - v00) * (1 - fy)) + ((v11 - v01) * fy)));
        gy += (float)(dy * (((v01 - v00) * (1 - fx)) + ((v11 - v10) * fx)));
    }

    private float At(ReadOnlySpan<float> plane, int stride, int x, int y)
        => (uint)x < (uint)w && (uint)y < (uint)h ? plane[(y * stride) + x] : 0f;

    private void Add(Span<float> plane, int stride, int x, int y, double v)
    {
        if ((uint)x < (uint)w && (uint)y < (uint)h)
        {
            plane[(y * stride) + x] += (float)v;
        }
    }
}
