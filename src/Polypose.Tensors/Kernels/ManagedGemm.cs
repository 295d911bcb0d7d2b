using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Polypose.Tensors.Kernels;

/// <summary>
/// Managed SGEMM (row-major): packs op(B) into KC×NC panels of NR columns and op(A)·alpha into MC×KC panels of MR
/// rows, then runs an MR×NR = 6×16 register-blocked FMA micro-kernel (Vector256). Row blocks of C are spread over
/// <see cref="TensorThreads.Count"/> threads; each thread packs its own A panel.
/// </summary>
internal static unsafe class ManagedGemm
{
    private const int MR = 6;
    private const int NR = 16;
    private const int KC = 256;
    private const int MC = 96;
    private const int NC = 1024;

    /// <summary>C = beta·C over an M×N block (beta == 0 writes zeros).</summary>
    public static void ScaleC(int m, int n, float beta, Span<float> c, int ldc)
    {
        if (beta == 1f)
        {
            return;
        }

        for (var i = 0; i < m; i++)
        {
            var row = c.Slice(i * ldc, n);
            if (beta == 0f)
            {
                row.Clear();
            }
            else
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(row, beta, row);
            }
        }
    }

    public static void Run(
        bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        ScaleC(m, n, beta, c, ldc);
        var packB = ArrayPool<float>.Shared.Rent(KC * (NC + NR));
        try
        {
            fixed (float* pa = a)
            fixed (float* pb = b)
            fixed (float* pc = c)
            fixed (float* ppb = packB)
            {
                float* aPtr = pa, bPtr = pb, cPtr = pc, packPtr = ppb;
                for (var jc = 0; jc < n; jc += NC)
                {
                    var nc = Math.Min(NC, n - jc);
                    for (var kp = 0; kp < k; kp += KC)
                    {
                        var kc = Math.Min(KC, k - kp);
                        PackB(transB, bPtr, ldb, kp, kc, jc, nc, packPtr);
                        var blocks = (m + MC - 1) / MC;
                        var state = new GemmPanel(transA, aPtr, lda, alpha, m, kp, kc, nc, packPtr, cPtr + jc, ldc);
                        TensorThreads.For(blocks, 1, state, static (s, start, end) =>
                        {
                            var packA = ArrayPool<float>.Shared.Rent(MC * KC);
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

                            ArrayPool<float>.Shared.Return(packA);
                        });
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(packB);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB(bool transB, float* b, int ldb, int kp, int kc, int jc, int nc, float* dst)
    {
        for (var jp = 0; jp < nc; jp += NR)
        {
            var w = Math.Min(NR, nc - jp);
            var panel = dst + ((long)jp * kc);
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
                        for (var j = 0; j < w; j++)
                        {
                            cTile[((long)r * ldc) + j] += tile[(r * NR) + j];
                        }
                    }
                }
            }
        }
    }

    /// <summary>C[0..6, 0..16] += Apanel(6×kc) · Bpanel(kc×16).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Micro(int kc, float* a, float* b, float* c, int ldc)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (var kk = 0; kk < kc; kk++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var a0 = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector256.Create(a[1]);
            c10 = Vector256.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector256.Create(a[2]);
            c20 = Vector256.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector256.Create(a[3]);
            c30 = Vector256.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector256.Create(a[4]);
            c40 = Vector256.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector256.Create(a[5]);
            c50 = Vector256.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(a5, b1, c51);
            a += MR;
            b += NR;
        }

        AddRow(c, c00, c01);
        AddRow(c + ldc, c10, c11);
        AddRow(c + (2L * ldc), c20, c21);
        AddRow(c + (3L * ldc), c30, c31);
        AddRow(c + (4L * ldc), c40, c41);
        AddRow(c + (5L * ldc), c50, c51);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow(float* c, Vector256<float> lo, Vector256<float> hi)
    {
        (Vector256.Load(c) + lo).Store(c);
        (Vector256.Load(c + 8) + hi).Store(c + 8);
    }
}
