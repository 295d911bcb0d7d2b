using System.Runtime.InteropServices;

namespace Polypose.Tensors.Kernels;

/// <summary>
/// Binding to OpenBLAS (<c>libopenblas.so.0</c>, Debian's <c>libopenblas0</c>): <c>cblas_sgemm</c> and
/// <c>openblas_set_num_threads</c>, resolved once at first use through <see cref="NativeLibrary"/>.
/// </summary>
internal static unsafe class OpenBlas
{
    private const int RowMajor = 101;
    private const int NoTrans = 111;
    private const int Trans = 112;

    private static readonly string[] Candidates =
    [
        "libopenblas.so.0", "libopenblas.so", "/usr/lib/x86_64-linux-gnu/libopenblas.so.0",
        "/usr/lib/aarch64-linux-gnu/libopenblas.so.0", "libopenblas.dylib", "libopenblas.dll",
    ];

    private static readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> Sgemm;
    private static readonly delegate* unmanaged<int, void> SetNumThreads;

    static OpenBlas()
    {
        foreach (var name in Candidates)
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                if (NativeLibrary.TryGetExport(handle, "cblas_sgemm", out var sgemm))
                {
                    Sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)sgemm;
                    if (NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out var threads))
                    {
                        SetNumThreads = (delegate* unmanaged<int, void>)threads;
                        SetNumThreads(TensorThreads.Count);
                    }

                    return;
                }
            }
        }
    }

    /// <summary>Gets a value indicating whether the native library and <c>cblas_sgemm</c> were found.</summary>
    public static bool IsAvailable => Sgemm != null;

    /// <summary>Sets OpenBLAS's worker thread count when the library is loaded; otherwise does nothing.</summary>
    public static void SetThreads(int threads)
    {
        if (SetNumThreads != null)
        {
            SetNumThreads(threads);
        }
    }

    /// <summary>Row-major <c>cblas_sgemm</c>: C = alpha op(A) op(B) + beta C.</summary>
    public static void RowMajorSgemm(
        bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            Sgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
        }
    }
}
