namespace Polypose.Tensors.Kernels;

/// <summary>
/// A register-blocked SGEMM micro-kernel and its tile shape, the only part of the blocked managed GEMM that differs per
/// vector width (<see cref="ManagedGemm"/>: 6×16 with Vector256, <see cref="ManagedGemm512"/>: 8×32 with Vector512).
/// Implemented by structs so <see cref="GemmBlocking{TKernel}"/> is specialised per kernel with constant tile sizes.
/// </summary>
internal unsafe interface IGemmMicroKernel
{
    /// <summary>Gets the rows of C per micro tile (A is packed in panels of MR rows).</summary>
    static abstract int MR { get; }

    /// <summary>Gets the columns of C per micro tile (B is packed in panels of NR columns).</summary>
    static abstract int NR { get; }

    /// <summary>Gets the rows of one packed A block (a multiple of MR, sized for L2 with KC).</summary>
    static abstract int MC { get; }

    /// <summary>C[0..MR, 0..NR] (row stride <paramref name="ldc"/>) += Apanel(MR×kc, k-major) · Bpanel(kc×NR).</summary>
    static abstract void Micro(int kc, float* a, float* b, float* c, int ldc);
}
