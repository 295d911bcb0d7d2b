using System.Runtime.CompilerServices;
using Polypose.Tensors.Internal;
using Polypose.Tensors.Memory;

namespace Polypose.Tensors;

/// <summary>
/// Generic access to floating-point storage, so one op body serves float32 (<c>T = float</c>) and float64
/// (<c>T = double</c>); the JIT specialises each instantiation, so the float32 path pays nothing for it.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>Gets a value indicating whether the dtype is float32 or float64 (PyTorch <c>is_floating_point()</c>).</summary>
    public bool IsFloatingPoint => DType is DType.Float32 or DType.Float64;

    /// <summary>The storage array as <typeparamref name="T"/>[] (callers dispatch on <see cref="DType"/> first).</summary>
    internal T[] DataOf<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Unsafe.As<T[]>(FData!);
        }

        return Unsafe.As<T[]>(DData!);
    }

    /// <summary>Read-only span over a contiguous tensor, or a dense copy for views.</summary>
    internal ReadOnlySpan<T> ReadSpan<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return System.Runtime.InteropServices.MemoryMarshal.Cast<float, T>(ReadSpan());
        }

        var source = DataOf<T>();
        if (IsContiguous)
        {
            return source.AsSpan(Offset, Count);
        }

        NewUninitialized<T>((int[])ShapeArray.Clone(), out var dense);
        Strided.Gather(source, Offset, ShapeArray, StrideArray, dense);
        return dense;
    }

    /// <summary>The elements in row-major order as a new array of <typeparamref name="T"/>.</summary>
    internal T[] ToArrayOf<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = new T[Count];
        Strided.Gather(DataOf<T>(), Offset, ShapeArray, StrideArray, r);
        return r;
    }

    /// <summary>A tensor over a pooled, UNINITIALISED <typeparamref name="T"/> buffer and its exact-length span.</summary>
    internal static Tensor NewUninitialized<T>(int[] shape, out Span<T> data)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            var t = NewUninitialized(shape, out var f);
            data = MemoryMarshalCast<T>(f);
            return t;
        }

        var n = Shapes.NumEl(shape);
        var array = TensorPool.RentDouble(n);
        data = Unsafe.As<T[]>(array).AsSpan(0, n);
        return new Tensor(TensorStorage.Of(array), shape);
    }

    /// <summary>A tensor over a pooled buffer cleared to zero.</summary>
    internal static Tensor NewZeroed<T>(int[] shape, out Span<T> data)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = NewUninitialized(shape, out data);
        data.Clear();
        return t;
    }

    /// <summary>A tensor owning <paramref name="data"/> (no copy).</summary>
    internal static Tensor Over<T>(T[] data, int[] shape)
        where T : unmanaged, IFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? new Tensor(Unsafe.As<float[]>(data), shape) : new Tensor(Unsafe.As<double[]>(data), shape);

    /// <summary>The floating dtype of <typeparamref name="T"/>.</summary>
    internal static DType DTypeOf<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? DType.Float32 : DType.Float64;

    /// <summary>Throws unless this tensor is float32 or float64.</summary>
    internal void RequireFloating(string op)
    {
        if (Store.IsReleased)
        {
            ThrowReleased(op);
        }

        if (!IsFloatingPoint)
        {
            throw new InvalidOperationException($"{op} expects a float32 or float64 tensor, got {DType}");
        }
    }

    /// <summary>Throws a clear error when two operands of <paramref name="op"/> have different dtypes.</summary>
    internal static void RequireSameDType(Tensor a, Tensor b, string op)
    {
        a.RequireFloating(op);
        b.RequireFloating(op);
        if (a.DType != b.DType)
        {
            throw new InvalidOperationException($"{op}: dtype mismatch, {a.DType} and {b.DType} (convert one with To(DType.{a.DType}) or To(DType.{b.DType}))");
        }
    }

    private static Span<T> MemoryMarshalCast<T>(Span<float> f)
        where T : unmanaged
        => System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref Unsafe.As<float, T>(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(f)), f.Length);
}
