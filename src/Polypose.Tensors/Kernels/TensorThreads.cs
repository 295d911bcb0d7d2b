namespace Polypose.Tensors.Kernels;

/// <summary>
/// The one process-wide thread count used by every Polypose.Tensors kernel (managed loops and OpenBLAS).
/// Defaults to <see cref="Environment.ProcessorCount"/>; set it once at start-up (e.g. from <c>--threads N</c>).
/// </summary>
public static class TensorThreads
{
    /// <summary>
    /// Smallest number of multiply-adds worth a thread of its own (~30–40 µs of Vector512 FMA work): below it, waking a
    /// pool thread costs more than it saves (e.g. one 150×150×32 attention-head GEMM runs single-threaded).
    /// </summary>
    internal const long MinMacsPerThread = 2L << 20;

    [ThreadStatic]
    private static bool insideWorker;

    private static int count = Environment.ProcessorCount;

    /// <summary>Gets or sets the number of worker threads (at least 1). Setting it also sets OpenBLAS's thread count.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public static int Count
    {
        get => count;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            count = value;
            OpenBlas.SetThreads(value);
        }
    }

    /// <summary>
    /// Gets the number of threads a kernel called now may use: <see cref="Count"/>, or 1 inside a <see cref="For"/>
    /// body (no nested parallelism: an outer parallel loop, e.g. over attention heads, runs its inner GEMMs inline).
    /// </summary>
    internal static int Available => insideWorker ? 1 : count;

    /// <summary>
    /// Runs <paramref name="body"/>(state, start, end) over [0, <paramref name="length"/>) split into at most
    /// <see cref="Count"/> contiguous chunks; runs inline (allocation-free with a static lambda) when one thread or one
    /// chunk suffices, or when called from inside another <see cref="For"/> body (no nested parallelism).
    /// Multi-threaded dispatch allocates a few small objects per call.
    /// </summary>
    /// <param name="length">Number of work items.</param>
    /// <param name="minItemsPerThread">Smallest chunk worth a thread of its own.</param>
    /// <param name="state">Value passed to every call (pointers, geometry).</param>
    /// <param name="body">Called as body(state, start, end) with a half-open range; pass a static lambda.</param>
    internal static void For<TState>(int length, int minItemsPerThread, TState state, Action<TState, int, int> body)
    {
        if (length <= 0)
        {
            return;
        }

        var threads = Math.Min(Available, Math.Max(1, length / Math.Max(1, minItemsPerThread)));
        if (threads <= 1)
        {
            body(state, 0, length);
            return;
        }

        RunParallel(length, threads, state, body);
    }

    /// <summary>The multi-threaded branch, separate so the single-thread path allocates no closure.</summary>
    private static void RunParallel<TState>(int length, int threads, TState state, Action<TState, int, int> body)
    {
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var start = (int)((long)length * t / threads);
            var end = (int)((long)length * (t + 1) / threads);
            if (end <= start)
            {
                return;
            }

            // The calling thread also runs chunks: restore its flag afterwards.
            var outer = insideWorker;
            insideWorker = true;
            try
            {
                body(state, start, end);
            }
            finally
            {
                insideWorker = outer;
            }
        });
    }
}
