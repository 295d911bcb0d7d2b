namespace Polypose.Tensors.Memory;

/// <summary>
/// The array behind a tensor and all its views, with its lifetime: owned by the <see cref="TensorScope"/> that was
/// current when it was created (released when that scope ends unless moved out), or by the GC when created outside any
/// scope. Once released, every tensor over it throws <see cref="ObjectDisposedException"/> on data access.
/// </summary>
internal sealed class TensorStorage
{
    [ThreadStatic]
    private static long t_serial;

    private int _released;
    private int _graphPins;

    private TensorStorage(float[]? f, long[]? l, bool[]? b, double[]? d, DType dtype, bool scoped)
    {
        F = f;
        L = l;
        B = b;
        D = d;
        DType = dtype;
        Serial = ++t_serial;
        if (scoped && TensorScope.Current is { } scope)
        {
            scope.Register(this);
        }
    }

    public float[]? F { get; }

    public long[]? L { get; }

    public bool[]? B { get; }

    public double[]? D { get; }

    public DType DType { get; }

    /// <summary>Creation order on the creating thread (the engine frees gradients created during its own sweep).</summary>
    public long Serial { get; }

    /// <summary>Gets the serial the next storage created on this thread will exceed.</summary>
    public static long CurrentSerial => t_serial;

    /// <summary>The scope that will release this storage, or null (GC-owned or pending on a graph).</summary>
    public TensorScope? Owner { get; set; }

    /// <summary>Why the storage was released (null while live).</summary>
    public string? ReleasedBy { get; private set; }

    public bool IsReleased => Volatile.Read(ref _released) != 0;

    /// <summary>Storage over <paramref name="data"/>, owned by the current scope (if any).</summary>
    public static TensorStorage Of(float[] data) => new(data, null, null, null, DType.Float32, true);

    /// <inheritdoc cref="Of(float[])"/>
    public static TensorStorage Of(long[] data) => new(null, data, null, null, DType.Int64, true);

    /// <inheritdoc cref="Of(float[])"/>
    public static TensorStorage Of(bool[] data) => new(null, null, data, null, DType.Bool, true);

    /// <summary>Storage never owned by a scope (leaf gradients, parameters' state).</summary>
    public static TensorStorage Unscoped(float[] data) => new(data, null, null, null, DType.Float32, false);

    /// <inheritdoc cref="Of(float[])"/>
    public static TensorStorage Of(double[] data) => new(null, null, null, data, DType.Float64, true);

    /// <inheritdoc cref="Unscoped(float[])"/>
    public static TensorStorage Unscoped(double[] data) => new(null, null, null, data, DType.Float64, false);

    /// <summary>Defers release while a recorded graph that a kept tensor reaches still needs this storage.</summary>
    public void Pin() => Interlocked.Increment(ref _graphPins);

    public bool IsPinned => Volatile.Read(ref _graphPins) > 0;

    /// <summary>Drops one graph pin; releases the storage when it was the last and no scope owns it any more.</summary>
    public void Unpin(string why)
    {
        if (Interlocked.Decrement(ref _graphPins) == 0 && Owner is null)
        {
            Release(why);
        }
    }

    /// <summary>Marks the storage dead and returns its array to the <see cref="TensorPool"/> (once).</summary>
    public void Release(string why)
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        ReleasedBy = why;
        Owner = null;
        if (F is not null)
        {
            TensorPool.Return(F);
        }
        else if (L is not null)
        {
            TensorPool.Return(L);
        }
        else if (D is not null)
        {
            TensorPool.Return(D);
        }
    }
}
