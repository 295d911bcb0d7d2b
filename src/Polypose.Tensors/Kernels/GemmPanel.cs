namespace Polypose.Tensors.Kernels;

/// <summary>
/// Arguments of one (jc, kp) panel pass of the blocked managed GEMMs (<see cref="ManagedGemm"/>,
/// <see cref="ManagedGemm512"/>), shared by the row-block workers: A (row-major, optionally transposed, scaled by alpha
/// while packing), the packed kc × nc panel of B, and the C sub-matrix starting at column jc.
/// </summary>
internal readonly unsafe struct GemmPanel(bool transA, float* a, int lda, float alpha, int m, int kp, int kc, int nc, float* packB, float* c, int ldc)
{
    public bool TransA { get; } = transA;

    public float* A { get; } = a;

    public int Lda { get; } = lda;

    public float Alpha { get; } = alpha;

    public int M { get; } = m;

    public int Kp { get; } = kp;

    public int Kc { get; } = kc;

    public int Nc { get; } = nc;

    public float* PackB { get; } = packB;

    public float* C { get; } = c;

    public int Ldc { get; } = ldc;
}
