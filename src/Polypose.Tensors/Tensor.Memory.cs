using Polypose.Tensors.Internal;
using Polypose.Tensors.Memory;

namespace Polypose.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Opens a storage scope on this thread (PyTorch-like deterministic freeing, see <see cref="TensorScope"/>): storage
    /// of every tensor created until the scope is disposed goes back to the <see cref="TensorPool"/> at disposal, unless
    /// moved out with <see cref="TensorScope.Keep"/> or <see cref="MoveToOuterScope"/>.
    /// </summary>
    public static TensorScope Scope() => new();

    /// <summary>
    /// A float32 tensor whose elements are UNINITIALISED (PyTorch <c>torch.empty</c>): it may reuse a pooled buffer holding
    /// old values. Use it only when every element is written before being read; <see cref="Zeros(int[])"/> clears.
    /// </summary>
    public static Tensor Empty(params int[] shape) => NewUninitialized((int[])CheckShape(shape).Clone(), out _);

    /// <summary>Gets a value indicating whether this tensor's storage was returned to the pool (any data access throws).</summary>
    public bool IsReleased => Store.IsReleased;

    /// <summary>
    /// Moves this tensor's storage out of the innermost <see cref="TensorScope"/> to the enclosing one (or to the GC), so it
    /// stays valid after the scope ends. Returns this tensor. No effect outside scopes.
    /// </summary>
    public Tensor MoveToOuterScope() => TensorScope.Current is { } scope ? scope.Keep(this) : this;

    /// <summary>Float storage; throws <see cref="ObjectDisposedException"/> once released.</summary>
    internal float[]? FData => Live(Store.F);

    /// <summary>Float64 storage; throws <see cref="ObjectDisposedException"/> once released.</summary>
    internal double[]? DData => Live(Store.D);

    /// <summary>Int64 storage; throws <see cref="ObjectDisposedException"/> once released.</summary>
    internal long[]? LData => Live(Store.L);

    /// <summary>Bool storage; throws <see cref="ObjectDisposedException"/> once released.</summary>
    internal bool[]? BData => Live(Store.B);

    /// <summary>A float32 tensor over a pooled, UNINITIALISED buffer, and its exact-length span (callers overwrite all).</summary>
    internal static Tensor NewUninitialized(int[] shape, out Span<float> data)
    {
        var n = Shapes.NumEl(shape);
        var array = TensorPool.RentFloat(n);
        data = array.AsSpan(0, n);
        return new Tensor(TensorStorage.Of(array), shape);
    }

    /// <summary>A float32 tensor over a pooled buffer cleared to zero, and its exact-length span.</summary>
    internal static Tensor NewZeroed(int[] shape, out Span<float> data)
    {
        var t = NewUninitialized(shape, out data);
        data.Clear();
        return t;
    }

    /// <summary>An int64 tensor over a pooled, UNINITIALISED buffer, and its exact-length span.</summary>
    internal static Tensor NewUninitializedInt64(int[] shape, out Span<long> data)
    {
        var n = Shapes.NumEl(shape);
        var array = TensorPool.RentLong(n);
        data = array.AsSpan(0, n);
        return new Tensor(TensorStorage.Of(array), shape);
    }

    /// <summary>Returns <paramref name="array"/> (this tensor's storage array) unless the storage was released.</summary>
    private TArray? Live<TArray>(TArray? array)
        where TArray : class
    {
        if (Store.IsReleased)
        {
            ThrowReleased("data access");
        }

        return array;
    }

    private void ThrowReleased(string op)
    {
        var producer = GradFn?.Name ?? "a leaf or no-grad op";
        throw new ObjectDisposedException(
            nameof(Tensor),
            $"{op}: tensor of shape {Shapes.Format(ShapeArray)} (produced by {producer}) was released ({Store.ReleasedBy ?? "storage returned to the pool"}); keep it with scope.Keep(t) or t.MoveToOuterScope() to use it after its scope");
    }
}
