using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Polypose.Tensors.Kernels;

/// <summary>
/// Managed SGEMM (row-major) for AVX2-class CPUs: the shared blocking and packing of <see cref="GemmBlocking{TKernel}"/>
/// with an MR×NR = 6×16 register-blocked Vector256 FMA micro-kernel. Row blocks of C are spread over
/// <see cref="TensorThreads.Count"/> threads; each thread packs its own A block.
/// </summary>
internal static unsafe class ManagedGemm
{
    private const int MR = 6;
    private const int NR = 16;
    private const int MC = 96;

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

    /// <summary>C = alpha·op(A)·op(B) + beta·C; arguments already validated by <see cref="Gemm"/>.</summary>
    public static void Run(
        bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        ScaleC(m, n, beta, c, ldc);
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            GemmBlocking<Kernel6x16>.Blocked(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, pc, ldc, parallel: true);
        }
    }

    /// <summary>The 6×16 Vector256 micro-kernel (12 accumulators).</summary>
    private readonly struct Kernel6x16 : IGemmMicroKernel
    {
        public static int MR => ManagedGemm.MR;

        public static int NR => ManagedGemm.NR;

        public static int MC => ManagedGemm.MC;

        public static void Micro(int kc, float* a, float* b, float* c, int ldc) => ManagedGemm.Micro(kc, a, b, c, ldc);
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
