using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Polypose.Tensors.Memory;

namespace Polypose.Tensors.Kernels;

/// <summary>
/// The blocked managed SGEMM (row-major) shared by both vector widths: op(B) is packed into KC×NC panels of NR columns,
/// op(A)·alpha into MC×KC blocks of MR rows, and <typeparamref name="TKernel"/>'s micro-kernel runs over the MR×NR
/// tile grid (edge tiles through a zero-padded scratch tile). The order of every element's sum depends only on its
/// position in the global tile grid and the KC split, so any sub-range that starts on a tile boundary gives
/// bit-identical results.
/// </summary>
/// <typeparam name="TKernel">The micro-kernel and its tile shape.</typeparam>
internal static unsafe class GemmBlocking<TKernel>
    where TKernel : struct, IGemmMicroKernel
{
    /// <summary>Depth of one packed panel (k).</summary>
    public const int KC = 256;

    /// <summary>Columns of one packed B panel.</summary>
    public const int NC = 1024;

    /// <summary>
    /// C += alpha·op(A)·op(B); row blocks of each panel pass run on <see cref="TensorThreads"/> when
    /// <paramref name="parallel"/>. Arguments are validated by <see cref="Gemm"/>; C was already scaled by beta.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Blocked(
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
                        var blocks = (m + TKernel.MC - 1) / TKernel.MC;
                        var state = new GemmPanel(transA, a, lda, alpha, m, kp, kc, nc, packPtr, c + jc, ldc);
                        TensorThreads.For(blocks, parallel ? 1 : blocks, state, [MethodImpl(MethodImplOptions.AggressiveOptimization)] static (s, start, end) =>
                        {
                            var packA = TensorPool.RentFloat(PackALength(s.M, s.Kc));
                            fixed (float* ppa = packA)
                            {
                                for (var blk = start; blk < end; blk++)
                                {
                                    var ic = blk * TKernel.MC;
                                    var mc = Math.Min(TKernel.MC, s.M - ic);
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
    private static int PackBLength(int n, int k) => Math.Max(1, Math.Min(KC, k) * ((((Math.Min(NC, n) + TKernel.NR - 1) / TKernel.NR) * TKernel.NR) + TKernel.NR));

    /// <summary>Floats needed for one packed op(A) block of an m-row product with depth kc (at most MC × KC plus one tile).</summary>
    private static int PackALength(int m, int kc) => Math.Max(1, kc * ((((Math.Min(TKernel.MC, m) + TKernel.MR - 1) / TKernel.MR) * TKernel.MR) + TKernel.MR));

    /// <summary>Packs op(B)[kp..kp+kc, jc..jc+nc] into k-major panels of NR columns, zero-padding the last panel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB(bool transB, float* b, int ldb, int kp, int kc, int jc, int nc, float* dst)
    {
        var nr = TKernel.NR;
        for (var jp = 0; jp < nc; jp += nr)
        {
            var w = Math.Min(nr, nc - jp);
            var panel = dst + ((long)jp * kc);
            if (!transB && w == nr)
            {
                var src = b + ((long)kp * ldb) + jc + jp;
                for (var kk = 0; kk < kc; kk++)
                {
                    for (var j = 0; j < nr; j += Vector256<float>.Count)
                    {
                        Vector256.Load(src + j).Store(panel + j);
                    }

                    src += ldb;
                    panel += nr;
                }

                continue;
            }

            if (transB && w == nr && nr % 8 == 0 && Avx.IsSupported)
            {
                PackTransposedPanel(b + ((long)(jc + jp) * ldb) + kp, ldb, kc, nr, panel);
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
                        panel[(kk * nr) + j] = src[kk];
                    }
                }

                for (var kk = 0; kk < kc && w < nr; kk++)
                {
                    new Span<float>(panel + (kk * nr) + w, nr - w).Clear();
                }

                continue;
            }

            for (var kk = 0; kk < kc; kk++)
            {
                var row = panel + (kk * nr);
                var src = b + ((long)(kp + kk) * ldb) + jc + jp;
                for (var j = 0; j < w; j++)
                {
                    row[j] = src[j];
                }

                new Span<float>(row + w, nr - w).Clear();
            }
        }
    }

    /// <summary>
    /// A full transposed B panel: source rows j ∈ [0, nr) (stride ldb) of kc contiguous values each become the panel's
    /// columns (panel[kk·nr + j] = src[j·ldb + kk]), by 8×8 register transposes; a plain copy, so results are unchanged.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackTransposedPanel(float* src, int ldb, int kc, int nr, float* panel)
    {
        var kk8 = kc & ~7;
        for (var j0 = 0; j0 < nr; j0 += 8)
        {
            var s = src + ((long)j0 * ldb);
            for (var kk = 0; kk < kk8; kk += 8)
            {
                var r0 = Avx.LoadVector256(s + kk);
                var r1 = Avx.LoadVector256(s + ldb + kk);
                var r2 = Avx.LoadVector256(s + (2L * ldb) + kk);
                var r3 = Avx.LoadVector256(s + (3L * ldb) + kk);
                var r4 = Avx.LoadVector256(s + (4L * ldb) + kk);
                var r5 = Avx.LoadVector256(s + (5L * ldb) + kk);
                var r6 = Avx.LoadVector256(s + (6L * ldb) + kk);
                var r7 = Avx.LoadVector256(s + (7L * ldb) + kk);
                var t0 = Avx.UnpackLow(r0, r1);
                var t1 = Avx.UnpackHigh(r0, r1);
                var t2 = Avx.UnpackLow(r2, r3);
                var t3 = Avx.UnpackHigh(r2, r3);
                var t4 = Avx.UnpackLow(r4, r5);
                var t5 = Avx.UnpackHigh(r4, r5);
                var t6 = Avx.UnpackLow(r6, r7);
                var t7 = Avx.UnpackHigh(r6, r7);
                var s0 = Avx.Shuffle(t0, t2, 0x44);
                var s1 = Avx.Shuffle(t0, t2, 0xEE);
                var s2 = Avx.Shuffle(t1, t3, 0x44);
                var s3 = Avx.Shuffle(t1, t3, 0xEE);
                var s4 = Avx.Shuffle(t4, t6, 0x44);
                var s5 = Avx.Shuffle(t4, t6, 0xEE);
                var s6 = Avx.Shuffle(t5, t7, 0x44);
                var s7 = Avx.Shuffle(t5, t7, 0xEE);
                var d = panel + ((long)kk * nr) + j0;
                Avx.Store(d, Avx.Permute2x128(s0, s4, 0x20));
                Avx.Store(d + nr, Avx.Permute2x128(s1, s5, 0x20));
                Avx.Store(d + (2 * nr), Avx.Permute2x128(s2, s6, 0x20));
                Avx.Store(d + (3 * nr), Avx.Permute2x128(s3, s7, 0x20));
                Avx.Store(d + (4 * nr), Avx.Permute2x128(s0, s4, 0x31));
                Avx.Store(d + (5 * nr), Avx.Permute2x128(s1, s5, 0x31));
                Avx.Store(d + (6 * nr), Avx.Permute2x128(s2, s6, 0x31));
                Avx.Store(d + (7 * nr), Avx.Permute2x128(s3, s7, 0x31));
            }

            for (var j = 0; j < 8; j++)
            {
                var row = s + ((long)j * ldb);
                for (var kk = kk8; kk < kc; kk++)
                {
                    panel[((long)kk * nr) + j0 + j] = row[kk];
                }
            }
        }
    }

    /// <summary>Packs alpha·op(A)[ic..ic+mc, kp..kp+kc] into k-major panels of MR rows, zero-padding the last panel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA(bool transA, float* a, int lda, float alpha, int ic, int mc, int kp, int kc, float* dst)
    {
        var mr = TKernel.MR;
        for (var ip = 0; ip < mc; ip += mr)
        {
            var h = Math.Min(mr, mc - ip);
            var panel = dst + ((long)ip * kc);
            if (transA && h == mr && mr == Vector256<float>.Count)
            {
                var src = a + ((long)kp * lda) + ic + ip;
                for (var kk = 0; kk < kc; kk++)
                {
                    (Vector256.Load(src) * alpha).Store(panel + (kk * mr));
                    src += lda;
                }

                continue;
            }

            if (!transA && h == mr)
            {
                // Contiguous reads along each source row, strided writes into the packed panel.
                for (var r = 0; r < mr; r++)
                {
                    var src = a + ((long)(ic + ip + r) * lda) + kp;
                    var dstCol = panel + r;
                    for (var kk = 0; kk < kc; kk++)
                    {
                        dstCol[kk * mr] = alpha * src[kk];
                    }
                }

                continue;
            }

            for (var kk = 0; kk < kc; kk++)
            {
                var col = panel + (kk * mr);
                for (var r = 0; r < h; r++)
                {
                    var i = ic + ip + r;
                    col[r] = alpha * (transA ? a[((long)(kp + kk) * lda) + i] : a[((long)i * lda) + kp + kk]);
                }

                for (var r = h; r < mr; r++)
                {
                    col[r] = 0f;
                }
            }
        }
    }

    /// <summary>C[mc, nc] += packed A block · packed B panel, tile by tile; edge tiles go through a scratch tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Macro(float* packA, float* packB, int mc, int nc, int kc, float* c, int ldc)
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        var tile = stackalloc float[mr * nr];
        for (var jp = 0; jp < nc; jp += nr)
        {
            var w = Math.Min(nr, nc - jp);
            for (var ip = 0; ip < mc; ip += mr)
            {
                var h = Math.Min(mr, mc - ip);
                var cTile = c + ((long)ip * ldc) + jp;
                if (h == mr && w == nr)
                {
                    TKernel.Micro(kc, packA + ((long)ip * kc), packB + ((long)jp * kc), cTile, ldc);
                }
                else
                {
                    new Span<float>(tile, mr * nr).Clear();
                    TKernel.Micro(kc, packA + ((long)ip * kc), packB + ((long)jp * kc), tile, nr);
                    for (var r = 0; r < h; r++)
                    {
                        var dstRow = cTile + ((long)r * ldc);
                        var srcRow = tile + (r * nr);
                        for (var j = 0; j < w; j++)
                        {
                            dstRow[j] += srcRow[j];
                        }
                    }
                }
            }
        }
    }
}
