using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Polypose.Tensors.Memory;

namespace Polypose.Tensors.Kernels;

/// <summary>
/// Managed SGEMM (row-major) for CPUs with AVX-512: the same blocking as <see cref="ManagedGemm"/> (pack op(B) into
/// KC×NC panels of NR columns, op(A)·alpha into MC×KC panels of MR rows) with an MR×NR = 8×32 Vector512 FMA
/// micro-kernel (16 accumulators). On full-width AVX-512 cores (e.g. AMD Zen 5) it outruns OpenBLAS builds whose
/// kernels stop at AVX2. Row blocks of C are spread over <see cref="TensorThreads.Count"/> threads.
/// </summary>
internal static unsafe partial class ManagedGemm512
{
    private const int MR = 8;
    private const int NR = 32;
    private const int KC = 256;
    private const int MC = 128;
    private const int NC = 1024;

    /// <summary>Gets a value indicating whether Vector512 is hardware accelerated (the kernel is usable and fast).</summary>
    public static bool IsSupported => Vector512.IsHardwareAccelerated;

    /// <summary>C = alpha·op(A)·op(B) + beta·C; arguments already validated by <see cref="Gemm"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(
        bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        ManagedGemm.ScaleC(m, n, beta, c, ldc);
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            var threads = ThreadsFor(m, n, k);
            if (threads > 1 && (m + MC - 1) / MC < 2 * threads)
            {
                // Few row blocks (e.g. 150 tokens = one full and one 22-row block): one dispatch per call over an
                // even split of the MR/NR tile grid instead of per-panel dispatches over unbalanced row blocks.
                RunSplit(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, pc, ldc, threads);
                return;
            }

            Blocked(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, pc, ldc, threads > 1);
        }
    }

    /// <summary>
    /// C += alpha·op(A)·op(B) with the KC×NC / MC×KC blocking; row blocks of each panel pass run on
    /// <see cref="TensorThreads"/> when <paramref name="parallel"/>. The order of every element's sum depends only on
    /// its position in the global MR×NR tile grid and the KC split, so any sub-range that starts on a tile boundary
    /// gives bit-identical results.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Blocked(
        bool transA, bool transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float* c, int ldc, bool parallel)
    {
        // Pack buffers come from the process-wide TensorPool, sized to this product (not the KC×NC maximum): worker
        // threads share them instead of each caching its own large arrays (ArrayPool.Shared keeps per-thread copies
        // and trims them on every gen-2 GC, which churned the large object heap at threads > 1).
        var packB = TensorPool.RentFloat(PackBLength(n, k));
        try
        {
            fixed (float* packPtr = packB)
            {
                for (var jc = 0; jc < n; jc += NC)
                {
                    var nc = Math.Min(NC, n - jc);
                    for (var kp = 0; kp < k; kp += KC)
                    {
                        var kc = Math.Min(KC, k - kp);
                        PackB(transB, b, ldb, kp, kc, jc, nc, packPtr);
                        var blocks = (m + MC - 1) / MC;
                        var state = new GemmPanel(transA, a, lda, alpha, m, kp, kc, nc, packPtr, c + jc, ldc);
                        TensorThreads.For(blocks, parallel ? 1 : blocks, state, [MethodImpl(MethodImplOptions.AggressiveOptimization)] static (s, start, end) =>
                        {
                            var packA = TensorPool.RentFloat(PackALength(s.M, s.Kc));
                            fixed (float* ppa = packA)
                            {
                                for (var blk = start; blk < end; blk++)
                                {
                                    var ic = blk * MC;
                                    var mc = Math.Min(MC, s.M - ic);
                                    PackA(s.TransA, s.A, s.Lda, s.Alpha, ic, mc, s.Kp, s.Kc, ppa);
                                    Macro(ppa, s.PackB, mc, s.Nc, s.Kc, s.C + ((long)ic * s.Ldc), s.Ldc);
                                }
                            }

                            TensorPool.Return(packA);
                        });
                    }
                }
            }
        }
        finally
        {
            TensorPool.Return(packB);
        }
    }

    /// <summary>Floats needed for the packed op(B) panel of an n-column, k-deep product (at most KC × NC plus one tile).</summary>
    private static int PackBLength(int n, int k) => Math.Max(1, Math.Min(KC, k) * ((((Math.Min(NC, n) + NR - 1) / NR) * NR) + NR));

    /// <summary>Floats needed for one packed op(A) block of an m-row product with depth kc (at most MC × KC plus one tile).</summary>
    private static int PackALength(int m, int kc) => Math.Max(1, kc * ((((Math.Min(MC, m) + MR - 1) / MR) * MR) + MR));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB(bool transB, float* b, int ldb, int kp, int kc, int jc, int nc, float* dst)
    {
        for (var jp = 0; jp < nc; jp += NR)
        {
            var w = Math.Min(NR, nc - jp);
            var panel = dst + ((long)jp * kc);
            if (!transB && w == NR)
            {
                var src = b + ((long)kp * ldb) + jc + jp;
                for (var kk = 0; kk < kc; kk++)
                {
                    Vector512.Load(src).Store(panel);
                    Vector512.Load(src + 16).Store(panel + 16);
                    src += ldb;
                    panel += NR;
                }

                continue;
            }

            if (transB)
            {
                // Contiguous reads along each source row, strided writes into the L1-sized panel.
                for (var j = 0; j < w; j++)
                {
                    var src = b + ((long)(jc + jp + j) * ldb) + kp;
                    for (var kk = 0; kk < kc; kk++)
                    {
                        panel[(kk * NR) + j] = src[kk];
                    }
                }

                for (var kk = 0; kk < kc && w < NR; kk++)
                {
                    new Span<float>(panel + (kk * NR) + w, NR - w).Clear();
                }

                continue;
            }

            for (var kk = 0; kk < kc; kk++)
            {
                var row = panel + (kk * NR);
                if (!transB)
                {
                    var src = b + ((long)(kp + kk) * ldb) + jc + jp;
                    for (var j = 0; j < w; j++)
                    {
                        row[j] = src[j];
                    }
                }
                else
                {
                    var src = b + ((long)(jc + jp) * ldb) + kp + kk;
                    for (var j = 0; j < w; j++)
                    {
                        row[j] = src[(long)j * ldb];
                    }
                }

                for (var j = w; j < NR; j++)
                {
                    row[j] = 0f;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA(bool transA, float* a, int lda, float alpha, int ic, int mc, int kp, int kc, float* dst)
    {
        for (var ip = 0; ip < mc; ip += MR)
        {
            var h = Math.Min(MR, mc - ip);
            var panel = dst + ((long)ip * kc);
            if (transA && h == MR)
            {
                var src = a + ((long)kp * lda) + ic + ip;
                for (var kk = 0; kk < kc; kk++)
                {
                    (Vector256.Load(src) * alpha).Store(panel + (kk * MR));
                    src += lda;
                }

                continue;
            }

            if (!transA && h == MR)
            {
                // Contiguous reads along each source row, strided writes into the packed panel.
                for (var r = 0; r < MR; r++)
                {
                    var src = a + ((long)(ic + ip + r) * lda) + kp;
                    var dstCol = panel + r;
                    for (var kk = 0; kk < kc; kk++)
                    {
                        dstCol[kk * MR] = alpha * src[kk];
                    }
                }

                continue;
            }

            for (var kk = 0; kk < kc; kk++)
            {
                var col = panel + (kk * MR);
                for (var r = 0; r < h; r++)
                {
                    var i = ic + ip + r;
                    col[r] = alpha * (transA ? a[((long)(kp + kk) * lda) + i] : a[((long)i * lda) + kp + kk]);
                }

                for (var r = h; r < MR; r++)
                {
                    col[r] = 0f;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Macro(float* packA, float* packB, int mc, int nc, int kc, float* c, int ldc)
    {
        var tile = stackalloc float[MR * NR];
        for (var jp = 0; jp < nc; jp += NR)
        {
            var w = Math.Min(NR, nc - jp);
            for (var ip = 0; ip < mc; ip += MR)
            {
                var h = Math.Min(MR, mc - ip);
                var cTile = c + ((long)ip * ldc) + jp;
                if (h == MR && w == NR)
                {
                    Micro(kc, packA + ((long)ip * kc), packB + ((long)jp * kc), cTile, ldc);
                }
                else
                {
                    new Span<float>(tile, MR * NR).Clear();
                    Micro(kc, packA + ((long)ip * kc), packB + ((long)jp * kc), tile, NR);
                    for (var r = 0; r < h; r++)
                    {
                        var dst = cTile + ((long)r * ldc);
                        var src = tile + (r * NR);
                        for (var j = 0; j < w; j++)
                        {
                            dst[j] += src[j];
                        }
                    }
                }
            }
        }
    }

    /// <summary>C[0..8, 0..32] += Apanel(8×kc) · Bpanel(kc×32).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Micro(int kc, float* a, float* b, float* c, int ldc)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default;
        for (var kk = 0; kk < kc; kk++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
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
            a += MR;
            b += NR;
        }

        AddRow(c, c00, c01);
        AddRow(c + ldc, c10, c11);
        AddRow(c + (2L * ldc), c20, c21);
        AddRow(c + (3L * ldc), c30, c31);
        AddRow(c + (4L * ldc), c40, c41);
        AddRow(c + (5L * ldc), c50, c51);
        AddRow(c + (6L * ldc), c60, c61);
        AddRow(c + (7L * ldc), c70, c71);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow(float* c, Vector512<float> lo, Vector512<float> hi)
    {
        (Vector512.Load(c) + lo).Store(c);
        (Vector512.Load(c + 16) + hi).Store(c + 16);
    }
}
