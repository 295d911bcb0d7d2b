using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Polypose.Tensors.Kernels;

/// <summary>
/// Vector512 weight gradient of a "same" 3×3 depthwise convolution on the zero-padded grid: with x copied into a
/// (H + 2)×(W + 2) plane and dy onto a (W + 2)-wide grid (zeros in the two extra columns and the tail),
/// <c>dw[ky, kx] = Σ_q dy'[q] · xpad[q + ky·(W + 2) + kx]</c> is nine plain dot products over one flat range:
/// one dy load feeds nine FMAs, with no border cases.
/// </summary>
internal static unsafe partial class DepthwiseConv2dKernel
{
    /// <summary>Whether the padded-grid weight-gradient kernel applies (same 3×3 and Vector512).</summary>
    private static bool UsePaddedWeight3x3(in Conv2dGeometry g) => IsSame3x3(g) && Vector512.IsHardwareAccelerated;

    /// <summary>Floats of scratch <see cref="BackwardWeightPlanePadded3x3"/> needs: padded x plane plus dy grid.</summary>
    private static int PaddedWeightScratch(in Conv2dGeometry g)
    {
        int wp = g.Width + 2, qLen = GridLength(g);
        return Math.Max((g.Height + 2) * wp, (2 * wp) + 2 + qLen) + qLen;
    }

    private static int GridLength(in Conv2dGeometry g) => ((g.Height * (g.Width + 2)) + 15) / 16 * 16;

    /// <summary>dw[0..9] += nine dot products of one plane (see the type remarks); <paramref name="scratch"/> as sized above.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardWeightPlanePadded3x3(in Conv2dGeometry g, float* x, float* dy, float* dw, float* scratch)
    {
        int h = g.Height, w = g.Width, wp = w + 2, qLen = GridLength(g);
        var padLen = Math.Max((h + 2) * wp, (2 * wp) + 2 + qLen);
        float* xp = scratch, grid = scratch + padLen;

        // Zero only what the copies below do not overwrite: top row, side columns, bottom row and slack.
        new Span<float>(xp, wp + 1).Clear();
        for (var iy = 0; iy < h; iy++)
        {
            var row = xp + ((long)(iy + 1) * wp);
            new ReadOnlySpan<float>(x + ((long)iy * w), w).CopyTo(new Span<float>(row + 1, w));
            row[w + 1] = 0f;
            row[wp] = 0f;
            var d = grid + ((long)iy * wp);
            new ReadOnlySpan<float>(dy + ((long)iy * w), w).CopyTo(new Span<float>(d, w));
            d[w] = 0f;
            d[w + 1] = 0f;
        }

        var tail = ((h + 1) * wp) + 1;
        new Span<float>(xp + tail, padLen - tail).Clear();
        new Span<float>(grid + (h * wp), qLen - (h * wp)).Clear();

        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default, a8 = default;
        float* r0 = xp, r1 = xp + wp, r2 = xp + (2 * wp);
        for (var q = 0; q < qLen; q += 16)
        {
            var d = Vector512.Load(grid + q);
            a0 = Vector512.FusedMultiplyAdd(d, Vector512.Load(r0 + q), a0);
            a1 = Vector512.FusedMultiplyAdd(d, Vector512.Load(r0 + q + 1), a1);
            a2 = Vector512.FusedMultiplyAdd(d, Vector512.Load(r0 + q + 2), a2);
            a3 = Vector512.FusedMultiplyAdd(d, Vector512.Load(r1 + q), a3);
            a4 = Vector512.FusedMultiplyAdd(d, Vector512.Load(r1 + q + 1), a4);
            a5 = Vector512.FusedMultiplyAdd(d, Vector512.Load(r1 + q + 2), a5);
            a6 = Vector512.FusedMultiplyAdd(d, Vector512.Load(r2 + q), a6);
            a7 = Vector512.FusedMultiplyAdd(d, Vector512.Load(r2 + q + 1), a7);
            a8 = Vector512.FusedMultiplyAdd(d, Vector512.Load(r2 + q + 2), a8);
        }

        dw[0] += Vector512.Sum(a0);
        dw[1] += Vector512.Sum(a1);
        dw[2] += Vector512.Sum(a2);
        dw[3] += Vector512.Sum(a3);
        dw[4] += Vector512.Sum(a4);
        dw[5] += Vector512.Sum(a5);
        dw[6] += Vector512.Sum(a6);
        dw[7] += Vector512.Sum(a7);
        dw[8] += Vector512.Sum(a8);
    }
}
