
namespace Polypose.Tensors.Memory;

/// <summary>
/// Process-wide, thread-safe, size-bucketed pool of float32, float64 and int64 tensor storage arrays. Storage released by a
/// <see cref="TensorScope"/> (or by backward freeing a graph) comes back here and is handed to later tensor creations of a
/// similar size. Size classes step by 1/4 octave (16, 20, 24, 28, 32, 40, ...), so a pooled array wastes at most 25%.
/// Retained bytes are bounded by <see cref="MaxRetainedBytes"/>; arrays beyond the bound are left to the GC.
/// Pooled arrays are NOT cleared: factories that promise zeros (<see cref="Tensor.Zeros(int[])"/>) clear them,
/// <see cref="Tensor.Empty"/> and internal op outputs that overwrite every element do not.
/// </summary>
public static class TensorPool
{
    /// <summary>Arrays shorter than this many elements are never pooled (allocated and collected normally).</summary>
    public const int MinPooledLength = 16;

    private const int ClassCount = 27 * 4;
    private static readonly Bucket<float>[] FloatBuckets = CreateBuckets<float>();
    private static readonly Bucket<long>[] LongBuckets = CreateBuckets<long>();
    private static readonly Bucket<double>[] DoubleBuckets = CreateBuckets<double>();
    private static long s_retainedBytes;
    private static long s_rents;
    private static long s_hits;
    private static long s_maxRetainedBytes = 512L << 20;

    /// <summary>
    /// Gets or sets a value indicating whether uninitialised rents are filled with NaN (debug aid that exposes ops reading
    /// memory they did not write; also enabled by the environment variable POLYPOSE_POOL_POISON=1).
    /// </summary>
    public static bool PoisonUninitialized { get; set; } = Environment.GetEnvironmentVariable("POLYPOSE_POOL_POISON") == "1";

    /// <summary>
    /// Gets or sets the value <see cref="PoisonUninitialized"/> fills float and double rents with (default NaN; a finite
    /// value exposes reads of unwritten memory that NaN-ignoring code, e.g. a SIMD max, would hide).
    /// </summary>
    public static float PoisonValue { get; set; } = float.NaN;

    /// <summary>Gets or sets the most bytes the pool keeps (default 512 MiB); 0 disables pooling.</summary>
    public static long MaxRetainedBytes
    {
        get => Interlocked.Read(ref s_maxRetainedBytes);
        set => Interlocked.Exchange(ref s_maxRetainedBytes, Math.Max(0, value));
    }

    /// <summary>Gets the bytes currently held by the pool (free arrays waiting for reuse).</summary>
    public static long RetainedBytes => Interlocked.Read(ref s_retainedBytes);

    /// <summary>Gets the number of rent requests served so far (pooled sizes only).</summary>
    public static long Rents => Interlocked.Read(ref s_rents);

    /// <summary>Gets how many rent requests were served by a recycled array.</summary>
    public static long Hits => Interlocked.Read(ref s_hits);

    /// <summary>Drops every pooled array (the GC reclaims them).</summary>
    public static void Clear()
    {
        ClearBuckets(FloatBuckets, sizeof(float));
        ClearBuckets(LongBuckets, sizeof(long));
        ClearBuckets(DoubleBuckets, sizeof(double));
    }

    /// <summary>An uninitialised float array of at least <paramref name="length"/> elements.</summary>
    internal static float[] RentFloat(int length)
    {
        var a = Rent(FloatBuckets, length, sizeof(float));
        if (PoisonUninitialized)
        {
            a.AsSpan().Fill(PoisonValue);
        }

        return a;
    }

    /// <summary>An uninitialised long array of at least <paramref name="length"/> elements.</summary>
    internal static long[] RentLong(int length)
    {
        var a = Rent(LongBuckets, length, sizeof(long));
        if (PoisonUninitialized)
        {
            a.AsSpan().Fill(long.MinValue);
        }

        return a;
    }

    /// <summary>An uninitialised double array of at least <paramref name="length"/> elements.</summary>
    internal static double[] RentDouble(int length)
    {
        var a = Rent(DoubleBuckets, length, sizeof(double));
        if (PoisonUninitialized)
        {
            a.AsSpan().Fill(PoisonValue);
        }

        return a;
    }

    /// <summary>Gives an array back; it must no longer be reachable through any live tensor.</summary>
    internal static void Return(double[] array) => Return(DoubleBuckets, array, sizeof(double));

    /// <summary>Gives an array back; it must no longer be reachable through any live tensor.</summary>
    internal static void Return(float[] array) => Return(FloatBuckets, array, sizeof(float));

    /// <summary>Gives an array back; it must no longer be reachable through any live tensor.</summary>
    internal static void Return(long[] array) => Return(LongBuckets, array, sizeof(long));

    /// <summary>Index of the smallest class whose size is ≥ <paramref name="length"/>.</summary>
    internal static int ClassUp(int length)
    {
        if (length <= MinPooledLength)
        {
            return 0;
        }

        var e = BitOperations.Log2((uint)length);
        var b = 1 << e;
        var j = (int)((((long)(length - b) * 4) + b - 1) / b);
        if (j == 4)
        {
            e++;
            j = 0;
        }

        return ((e - 4) * 4) + j;
    }

    /// <summary>Index of the largest class whose size is ≤ <paramref name="length"/>, or -1 below the smallest.</summary>
    internal static int ClassDown(int length)
    {
        if (length < MinPooledLength)
        {
            return -1;
        }

        var e = BitOperations.Log2((uint)length);
        var b = 1 << e;
        var j = (int)((long)(length - b) * 4 / b);
        return ((e - 4) * 4) + j;
    }

    /// <summary>Element count of size class <paramref name="index"/>.</summary>
    internal static long ClassSize(int index) => (1L << ((index / 4) + 4)) * (4 + (index % 4)) / 4;

    private static T[] Rent<T>(Bucket<T>[] buckets, int length, int elementSize)
    {
        if (length < MinPooledLength)
        {
            return length == 0 ? [] : GC.AllocateUninitializedArray<T>(length);
        }

        Interlocked.Increment(ref s_rents);
        var c = ClassUp(length);
        if (c < ClassCount)
        {
            var bucket = buckets[c];
            lock (bucket)
            {
                if (bucket.Items.Count > 0)
                {
                    var a = bucket.Items.Pop();
                    Interlocked.Add(ref s_retainedBytes, -(long)a.Length * elementSize);
                    Interlocked.Increment(ref s_hits);
                    return a;
                }
            }
        }

        var size = ClassSize(c);
        return GC.AllocateUninitializedArray<T>(size <= Array.MaxLength ? (int)size : length);
    }

    private static void Return<T>(Bucket<T>[] buckets, T[] array, int elementSize)
    {
        var c = ClassDown(array.Length);
        if (c < 0 || c >= ClassCount)
        {
            return;
        }

        var bytes = (long)array.Length * elementSize;
        if (Interlocked.Add(ref s_retainedBytes, bytes) > MaxRetainedBytes)
        {
            Interlocked.Add(ref s_retainedBytes, -bytes);
            return;
        }

        var bucket = buckets[c];
        lock (bucket)
        {
            bucket.Items.Push(array);
        }
    }

    private static Bucket<T>[] CreateBuckets<T>()
    {
        var b = new Bucket<T>[ClassCount];
        for (var i = 0; i < b.Length; i++)
        {
            b[i] = new Bucket<T>();
        }

        return b;
    }

    private static void ClearBuckets<T>(Bucket<T>[] buckets, int elementSize)
    {
        foreach (var bucket in buckets)
        {
            lock (bucket)
            {
                while (bucket.Items.TryPop(out var a))
                {
                    Interlocked.Add(ref s_retainedBytes, -(long)a.Length * elementSize);
                }
            }
        }
    }

    private sealed class Bucket<T>
    {
        public Stack<T[]> Items { get; } = new();
    }
}
