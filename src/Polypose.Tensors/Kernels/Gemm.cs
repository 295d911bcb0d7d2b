using Polypose.Tensors.Internal;

namespace Polypose.Tensors.Kernels;

/// <summary>
/// Single-precision general matrix multiply on row-major spans:
/// <c>C[i, j] = alpha * sum_k op(A)[i, k] * op(B)[k, j] + beta * C[i, j]</c>, where op(X) is X or Xᵀ.
/// On CPUs with hardware-accelerated AVX-512 it runs a managed 8×32 Vector512 kernel (faster than OpenBLAS builds
/// limited to AVX2 kernels, e.g. on AMD Zen 5); otherwise through OpenBLAS <c>cblas_sgemm</c> when
/// <c>libopenblas.so.0</c> is present, else through a managed, cache-blocked, Vector256, multi-threaded kernel
/// (<see cref="TensorThreads.Count"/> threads).
/// </summary>
/// <remarks>
/// With beta == 0 the previous contents of C are ignored (NaN in C does not propagate), as in BLAS.
/// NaN/Inf in A or B propagate by IEEE arithmetic. Allocation-free in steady state (pack buffers come from a pool).
/// </remarks>
public static class Gemm
{
    /// <summary>Gets or sets a value indicating whether to use the managed kernel even when OpenBLAS is loaded.</summary>
    public static bool ForceManaged { get; set; }

    /// <summary>Gets a value indicating whether OpenBLAS was found and is used (unless <see cref="ForceManaged"/>).</summary>
    public static bool NativeAvailable => OpenBlas.IsAvailable;

    /// <summary>Gets or sets a value indicating whether to prefer the managed AVX-512 kernel over OpenBLAS when the CPU accelerates Vector512 (default true).</summary>
    public static bool PreferAvx512 { get; set; } = true;

    /// <summary>Gets a value indicating whether the CPU accelerates Vector512, so <see cref="SgemmAvx512"/> can run.</summary>
    public static bool Avx512Available => ManagedGemm512.IsSupported;

    /// <summary>Gets a short name of the back end in use: "managed-avx512", "openblas" or "managed".</summary>
    public static string Backend => ForceManaged ? "managed" : UseAvx512 ? "managed-avx512" : NativeAvailable ? "openblas" : "managed";

    private static bool UseAvx512 => PreferAvx512 && ManagedGemm512.IsSupported;

    /// <summary>Row-major SGEMM: C (M×N, leading dimension ldc) = alpha·op(A)·op(B) + beta·C.</summary>
    /// <param name="transA">Use Aᵀ: A is then stored K×M (lda ≥ M), else M×K (lda ≥ K).</param>
    /// <param name="transB">Use Bᵀ: B is then stored N×K (ldb ≥ K), else K×N (ldb ≥ N).</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">Matrix A, row-major.</param>
    /// <param name="lda">Row stride of A in elements.</param>
    /// <param name="b">Matrix B, row-major.</param>
    /// <param name="ldb">Row stride of B in elements.</param>
    /// <param name="beta">Scale of the previous C; 0 overwrites C.</param>
    /// <param name="c">Matrix C, row-major; must not overlap A or B.</param>
    /// <param name="ldc">Row stride of C in elements (≥ N).</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative or a leading dimension too small.</exception>
    /// <exception cref="ArgumentException">A span is too short, or C overlaps A or B.</exception>
    public static void Sgemm(
        bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        Validate(transA, transB, m, n, k, a, lda, b, ldb, c, ldc);
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0 || alpha == 0f)
        {
            ManagedGemm.ScaleC(m, n, beta, c, ldc);
            return;
        }

        if (!ForceManaged && UseAvx512)
        {
            ManagedGemm512.Run(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        }
        else if (NativeAvailable && !ForceManaged)
        {
            OpenBlas.RowMajorSgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        }
        else
        {
            ManagedGemm.Run(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        }
    }

    /// <summary>Same contract as <see cref="Sgemm"/> but always runs the managed kernel (for tests and comparisons).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative or a leading dimension too small.</exception>
    /// <exception cref="ArgumentException">A span is too short, or C overlaps A or B.</exception>
    public static void SgemmManaged(
        bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        Validate(transA, transB, m, n, k, a, lda, b, ldb, c, ldc);
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0 || alpha == 0f)
        {
            ManagedGemm.ScaleC(m, n, beta, c, ldc);
            return;
        }

        ManagedGemm.Run(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>Same contract as <see cref="Sgemm"/> but always runs the managed AVX-512 kernel (for tests and comparisons).</summary>
    /// <exception cref="PlatformNotSupportedException">Vector512 is not hardware accelerated (see <see cref="Avx512Available"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative or a leading dimension too small.</exception>
    /// <exception cref="ArgumentException">A span is too short, or C overlaps A or B.</exception>
    public static void SgemmAvx512(
        bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        if (!ManagedGemm512.IsSupported)
        {
            throw new PlatformNotSupportedException("Vector512 is not hardware accelerated on this CPU.");
        }

        Validate(transA, transB, m, n, k, a, lda, b, ldb, c, ldc);
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0 || alpha == 0f)
        {
            ManagedGemm.ScaleC(m, n, beta, c, ldc);
            return;
        }

        ManagedGemm512.Run(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    private static void Validate(
        bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        int aRows = transA ? k : m, aCols = transA ? m : k;
        int bRows = transB ? n : k, bCols = transB ? k : n;
        ArgumentOutOfRangeException.ThrowIfLessThan(lda, Math.Max(1, aCols));
        ArgumentOutOfRangeException.ThrowIfLessThan(ldb, Math.Max(1, bCols));
        ArgumentOutOfRangeException.ThrowIfLessThan(ldc, Math.Max(1, n));
        SpanChecks.Matrix(a.Length, aRows, aCols, lda, nameof(a));
        SpanChecks.Matrix(b.Length, bRows, bCols, ldb, nameof(b));
        SpanChecks.Matrix(c.Length, m, n, ldc, nameof(c));
        if (m > 0 && n > 0 && ((k > 0 && c.Overlaps(a)) || (k > 0 && c.Overlaps(b))))
        {
            throw new ArgumentException("C must not overlap A or B.", nameof(c));
        }
    }
}
