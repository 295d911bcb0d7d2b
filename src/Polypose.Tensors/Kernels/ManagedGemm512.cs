using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Polypose.Tensors.Kernels;

/// <summary>
/// Managed SGEMM (row-major) for CPUs with AVX-512: the shared blocking and packing of
/// <see cref="GemmBlocking{TKernel}"/> with an MR×NR = 8×32 Vector512 FMA micro-kernel (16 accumulators). On full-width AVX-512 cores (e.g. AMD Zen 5) it outruns OpenBLAS builds whose
/// kernels stop at AVX2. Row blocks of C are spread over <see cref="TensorThreads.Count"/> threads.
/// </summary>
internal static unsafe partial class ManagedGemm512
{
    private const int MR = 8;
    private const int NR = 32;
    private const int MC = 128;

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

    /// <summary>C += alpha·op(A)·op(B) through the shared blocking with the 8×32 micro-kernel.</summary>
    private static void Blocked(
        bool transA, bool transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float* c, int ldc, bool parallel)
        => GemmBlocking<Kernel8x32>.Blocked(transA, transB, m, n, k, alpha, a, lda, b, ldb, c, ldc, parallel);

    /// <summary>The 8×32 Vector512 micro-kernel (16 accumulators).</summary>
    private readonly struct Kernel8x32 : IGemmMicroKernel
    {
        public static int MR => ManagedGemm512.MR;

        public static int NR => ManagedGemm512.NR;

        public static int MC => ManagedGemm512.MC;

        public static void Micro(int kc, float* a, float* b, float* c, int ldc) => ManagedGemm512.Micro(kc, a, b, c, ldc);
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
