using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Polypose.Tensors.Kernels;

/// <summary>Vector256 fast paths for 3×3, stride-1, dilation-1 depthwise convolution.</summary>
internal static unsafe partial class DepthwiseConv2dKernel
{
    /// <summary>Forward row kernel applies: 3×3, stride 1, dilation 1, column padding 1 (OW == W).</summary>
    private static bool IsRow3x3(in Conv2dGeometry g)
        => g.KernelH == 3 && g.KernelW == 3 && g.StrideH == 1 && g.StrideW == 1 && g.DilationH == 1 && g.DilationW == 1
           && g.PadW == 1 && Vector256.IsHardwareAccelerated;

    /// <summary>"Same" 3×3 convolution (padding 1 on both axes, OH == H, OW == W): backward fast paths apply.</summary>
    private static bool IsSame3x3(in Conv2dGeometry g) => IsRow3x3(g) && g.PadH == 1;

    /// <summary>dx = correlation of dy with the 180°-rotated kernel (the adjoint of a "same" 3×3 correlation); overwrites dx.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardInputPlane3x3(in Conv2dGeometry g, float* dy, float* w, float* dx)
    {
        var flipped = stackalloc float[9];
        for (var t = 0; t < 9; t++)
        {
            flipped[t] = w[8 - t];
        }

        for (var iy = 0; iy < g.Height; iy++)
        {
            Row3x3(g, dy, flipped, 0f, dx + ((long)iy * g.Width), iy);
        }
    }

    /// <summary>dw[ky, kx] += Σ_{oy, ox} dy[oy, ox] · x[oy − 1 + ky, ox − 1 + kx] with nine Vector256 accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardWeightPlane3x3(in Conv2dGeometry g, float* x, float* dy, float* dw)
    {
        int h = g.Height, width = g.Width;
        var acc = stackalloc Vector256<float>[9];
        var sums = stackalloc double[9];
        for (var t = 0; t < 9; t++)
        {
            acc[t] = Vector256<float>.Zero;
            sums[t] = 0;
        }

        for (var oy = 0; oy < h; oy++)
        {
            var dyRow = dy + ((long)oy * width);
            for (var ky = 0; ky < 3; ky++)
            {
                var iy = oy - 1 + ky;
                if ((uint)iy >= (uint)h)
                {
                    continue;
                }

                var xRow = x + ((long)iy * width);
                Vector256<float> a0 = acc[ky * 3], a1 = acc[(ky * 3) + 1], a2 = acc[(ky * 3) + 2];
                var ox = 1;
                for (; ox + 8 <= width - 1; ox += 8)
                {
                    var d = Vector256.Load(dyRow + ox);
                    a0 = Vector256.FusedMultiplyAdd(d, Vector256.Load(xRow + ox - 1), a0);
                    a1 = Vector256.FusedMultiplyAdd(d, Vector256.Load(xRow + ox), a1);
                    a2 = Vector256.FusedMultiplyAdd(d, Vector256.Load(xRow + ox + 1), a2);
                }

                acc[ky * 3] = a0;
                acc[(ky * 3) + 1] = a1;
                acc[(ky * 3) + 2] = a2;
                ScalarColumn(dyRow, xRow, 0, width, sums + (ky * 3));
                for (var rest = ox; rest < width; rest++)
                {
                    ScalarColumn(dyRow, xRow, rest, width, sums + (ky * 3));
                }
            }
        }

        for (var t = 0; t < 9; t++)
        {
            dw[t] += (float)(Vector256.Sum(acc[t]) + sums[t]);
        }
    }

    private static void ScalarColumn(float* dyRow, float* xRow, int ox, int width, double* sums)
    {
        var d = dyRow[ox];
        for (var kx = 0; kx < 3; kx++)
        {
            var ix = ox - 1 + kx;
            if ((uint)ix < (uint)width)
            {
                sums[kx] += d * xRow[ix];
            }
        }
    }

    /// <summary>
    /// Writes one output row of a 3×3, stride-1, pad-1 (columns) depthwise convolution: y = bias + Σ taps (overwrites y).
    /// Rows with all three input rows inside the image take a single pass (nine FMAs per vector, no read of y); border
    /// rows are filled with the bias and then add one input row at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Row3x3(in Conv2dGeometry g, float* x, float* w, float bias, float* y, int oy)
    {
        var top = oy - g.PadH;
        if (top < 0 || top + 2 >= g.Height || g.Width < 3)
        {
            new Span<float>(y, g.Width).Fill(bias);
            RowByRow3x3(g, x, w, y, oy);
            return;
        }

        var width = g.Width;
        float* r0 = x + ((long)top * width), r1 = r0 + width, r2 = r1 + width;
        var w00 = Vector256.Create(w[0]);
        var w01 = Vector256.Create(w[1]);
        var w02 = Vector256.Create(w[2]);
        var w10 = Vector256.Create(w[3]);
        var w11 = Vector256.Create(w[4]);
        var w12 = Vector256.Create(w[5]);
        var w20 = Vector256.Create(w[6]);
        var w21 = Vector256.Create(w[7]);
        var w22 = Vector256.Create(w[8]);
        var vb = Vector256.Create(bias);
        y[0] = bias + (w[1] * r0[0]) + (w[2] * r0[1]) + (w[4] * r1[0]) + (w[5] * r1[1]) + (w[7] * r2[0]) + (w[8] * r2[1]);
        var ox = 1;
        if (Vector512.IsHardwareAccelerated)
        {
            ox = Row3x3Wide(r0, r1, r2, w, bias, y, width);
        }

        // Columns [1, width − 1) in vectors of 8; the last partial vector is recomputed overlapping the previous one
        // (idempotent because the row is overwritten, not accumulated), leaving only column width − 1 to scalar code.
        while (ox < width - 1 && width - 1 >= 9)
        {
            ox = Math.Min(ox, width - 9);
            var acc = Vector256.FusedMultiplyAdd(w00, Vector256.Load(r0 + ox - 1), vb);
            acc = Vector256.FusedMultiplyAdd(w01, Vector256.Load(r0 + ox), acc);
            acc = Vector256.FusedMultiplyAdd(w02, Vector256.Load(r0 + ox + 1), acc);
            acc = Vector256.FusedMultiplyAdd(w10, Vector256.Load(r1 + ox - 1), acc);
            acc = Vector256.FusedMultiplyAdd(w11, Vector256.Load(r1 + ox), acc);
            acc = Vector256.FusedMultiplyAdd(w12, Vector256.Load(r1 + ox + 1), acc);
            acc = Vector256.FusedMultiplyAdd(w20, Vector256.Load(r2 + ox - 1), acc);
            acc = Vector256.FusedMultiplyAdd(w21, Vector256.Load(r2 + ox), acc);
            acc = Vector256.FusedMultiplyAdd(w22, Vector256.Load(r2 + ox + 1), acc);
            acc.Store(y + ox);
            ox += 8;
        }

        for (; ox < width; ox++)
        {
            var right = ox + 1 < width;
            y[ox] = bias + (w[0] * r0[ox - 1]) + (w[1] * r0[ox]) + (right ? w[2] * r0[ox + 1] : 0f)
                + (w[3] * r1[ox - 1]) + (w[4] * r1[ox]) + (right ? w[5] * r1[ox + 1] : 0f)
                + (w[6] * r2[ox - 1]) + (w[7] * r2[ox]) + (right ? w[8] * r2[ox + 1] : 0f);
        }
    }

    /// <summary>Vector512 body of <see cref="Row3x3"/> for columns [1, …); returns the first column it did not write.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Row3x3Wide(float* r0, float* r1, float* r2, float* w, float bias, float* y, int width)
    {
        var vb = Vector512.Create(bias);
        var w00 = Vector512.Create(w[0]);
        var w01 = Vector512.Create(w[1]);
        var w02 = Vector512.Create(w[2]);
        var w10 = Vector512.Create(w[3]);
        var w11 = Vector512.Create(w[4]);
        var w12 = Vector512.Create(w[5]);
        var w20 = Vector512.Create(w[6]);
        var w21 = Vector512.Create(w[7]);
        var w22 = Vector512.Create(w[8]);
        var ox = 1;
        for (; ox + 16 <= width - 1; ox += 16)
        {
            var acc = Vector512.FusedMultiplyAdd(w00, Vector512.Load(r0 + ox - 1), vb);
            acc = Vector512.FusedMultiplyAdd(w01, Vector512.Load(r0 + ox), acc);
            acc = Vector512.FusedMultiplyAdd(w02, Vector512.Load(r0 + ox + 1), acc);
            acc = Vector512.FusedMultiplyAdd(w10, Vector512.Load(r1 + ox - 1), acc);
            acc = Vector512.FusedMultiplyAdd(w11, Vector512.Load(r1 + ox), acc);
            acc = Vector512.FusedMultiplyAdd(w12, Vector512.Load(r1 + ox + 1), acc);
            acc = Vector512.FusedMultiplyAdd(w20, Vector512.Load(r2 + ox - 1), acc);
            acc = Vector512.FusedMultiplyAdd(w21, Vector512.Load(r2 + ox), acc);
            acc = Vector512.FusedMultiplyAdd(w22, Vector512.Load(r2 + ox + 1), acc);
            acc.Store(y + ox);
        }

        return ox;
    }

    /// <summary>Row kernel that adds one in-image input row at a time (border rows, narrow images).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowByRow3x3(in Conv2dGeometry g, float* x, float* w, float* y, int oy)
    {
        var width = g.Width;
        for (var ky = 0; ky < 3; ky++)
        {
            var iy = oy - g.PadH + ky;
            if ((uint)iy >= (uint)g.Height)
            {
                continue;
            }

            var row = x + ((long)iy * width);
            float w0 = w[ky * 3], w1 = w[(ky * 3) + 1], w2 = w[(ky * 3) + 2];
            var v0 = Vector256.Create(w0);
            var v1 = Vector256.Create(w1);
            var v2 = Vector256.Create(w2);

            // Output column ox reads input columns ox-1, ox, ox+1 (OW == W here).
            y[0] += (w1 * row[0]) + (width > 1 ? w2 * row[1] : 0f);
            var ox = 1;
            for (; ox + 8 <= width - 1; ox += 8)
            {
                var acc = Vector256.Load(y + ox);
                acc = Vector256.FusedMultiplyAdd(v0, Vector256.Load(row + ox - 1), acc);
                acc = Vector256.FusedMultiplyAdd(v1, Vector256.Load(row + ox), acc);
                acc = Vector256.FusedMultiplyAdd(v2, Vector256.Load(row + ox + 1), acc);
                acc.Store(y + ox);
            }

            for (; ox < width; ox++)
            {
                y[ox] += (w0 * row[ox - 1]) + (w1 * row[ox]) + (ox + 1 < width ? w2 * row[ox + 1] : 0f);
            }
        }
    }
}
