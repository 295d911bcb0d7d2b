namespace Polypose.Detection.TfjsGraph;

/// <summary>
/// Element arrays for op outputs, recycled across a <see cref="TfjsExecutor"/>'s runs. While an executor runs it
/// installs its arena on the thread; ops ask <see cref="Floats"/>/<see cref="Ints"/> for output arrays they fill
/// completely (contents are not cleared). The executor counts, per rented array, the live graph values that refer
/// to it (views share arrays) and gives an array back when the last one is dropped, so the next frame of the same
/// size reuses the memory instead of faulting in fresh pages. Arrays are pooled by exact length, at most 512 MiB
/// of free arrays per arena. Arrays that reach
/// the run's outputs are never given back. Outside a run (no arena installed) the calls allocate.
/// </summary>
internal sealed class TensorArena
{
    private const long MaxFreeBytes = 512L << 20;

    [ThreadStatic]
    private static TensorArena? current;

    private long freeBytes;

    private readonly Dictionary<int, Stack<float[]>> freeFloats = [];
    private readonly Dictionary<int, Stack<int[]>> freeInts = [];
    private readonly Dictionary<object, int> references = new(ReferenceEqualityComparer.Instance);

    /// <summary>An uninitialised float array of exactly n elements, for an op output that writes every element.</summary>
    public static float[] Floats(int n) => current is { } arena ? arena.RentFloats(n) : GC.AllocateUninitializedArray<float>(n);

    /// <summary>An uninitialised int array of exactly n elements, for an op output that writes every element.</summary>
    public static int[] Ints(int n) => current is { } arena ? arena.RentInts(n) : GC.AllocateUninitializedArray<int>(n);

    /// <summary>Installs this arena on the calling thread until the returned scope is disposed.</summary>
    public Scope Enter()
    {
        var previous = current;
        current = this;
        return new Scope(previous);
    }

    /// <summary>Counts one more live value referring to the tensor's array, if the array came from this arena.</summary>
    public void AddReference(TfjsTensor t)
    {
        var array = Array(t);
        if (array is not null && references.TryGetValue(array, out var count))
        {
            references[array] = count + 1;
        }
    }

    /// <summary>Counts one live value fewer; gives the array back when none is left.</summary>
    public void Release(TfjsTensor t)
    {
        var array = Array(t);
        if (array is null || !references.TryGetValue(array, out var count))
        {
            return;
        }

        if (count > 1)
        {
            references[array] = count - 1;
            return;
        }

        references.Remove(array);
        var bytes = 4L * ((System.Array)array).Length;
        if (freeBytes + bytes > MaxFreeBytes)
        {
            return;
        }

        freeBytes += bytes;
        if (array is float[] f)
        {
            Free(freeFloats, f);
        }
        else if (array is int[] i)
        {
            Free(freeInts, i);
        }
    }

    /// <summary>Forgets the arrays still referenced at the end of a run (they belong to the outputs now).</summary>
    public void EndRun() => references.Clear();

    private static object? Array(TfjsTensor t) => t.DType == TfjsDType.Float32 ? t.Floats : t.Ints;

    private static void Free<T>(Dictionary<int, Stack<T[]>> pool, T[] array)
    {
        if (!pool.TryGetValue(array.Length, out var stack))
        {
            stack = new Stack<T[]>();
            pool[array.Length] = stack;
        }

        stack.Push(array);
    }

    private float[] RentFloats(int n) => Rent(freeFloats, n);

    private int[] RentInts(int n) => Rent(freeInts, n);

    // A free array of exactly n elements from the pool, else a fresh one; either way tracked with no reference yet.
    private T[] Rent<T>(Dictionary<int, Stack<T[]>> pool, int n)
        where T : unmanaged
    {
        T[] a;
        if (pool.TryGetValue(n, out var s) && s.Count > 0)
        {
            a = s.Pop();
            freeBytes -= 4L * n;
        }
        else
        {
            a = GC.AllocateUninitializedArray<T>(n);
        }

        references[a] = 0;
        return a;
    }

    /// <summary>Restores the previously installed arena.</summary>
    public readonly struct Scope(TensorArena? previous) : IDisposable
    {
        /// <summary>Restores the previous arena.</summary>
        public void Dispose() => current = previous;
    }
}
