using Polypose.Tensors.Internal;

namespace Polypose.Tensors.Ops;

/// <summary>Bridges tensors and the span kernels: dense read-only views, fresh outputs and shape checks.</summary>
internal static class ConvData
{
    /// <summary>The elements of <paramref name="t"/> in row-major order (a copy only when it is not contiguous).</summary>
    public static ReadOnlySpan<float> Dense(Tensor t)
    {
        t.RequireFloat("kernel input");
        var c = t.Detach().Contiguous();
        return c.FData.AsSpan(c.Offset, c.Count);
    }

    /// <summary>
    /// A new float tensor and its writable storage, NOT zero-filled: every caller hands it to a kernel that overwrites
    /// all elements (this skips a memset of large outputs).
    /// </summary>
    public static Tensor New(int[] shape, out Span<float> data)
    {
        return Tensor.NewUninitialized(shape, out data);
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the op and both shapes when the rank differs.</summary>
    public static void RequireRank(Tensor t, int rank, string op, string what)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.NDim != rank)
        {
            throw new ArgumentException($"{op}: {what} must be {rank}-d, got shape {Shapes.Format(t.ShapeArray)}", what);
        }
    }
}
