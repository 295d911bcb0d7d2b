using System.Runtime.CompilerServices;

namespace Polypose.Tensors.Kernels;

/// <summary>
/// Column unfolding for one image and one channel group:
/// <c>col[(c·KH + ky)·KW + kx, oy·OW + ox] = x[c, oy·sH − pH + ky·dH, ox·sW − pW + kx·dW]</c> (0 outside the image),
/// and its adjoint <see cref="Col2ImAdd"/> which scatter-adds columns back into the image.
/// </summary>
internal static unsafe class Im2Col
{
    /// <summary>Unfolds <paramref name="channels"/> planes of size H×W at <paramref name="image"/> into <paramref name="col"/>.</summary>
    public static void Unfold(in Conv2dGeometry g, float* image, int channels, float* col)
    {
        var rows = channels * g.KernelH * g.KernelW;
        TensorThreads.For(rows, 8, new Planes(g, image, col), static (s, start, end) =>
        {
            for (var r = start; r < end; r++)
            {
                UnfoldRow(s.Geometry, s.Image, s.Col, r);
            }
        });
    }

    /// <summary>Adds the columns back into <paramref name="channels"/> planes at <paramref name="image"/> (which the caller zeroes).</summary>
    public static void Col2ImAdd(in Conv2dGeometry g, float* col, int channels, float* image)
    {
        TensorThreads.For(channels, 1, new Planes(g, image, col), static (s, start, end) =>
        {
            var kk = s.Geometry.KernelH * s.Geometry.KernelW;
            for (var c = start; c < end; c++)
            {
                for (var t = 0; t < kk; t++)
                {
                    FoldRow(s.Geometry, s.Col, s.Image, (c * kk) + t);
                }
            }
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UnfoldRow(in Conv2dGeometry g, float* image, float* col, int r)
    {
        int kx = r % g.KernelW, ky = (r / g.KernelW) % g.KernelH, c = r / (g.KernelW * g.KernelH);
        int oh = g.OutHeight, ow = g.OutWidth, h = g.Height, w = g.Width;
        var plane = image + ((long)c * h * w);
        var dst = col + ((long)r * oh * ow);
        var xOff = (kx * g.DilationW) - g.PadW;
        ValidRange(xOff, g.StrideW, w, ow, out var ox0, out var ox1);
        for (var oy = 0; oy < oh; oy++)
        {
            var iy = (oy * g.StrideH) - g.PadH + (ky * g.DilationH);
            var d = dst + ((long)oy * ow);
            if ((uint)iy >= (uint)h)
            {
                new Span<float>(d, ow).Clear();
                continue;
            }

            var src = plane + ((long)iy * w);
            for (var ox = 0; ox < ox0; ox++)
            {
                d[ox] = 0f;
            }

            if (g.StrideW == 1)
            {
                new ReadOnlySpan<float>(src + ox0 + xOff, Math.Max(0, ox1 - ox0)).CopyTo(new Span<float>(d + ox0, Math.Max(0, ox1 - ox0)));
            }
            else
            {
                for (var ox = ox0; ox < ox1; ox++)
                {
                    d[ox] = src[(ox * g.StrideW) + xOff];
                }
            }

            for (var ox = Math.Max(ox0, ox1); ox < ow; ox++)
            {
                d[ox] = 0f;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FoldRow(in Conv2dGeometry g, float* col, float* image, int r)
    {
        int kx = r % g.KernelW, ky = (r / g.KernelW) % g.KernelH, c = r / (g.KernelW * g.KernelH);
        int oh = g.OutHeight, ow = g.OutWidth, h = g.Height, w = g.Width;
        var plane = image + ((long)c * h * w);
        var src = col + ((long)r * oh * ow);
        var xOff = (kx * g.DilationW) - g.PadW;
        ValidRange(xOff, g.StrideW, w, ow, out var ox0, out var ox1);
        for (var oy = 0; oy < oh; oy++)
        {
            var iy = (oy * g.StrideH) - g.PadH + (ky * g.DilationH);
            if ((uint)iy >= (uint)h || ox1 <= ox0)
            {
                continue;
            }

            var dst = plane + ((long)iy * w);
            var s = src + ((long)oy * ow);
            if (g.StrideW == 1)
            {
                var n = ox1 - ox0;
                var d = new Span<float>(dst + ox0 + xOff, n);
                System.Numerics.Tensors.TensorPrimitives.Add(d, new ReadOnlySpan<float>(s + ox0, n), d);
            }
            else
            {
                for (var ox = ox0; ox < ox1; ox++)
                {
                    dst[(ox * g.StrideW) + xOff] += s[ox];
                }
            }
        }
    }

    /// <summary>Output columns ox in [ox0, ox1) whose input column ox·stride + offset lies in [0, size).</summary>
    internal static void ValidRange(int offset, int stride, int size, int outSize, out int ox0, out int ox1)
    {
        ox0 = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
        var last = size - 1 - offset;
        ox1 = last < 0 ? 0 : Math.Min(outSize, (last / stride) + 1);
        ox0 = Math.Min(ox0, outSize);
    }

    private readonly struct Planes(Conv2dGeometry geometry, float* image, float* col)
    {
        public Conv2dGeometry Geometry { get; } = geometry;

        public float* Image { get; } = image;

        public float* Col { get; } = col;
    }
}
