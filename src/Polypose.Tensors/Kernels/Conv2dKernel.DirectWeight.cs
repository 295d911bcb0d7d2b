using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Polypose.Tensors.Kernels;

/// <summary>
/// Stride-1 weight gradient on the zero-padded grid of <see cref="ForwardDirect"/>:
/// <c>dw[k, r] = Σ_q dy'[k, q] · xpad[offset(r) + q]</c>, where dy' is dy laid out on the Hp×Wp-wide output grid with
/// zeros in the discarded columns. Each micro-tile computes 2 output channels × 9 reduction rows as Vector512 dot
/// products over q (18 accumulators, one horizontal sum each at the end); no im2col matrix and no packing.
/// </summary>
internal static unsafe partial class Conv2dKernel
{
    private const int WeightTileK = 2;
    private const int WeightTileR = 9;

    /// <summary>Weight gradient for geometries accepted by <see cref="CanForwardDirect"/>; overwrites dw.</summary>
    internal static void BackwardWeightDirect(in Conv2dGeometry g, ReadOnlySpan<float> input, ReadOnlySpan<float> gradOutput, Span<float> gradWeight)
    {
        int cg = g.InChannels / g.Groups, kg = g.OutChannels / g.Groups, kk = g.KernelH * g.KernelW, rows = cg * kk;
        int wp = g.Width + (2 * g.PadW), hp = g.Height + (2 * g.PadH), plane = hp * wp;
        int qLen = ((g.OutHeight * wp) + 15) / 16 * 16;
        int maxOffset = (g.DilationH * (g.KernelH - 1) * wp) + (g.DilationW * (g.KernelW - 1));
        var padSize = Math.Max(cg * plane, ((cg - 1) * plane) + maxOffset + qLen);
        int hw = g.Height * g.Width, ohw = g.OutHeight * g.OutWidth;
        var padded = ArrayPool<float>.Shared.Rent(padSize);
        var dyGrid = ArrayPool<float>.Shared.Rent(kg * qLen);
        var offsets = ArrayPool<int>.Shared.Rent(rows);
        try
        {
            for (var r = 0; r < rows; r++)
            {
                int c = r / kk, t = r % kk, ky = t / g.KernelW, kx = t % g.KernelW;
                offsets[r] = (c * plane) + (ky * g.DilationH * wp) + (kx * g.DilationW);
            }

            gradWeight.Slice(0, g.WeightSize).Clear();
            fixed (float* px = input)
            fixed (float* pdy = gradOutput)
            fixed (float* pdw = gradWeight)
            fixed (float* ppad = padded)
            fixed (float* pgrid = dyGrid)
            fixed (int* poff = offsets)
            {
                for (var n = 0; n < g.Batch; n++)
                {
                    for (var gr = 0; gr < g.Groups; gr++)
                    {
                        PadPlanes(g, px + (((long)(n * g.InChannels) + (gr * cg)) * hw), cg, wp, plane, padSize, ppad);
                        GridRows(g, pdy + (((long)(n * g.OutChannels) + (gr * kg)) * ohw), kg, wp, qLen, pgrid);
                        var state = new WeightState(ppad, pgrid, poff, rows, kg, qLen, pdw + ((long)gr * kg * rows));
                        var tiles = (kg + WeightTileK - 1) / WeightTileK;
                        TensorThreads.For(tiles, 2, state, static (s, start, end) => WeightTiles(s, start, end));
                    }
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(offsets);
            ArrayPool<float>.Shared.Return(dyGrid);
            ArrayPool<float>.Shared.Return(padded);
        }
    }

    /// <summary>Copies dy rows [kg, OH·OW] onto the Wp-wide grid [kg, qLen] with zeros in columns ≥ OW and the tail.</summary>
    private static void GridRows(in Conv2dGeometry g, float* dy, int kg, int wp, int qLen, float* dst)
    {
        int oh = g.OutHeight, ow = g.OutWidth;
        new Span<float>(dst, kg * qLen).Clear();
        for (var k = 0; k < kg; k++)
        {
            var src = dy + ((long)k * oh * ow);
            var d = dst + ((long)k * qLen);
            for (var oy = 0; oy < oh; oy++)
            {
                new ReadOnlySpan<float>(src + ((long)oy * ow), ow).CopyTo(new Span<float>(d + ((long)oy * wp), ow));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WeightTiles(in WeightState s, int start, int end)
    {
        var rowOffsets = stackalloc int[WeightTileR];
        var sums = stackalloc float[WeightTileK * WeightTileR];
        for (var tile = start; tile < end; tile++)
        {
            var k0 = tile * WeightTileK;
            var kCount = Math.Min(WeightTileK, s.Kg - k0);
            var dy0 = s.Grid + ((long)k0 * s.QLen);
            var dy1 = kCount > 1 ? dy0 + s.QLen : dy0;
            for (var r0 = 0; r0 < s.Rows; r0 += WeightTileR)
            {
                var rCount = Math.Min(WeightTileR, s.Rows - r0);
                for (var i = 0; i < WeightTileR; i++)
                {
                    rowOffsets[i] = s.Offsets[r0 + Math.Min(i, rCount - 1)];
                }

                WeightMicro(s.QLen, dy0, dy1, s.Padded, rowOffsets, sums);
                for (var kr = 0; kr < kCount; kr++)
                {
                    var dst = s.Dw + ((long)(k0 + kr) * s.Rows) + r0;
                    for (var i = 0; i < rCount; i++)
                    {
                        dst[i] += sums[(kr * WeightTileR) + i];
                    }
                }
            }
        }
    }

    /// <summary>sums[k·9 + i] = Σ_q dyk[q] · b[off[i] + q] for k ∈ {0, 1}, i &lt; 9; qLen a multiple of 16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WeightMicro(int qLen, float* dy0, float* dy1, float* b, int* off, float* sums)
    {
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default, a8 = default;
        Vector512<float> e0 = default, e1 = default, e2 = default, e3 = default, e4 = default, e5 = default, e6 = default, e7 = default, e8 = default;
        float* p0 = b + off[0], p1 = b + off[1], p2 = b + off[2], p3 = b + off[3], p4 = b + off[4];
        float* p5 = b + off[5], p6 = b + off[6], p7 = b + off[7], p8 = b + off[8];
        for (var q = 0; q < qLen; q += 16)
        {
            var d0 = Vector512.Load(dy0 + q);
            var d1 = Vector512.Load(dy1 + q);
            var x = Vector512.Load(p0 + q);
            a0 = Vector512.FusedMultiplyAdd(d0, x, a0);
            e0 = Vector512.FusedMultiplyAdd(d1, x, e0);
            x = Vector512.Load(p1 + q);
            a1 = Vector512.FusedMultiplyAdd(d0, x, a1);
            e1 = Vector512.FusedMultiplyAdd(d1, x, e1);
            x = Vector512.Load(p2 + q);
            a2 = Vector512.FusedMultiplyAdd(d0, x, a2);
            e2 = Vector512.FusedMultiplyAdd(d1, x, e2);
            x = Vector512.Load(p3 + q);
            a3 = Vector512.FusedMultiplyAdd(d0, x, a3);
            e3 = Vector512.FusedMultiplyAdd(d1, x, e3);
            x = Vector512.Load(p4 + q);
            a4 = Vector512.FusedMultiplyAdd(d0, x, a4);
            e4 = Vector512.FusedMultiplyAdd(d1, x, e4);
            x = Vector512.Load(p5 + q);
            a5 = Vector512.FusedMultiplyAdd(d0, x, a5);
            e5 = Vector512.FusedMultiplyAdd(d1, x, e5);
            x = Vector512.Load(p6 + q);
            a6 = Vector512.FusedMultiplyAdd(d0, x, a6);
            e6 = Vector512.FusedMultiplyAdd(d1, x, e6);
            x = Vector512.Load(p7 + q);
            a7 = Vector512.FusedMultiplyAdd(d0, x, a7);
            e7 = Vector512.FusedMultiplyAdd(d1, x, e7);
            x = Vector512.Load(p8 + q);
            a8 = Vector512.FusedMultiplyAdd(d0, x, a8);
            e8 = Vector512.FusedMultiplyAdd(d1, x, e8);
        }

        sums[0] = Vector512.Sum(a0);
        sums[1] = Vector512.Sum(a1);
        sums[2] = Vector512.Sum(a2);
        sums[3] = Vector512.Sum(a3);
        sums[4] = Vector512.Sum(a4);
        sums[5] = Vector512.Sum(a5);
        sums[6] = Vector512.Sum(a6);
        sums[7] = Vector512.Sum(a7);
        sums[8] = Vector512.Sum(a8);
        sums[9] = Vector512.Sum(e0);
        sums[10] = Vector512.Sum(e1);
        sums[11] = Vector512.Sum(e2);
        sums[12] = Vector512.Sum(e3);
        sums[13] = Vector512.Sum(e4);
        sums[14] = Vector512.Sum(e5);
        sums[15] = Vector512.Sum(e6);
        sums[16] = Vector512.Sum(e7);
        sums[17] = Vector512.Sum(e8);
    }

    /// <summary>Pointers and sizes shared by the tile workers of <see cref="BackwardWeightDirect"/>.</summary>
    private readonly struct WeightState(float* padded, float* grid, int* offsets, int rows, int kg, int qLen, float* dw)
    {
        public float* Padded { get; } = padded;

        public float* Grid { get; } = grid;

        public int* Offsets { get; } = offsets;

        public int Rows { get; } = rows;

        public int Kg { get; } = kg;

        public int QLen { get; } = qLen;

        public float* Dw { get; } = dw;
    }
}
