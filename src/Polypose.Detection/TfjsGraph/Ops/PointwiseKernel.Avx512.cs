using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Polypose.Detection.TfjsGraph.Ops;

/// <summary>
/// The AVX-512 path of <see cref="PointwiseKernel"/>: 8 pixels × 32 output channels of accumulators (16 zmm) per
/// step, the weights read in column panels small enough to stay in L2 while every row block passes over them.
/// Output channels beyond the last multiple of 16 use a copy of the weights padded with zero columns (made once per
/// filter array and kept). Every output is <c>bias</c> then one fused multiply-add per input channel in order, as in
/// the AVX2 path and the scalar tail, so all paths give the same bits.
/// </summary>
public static unsafe partial class PointwiseKernel
{
    private const int PanelBytes = 96 * 1024;

    private static readonly ConditionalWeakTable<float[], float[]> PaddedWeights = new();

    private static bool HasAvx512 => Avx512F.IsSupported;

    /// <summary>Runs with AVX-512; w may be the caller's array (its first k·n elements are the weights).</summary>
    private static void RunAvx512(float* x, int m, int k, float* w, int n, float* bias, float* y, Activation act)
    {
        var hi = Vector512.Create(act == Activation.Relu6 ? 6f : float.PositiveInfinity);
        var clamp = act != Activation.None;
        var panel = Math.Max(32, PanelBytes / (4 * Math.Max(1, k)) / 32 * 32);
        for (var j0 = 0; j0 < n; j0 += panel)
        {
            var j1 = Math.Min(n, j0 + panel);
            var i = 0;
            for (; i + 8 <= m; i += 8)
            {
                Rows8(x + (i * k), k, w, n, bias, y + (i * n), j0, j1, clamp, hi);
            }

            for (; i < m; i++)
            {
                Rows1(x + (i * k), k, w, n, bias, y + (i * n), j0, j1, clamp, hi);
            }
        }
    }

    /// <summary>Pads the filter's columns to a multiple of 16 with zeros (cached per filter array).</summary>
    private static float[] Padded(float[] w, int k, int n, int stride)
    {
        if (PaddedWeights.TryGetValue(w, out var cached) && cached.Length == k * stride)
        {
            return cached;
        }

        var p = new float[k * stride];
        for (var r = 0; r < k; r++)
        {
            w.AsSpan(r * n, n).CopyTo(p.AsSpan(r * stride, n));
        }

        PaddedWeights.AddOrUpdate(w, p);
        return p;
    }

    private static void Rows8(float* a, int k, float* w, int n, float* bias, float* y, int j0, int j1, bool clamp, Vector512<float> hi)
    {
        var ws = (n + 15) & ~15;
        var j = j0;
        for (; j + 32 <= j1; j += 32)
        {
            var b0 = bias == null ? Vector512<float>.Zero : Vector512.Load(bias + j);
            var b1 = bias == null ? Vector512<float>.Zero : Vector512.Load(bias + j + 16);
            Vector512<float> c00 = b0, c01 = b1, c10 = b0, c11 = b1, c20 = b0, c21 = b1, c30 = b0, c31 = b1;
            Vector512<float> c40 = b0, c41 = b1, c50 = b0, c51 = b1, c60 = b0, c61 = b1, c70 = b0, c71 = b1;
            var wp = w + j;
            var ap = a;
            for (var p = 0; p < k; p++, wp += ws, ap++)
            {
                var w0 = Vector512.Load(wp);
                var w1 = Vector512.Load(wp + 16);
                var a0 = Vector512.Create(ap[0]);
                c00 = Avx512F.FusedMultiplyAdd(a0, w0, c00);
                c01 = Avx512F.FusedMultiplyAdd(a0, w1, c01);
                var a1 = Vector512.Create(ap[k]);
                c10 = Avx512F.FusedMultiplyAdd(a1, w0, c10);
                c11 = Avx512F.FusedMultiplyAdd(a1, w1, c11);
                var a2 = Vector512.Create(ap[2 * k]);
                c20 = Avx512F.FusedMultiplyAdd(a2, w0, c20);
                c21 = Avx512F.FusedMultiplyAdd(a2, w1, c21);
                var a3 = Vector512.Create(ap[3 * k]);
                c30 = Avx512F.FusedMultiplyAdd(a3, w0, c30);
                c31 = Avx512F.FusedMultiplyAdd(a3, w1, c31);
                var a4 = Vector512.Create(ap[4 * k]);
                c40 = Avx512F.FusedMultiplyAdd(a4, w0, c40);
                c41 = Avx512F.FusedMultiplyAdd(a4, w1, c41);
                var a5 = Vector512.Create(ap[5 * k]);
                c50 = Avx512F.FusedMultiplyAdd(a5, w0, c50);
                c51 = Avx512F.FusedMultiplyAdd(a5, w1, c51);
                var a6 = Vector512.Create(ap[6 * k]);
                c60 = Avx512F.FusedMultiplyAdd(a6, w0, c60);
                c61 = Avx512F.FusedMultiplyAdd(a6, w1, c61);
                var a7 = Vector512.Create(ap[7 * k]);
                c70 = Avx512F.FusedMultiplyAdd(a7, w0, c70);
                c71 = Avx512F.FusedMultiplyAdd(a7, w1, c71);
            }

            Store(y + j, c00, clamp, hi);
            Store(y + j + 16, c01, clamp, hi);
            Store(y + n + j, c10, clamp, hi);
            Store(y + n + j + 16, c11, clamp, hi);
            Store(y + (2 * n) + j, c20, clamp, hi);
            Store(y + (2 * n) + j + 16, c21, clamp, hi);
            Store(y + (3 * n) + j, c30, clamp, hi);
            Store(y + (3 * n) + j + 16, c31, clamp, hi);
            Store(y + (4 * n) + j, c40, clamp, hi);
            Store(y + (4 * n) + j + 16, c41, clamp, hi);
            Store(y + (5 * n) + j, c50, clamp, hi);
            Store(y + (5 * n) + j + 16, c51, clamp, hi);
            Store(y + (6 * n) + j, c60, clamp, hi);
            Store(y + (6 * n) + j + 16, c61, clamp, hi);
            Store(y + (7 * n) + j, c70, clamp, hi);
            Store(y + (7 * n) + j + 16, c71, clamp, hi);
        }

        for (; j < j1; j += 16)
        {
            var count = Math.Min(16, j1 - j);
            var b0 = bias == null ? Vector512<float>.Zero : LoadPartial(bias + j, count);
            Vector512<float> c0 = b0, c1 = b0, c2 = b0, c3 = b0, c4 = b0, c5 = b0, c6 = b0, c7 = b0;
            var wp = w + j;
            var ap = a;
            for (var p = 0; p < k; p++, wp += ws, ap++)
            {
                var w0 = Vector512.Load(wp);
                c0 = Avx512F.FusedMultiplyAdd(Vector512.Create(ap[0]), w0, c0);
                c1 = Avx512F.FusedMultiplyAdd(Vector512.Create(ap[k]), w0, c1);
                c2 = Avx512F.FusedMultiplyAdd(Vector512.Create(ap[2 * k]), w0, c2);
                c3 = Avx512F.FusedMultiplyAdd(Vector512.Create(ap[3 * k]), w0, c3);
                c4 = Avx512F.FusedMultiplyAdd(Vector512.Create(ap[4 * k]), w0, c4);
                c5 = Avx512F.FusedMultiplyAdd(Vector512.Create(ap[5 * k]), w0, c5);
                c6 = Avx512F.FusedMultiplyAdd(Vector512.Create(ap[6 * k]), w0, c6);
                c7 = Avx512F.FusedMultiplyAdd(Vector512.Create(ap[7 * k]), w0, c7);
            }

            StorePartial(y + j, c0, count, clamp, hi);
            StorePartial(y + n + j, c1, count, clamp, hi);
            StorePartial(y + (2 * n) + j, c2, count, clamp, hi);
            StorePartial(y + (3 * n) + j, c3, count, clamp, hi);
            StorePartial(y + (4 * n) + j, c4, count, clamp, hi);
            StorePartial(y + (5 * n) + j, c5, count, clamp, hi);
            StorePartial(y + (6 * n) + j, c6, count, clamp, hi);
            StorePartial(y + (7 * n) + j, c7, count, clamp, hi);
        }
    }

    private static void Rows1(float* a, int k, float* w, int n, float* bias, float* y, int j0, int j1, bool clamp, Vector512<float> hi)
    {
        var ws = (n + 15) & ~15;
        for (var j = j0; j < j1; j += 16)
        {
            var count = Math.Min(16, j1 - j);
            var c0 = bias == null ? Vector512<float>.Zero : LoadPartial(bias + j, count);
            var wp = w + j;
            for (var p = 0; p < k; p++, wp += ws)
            {
                c0 = Avx512F.FusedMultiplyAdd(Vector512.Create(a[p]), Vector512.Load(wp), c0);
            }

            StorePartial(y + j, c0, count, clamp, hi);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* dst, Vector512<float> v, bool clamp, Vector512<float> hi)
    {
        if (clamp)
        {
            v = Avx512F.Min(Avx512F.Max(v, Vector512<float>.Zero), hi);
        }

        Vector512.Store(v, dst);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePartial(float* dst, Vector512<float> v, int count, bool clamp, Vector512<float> hi)
    {
        if (clamp)
        {
            v = Avx512F.Min(Avx512F.Max(v, Vector512<float>.Zero), hi);
        }

        if (count == 16)
        {
            Vector512.Store(v, dst);
            return;
        }

        Avx512F.MaskStore(dst, Mask(count), v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Mask(int count) =>
        Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> LoadPartial(float* src, int count)
    {
        return count == 16 ? Vector512.Load(src) : Avx512F.MaskLoad(src, Mask(count), Vector512<float>.Zero);
    }
}
