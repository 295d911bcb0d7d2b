using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Polypose.Tensors.Kernels;

/// <summary>
/// Stride-1 forward convolution as an implicit GEMM on the zero-padded input grid (no im2col, no B packing).
/// With the input copied into planes of Hp×Wp = (H + 2·pH)×(W + 2·pW), output pixel q = oy·Wp + ox (ox ∈ [0, Wp),
/// the columns ox ≥ OW are discarded) reads tap (c, ky, kx) at plane offset q + ky·dH·Wp + kx·dW, so every row of the
/// im2col matrix is the padded image shifted by a constant: the 8×32 Vector512 micro-kernel loads B straight from the
/// padded planes through a per-row offset table. Weights (A) are packed once into 8-row panels; the whole reduction
/// (C/G·KH·KW) runs in registers, and each 8×32 tile is scattered into the NCHW output.
/// </summary>
internal static unsafe partial class Conv2dKernel
{
    private const int DirectMR = 8;
    private const int DirectNR = 32;

    /// <summary>Whether <see cref="ForwardDirect"/> handles the geometry (stride 1, not 1×1-unpadded, not depthwise, AVX-512).</summary>
    internal static bool CanForwardDirect(in Conv2dGeometry g)
        => Vector512.IsHardwareAccelerated && g.StrideH == 1 && g.StrideW == 1 && !g.IsPointwise && !g.IsDepthwise;

    /// <summary>Forward (no bias, no activation: the caller's epilogue adds them) for stride-1 geometries; overwrites y.</summary>
    internal static void ForwardDirect(in Conv2dGeometry g, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, Span<float> output)
    {
        int cg = g.InChannels / g.Groups, kg = g.OutChannels / g.Groups, kk = g.KernelH * g.KernelW, rows = cg * kk;
        int wp = g.Width + (2 * g.PadW), hp = g.Height + (2 * g.PadH), plane = hp * wp;
        int qCount = g.OutHeight * wp, panels = (qCount + DirectNR - 1) / DirectNR;
        int maxOffset = (g.DilationH * (g.KernelH - 1) * wp) + (g.DilationW * (g.KernelW - 1));
        var padSize = Math.Max(cg * plane, ((cg - 1) * plane) + maxOffset + (panels * DirectNR));
        int kgPad = (kg + DirectMR - 1) / DirectMR * DirectMR, hw = g.Height * g.Width, ohw = g.OutHeight * g.OutWidth;
        var padded = ArrayPool<float>.Shared.Rent(padSize);
        var packed = ArrayPool<float>.Shared.Rent(kgPad * rows);
        var offsets = ArrayPool<int>.Shared.Rent(rows);
        try
        {
            for (var r = 0; r < rows; r++)
            {
                int c = r / kk, t = r % kk, ky = t / g.KernelW, kx = t % g.KernelW;
                offsets[r] = (c * plane) + (ky * g.DilationH * wp) + (kx * g.DilationW);
            }

            fixed (float* px = input)
            fixed (float* pw = weight)
            fixed (float* py = output)
            fixed (float* ppad = padded)
            fixed (float* ppack = packed)
            fixed (int* poff = offsets)
            {
                for (var gr = 0; gr < g.Groups; gr++)
                {
                    PackWeightPanels(pw + ((long)gr * kg * rows), kg, rows, ppack);
                    for (var n = 0; n < g.Batch; n++)
                    {
                        PadPlanes(g, px + (((long)(n * g.InChannels) + (gr * cg)) * hw), cg, wp, plane, padSize, ppad);
                        var y = py + (((long)(n * g.OutChannels) + (gr * kg)) * ohw);
                        var state = new DirectState(g, ppack, ppad, poff, rows, kg, wp, y);
                        TensorThreads.For(panels, 4, state, static (s, start, end) => DirectPanels(s, start, end));
                    }
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(offsets);
            ArrayPool<float>.Shared.Return(packed);
            ArrayPool<float>.Shared.Return(padded);
        }
    }

    /// <summary>Packs w [kg, rows] into ⌈kg/8⌉ panels of [rows][8] (rows beyond kg zero).</summary>
    private static void PackWeightPanels(float* w, int kg, int rows, float* dst)
    {
        for (var ip = 0; ip < kg; ip += DirectMR)
        {
            var panel = dst + ((long)ip * rows);
            var h = Math.Min(DirectMR, kg - ip);
            for (var i = 0; i < DirectMR; i++)
            {
                var src = w + ((long)(ip + i) * rows);
                for (var r = 0; r < rows; r++)
                {
                    panel[(r * DirectMR) + i] = i < h ? src[r] : 0f;
                }
            }
        }
    }

    /// <summary>Copies <paramref name="channels"/> H×W planes into zero-bordered Hp×Wp planes (tail slack zeroed).</summary>
    private static void PadPlanes(in Conv2dGeometry g, float* x, int channels, int wp, int plane, int padSize, float* dst)
    {
        int h = g.Height, w = g.Width;
        new Span<float>(dst, padSize).Clear();
        for (var c = 0; c < channels; c++)
        {
            var src = x + ((long)c * h * w);
            var d = dst + ((long)c * plane) + ((long)g.PadH * wp) + g.PadW;
            for (var iy = 0; iy < h; iy++)
            {
                new ReadOnlySpan<float>(src + ((long)iy * w), w).CopyTo(new Span<float>(d + ((long)iy * wp), w));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DirectPanels(in DirectState s, int start, int end)
    {
        var tile = stackalloc float[DirectMR * DirectNR];
        int ow = s.Geometry.OutWidth, oh = s.Geometry.OutHeight, ohw = oh * ow;
        for (var panel = start; panel < end; panel++)
        {
            var q0 = panel * DirectNR;
            for (var ip = 0; ip < s.Kg; ip += DirectMR)
            {
                DirectMicro(s.Rows, s.Packed + ((long)ip * s.Rows), s.Padded + q0, s.Offsets, tile);
                var h = Math.Min(DirectMR, s.Kg - ip);

                // Scatter the tile's columns q0 … q0 + 31 (possibly spanning output rows) into NCHW output.
                for (var j = 0; j < DirectNR;)
                {
                    var q = q0 + j;
                    int oy = q / s.Wp, ox = q - (oy * s.Wp);
                    if (oy >= oh)
                    {
                        break;
                    }

                    var run = Math.Min(DirectNR - j, s.Wp - ox);
                    var valid = Math.Min(run, ow - ox);
                    if (valid > 0)
                    {
                        for (var r = 0; r < h; r++)
                        {
                            var dst = s.Y + ((long)(ip + r) * ohw) + ((long)oy * ow) + ox;
                            new ReadOnlySpan<float>(tile + (r * DirectNR) + j, valid).CopyTo(new Span<float>(dst, valid));
                        }
                    }

                    j += run;
                }
            }
        }
    }

    /// <summary>tile[0..8, 0..32] = Apanel(8×rows) · B, B[r, j] = b[offsets[r] + j].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DirectMicro(int rows, float* a, float* b, int* offsets, float* tile)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default;
        for (var r = 0; r < rows; r++)
        {
            var bp = b + offsets[r];
            var b0 = Vector512.Load(bp);
            var b1 = Vector512.Load(bp + 16);
            var a0 = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector512.Create(a[4]);
            c40 = Vector512.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector512.Create(a[5]);
            c50 = Vector512.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(a5, b1, c51);
            var a6 = Vector512.Create(a[6]);
            c60 = Vector512.FusedMultiplyAdd(a6, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(a6, b1, c61);
            var a7 = Vector512.Create(a[7]);
            c70 = Vector512.FusedMultiplyAdd(a7, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(a7, b1, c71);
            a += DirectMR;
        }

        c00.Store(tile);
        c01.Store(tile + 16);
        c10.Store(tile + 32);
        c11.Store(tile + 48);
        c20.Store(tile + 64);
        c21.Store(tile + 80);
        c30.Store(tile + 96);
        c31.Store(tile + 112);
        c40.Store(tile + 128);
        c41.Store(tile + 144);
        c50.Store(tile + 160);
        c51.Store(tile + 176);
        c60.Store(tile + 192);
        c61.Store(tile + 208);
        c70.Store(tile + 224);
        c71.Store(tile + 240);
    }

    /// <summary>Pointers and sizes shared by the panel workers of <see cref="ForwardDirect"/>.</summary>
    private readonly struct DirectState(Conv2dGeometry geometry, float* packed, float* padded, int* offsets, int rows, int kg, int wp, float* y)
    {
        public Conv2dGeometry Geometry { get; } = geometry;

        public float* Packed { get; } = packed;

        public float* Padded { get; } = padded;

        public int* Offsets { get; } = offsets;

        public int Rows { get; } = rows;

        public int Kg { get; } = kg;

        public int Wp { get; } = wp;

        public float* Y { get; } = y;
    }
}
