namespace Polypose.Tensors.Kernels;

/// <summary>Thread grain and the tile-grid split of small GEMMs (few MC row blocks) across threads.</summary>
internal static unsafe partial class ManagedGemm512
{
    /// <summary>Approximate cost of packing one element, in multiply-adds (packing is scalar or strided).</summary>
    private const long PackCostInMacs = 16;

    /// <summary>Threads worth using for an m×n×k product: at most <see cref="TensorThreads.Available"/>, at least 1.</summary>
    private static int ThreadsFor(int m, int n, int k)
    {
        var available = TensorThreads.Available;
        if (available <= 1)
        {
            return 1;
        }

        var macs = (long)m * n * k;
        return (int)Math.Clamp(macs / TensorThreads.MinMacsPerThread, 1, available);
    }

    /// <summary>
    /// Splits C into <paramref name="threads"/> parts along rows (MR-aligned) or columns (NR-aligned), whichever has
    /// the shorter critical path (tile-padded multiply-adds of the largest part plus its packing, where a row split
    /// packs all of op(B) in every part and a column split all of op(A)); each part runs <see cref="Blocked"/> alone.
    /// Parts start on tile boundaries, so results are bit-identical to the single-threaded kernel.
    /// </summary>
    private static void RunSplit(
        bool transA, bool transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float* c, int ldc, int threads)
    {
        int mTiles = (m + MR - 1) / MR, nTiles = (n + NR - 1) / NR;
        int rowParts = Math.Min(threads, mTiles), colParts = Math.Min(threads, nTiles);
        long mPad = (long)mTiles * MR, nPad = (long)nTiles * NR;
        long rowPart = (long)((mTiles + rowParts - 1) / rowParts) * MR;
        long colPart = (long)((nTiles + colParts - 1) / colParts) * NR;
        var rowCost = (rowPart * nPad * k) + (PackCostInMacs * k * (n + rowPart));
        var colCost = (mPad * colPart * k) + (PackCostInMacs * k * (m + colPart));
        var byRows = rowCost <= colCost;
        var parts = byRows ? rowParts : colParts;
        var state = new Split(transA, transB, m, n, k, alpha, a, lda, b, ldb, c, ldc, byRows, byRows ? mTiles : nTiles, parts);
        TensorThreads.For(parts, 1, state, static (s, start, end) =>
        {
            for (var p = start; p < end; p++)
            {
                var t0 = (int)((long)s.Tiles * p / s.Parts);
                var t1 = (int)((long)s.Tiles * (p + 1) / s.Parts);
                if (s.ByRows)
                {
                    int r0 = t0 * MR, r1 = Math.Min(s.M, t1 * MR);
                    if (r1 > r0)
                    {
                        var aPart = s.TransA ? s.A + r0 : s.A + ((long)r0 * s.Lda);
                        Blocked(s.TransA, s.TransB, r1 - r0, s.N, s.K, s.Alpha, aPart, s.Lda, s.B, s.Ldb, s.C + ((long)r0 * s.Ldc), s.Ldc, false);
                    }
                }
                else
                {
                    int c0 = t0 * NR, c1 = Math.Min(s.N, t1 * NR);
                    if (c1 > c0)
                    {
                        var bPart = s.TransB ? s.B + ((long)c0 * s.Ldb) : s.B + c0;
                        Blocked(s.TransA, s.TransB, s.M, c1 - c0, s.K, s.Alpha, s.A, s.Lda, bPart, s.Ldb, s.C + c0, s.Ldc, false);
                    }
                }
            }
        });
    }

    /// <summary>Arguments of one split GEMM, shared by the part workers.</summary>
    private readonly struct Split(
        bool transA, bool transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float* c, int ldc, bool byRows, int tiles, int parts)
    {
        public bool TransA { get; } = transA;

        public bool TransB { get; } = transB;

        public int M { get; } = m;

        public int N { get; } = n;

        public int K { get; } = k;

        public float Alpha { get; } = alpha;

        public float* A { get; } = a;

        public int Lda { get; } = lda;

        public float* B { get; } = b;

        public int Ldb { get; } = ldb;

        public float* C { get; } = c;

        public int Ldc { get; } = ldc;

        public bool ByRows { get; } = byRows;

        public int Tiles { get; } = tiles;

        public int Parts { get; } = parts;
    }
}
