using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Polypose.Tensors.Autograd;
using Polypose.Tensors.Internal;

namespace Polypose.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Segment sum over dim 0: out[s] = Σ_{i: segment[i] = s} this[i]; this is [N, ...], <paramref name="segment"/> an
    /// int64 [N] with values in [0, numSegments); output [numSegments, ...], empty segments are 0
    /// (torch_scatter <c>scatter_sum</c>). Building block of hypergraph message passing.
    /// </summary>
    public Tensor SegmentSum(Tensor segment, int numSegments)
    {
        CheckSegments(segment, numSegments);
        var shape = (int[])ShapeArray.Clone();
        shape[0] = numSegments;
        if (!GradMode.ShouldRecord(this))
        {
            // Forward only: accumulate straight into one zeroed output (IndexAdd would copy the zeros first); same
            // additions in the same order.
            return DType == DType.Float64 ? SegmentSumInto<double>(segment, shape) : SegmentSumInto<float>(segment, shape);
        }

        return Zeros(DType, shape).IndexAdd(0, segment, this);
    }

    private Tensor SegmentSumInto<T>(Tensor segment, int[] shape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var idx = IndexKernels.ReadIndex(segment, nameof(SegmentSum));
        var (_, n, inner) = Shapes.SplitAt(ShapeArray, 0);
        var x = ReadSpan<T>();
        var result = NewUninitialized<T>(shape, out var dst);
        dst.Clear();
        if (inner == 1)
        {
            for (var i = 0; i < n; i++)
            {
                dst[(int)idx[i]] += x[i];
            }

            return result;
        }

        for (var i = 0; i < n; i++)
        {
            var acc = dst.Slice((int)idx[i] * inner, inner);
            System.Numerics.Tensors.TensorPrimitives.Add(acc, x.Slice(i * inner, inner), acc);
        }

        return result;
    }

    /// <summary>Segment mean over dim 0 (empty segments give 0); see <see cref="SegmentSum"/>.</summary>
    public Tensor SegmentMean(Tensor segment, int numSegments)
    {
        var counts = SegmentCounts(segment, numSegments);
        var shape = new int[NDim];
        Array.Fill(shape, 1);
        shape[0] = numSegments;
        return SegmentSum(segment, numSegments).Div(counts.Clamp(min: 1f).Reshape(shape).To(DType));
    }

    /// <summary>
    /// Segment maximum over dim 0; empty segments give 0 (not -inf). The gradient goes to the first maximal row of each
    /// segment (torch_scatter <c>scatter_max</c>).
    /// </summary>
    public Tensor SegmentMax(Tensor segment, int numSegments)
        => DType == DType.Float64 ? SegmentMaxOf<double>(segment, numSegments) : SegmentMaxOf<float>(segment, numSegments);

    private Tensor SegmentMaxOf<T>(Tensor segment, int numSegments)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSegments(segment, numSegments);
        var idx = IndexKernels.ReadIndex(segment, nameof(SegmentMax));
        var (_, n, inner) = Shapes.SplitAt(ShapeArray, 0);
        var x = ReadSpan<T>();
        var shape = (int[])ShapeArray.Clone();
        shape[0] = numSegments;
        var result = NewUninitialized<T>(shape, out var values);
        values.Clear();
        if (!GradMode.ShouldRecord(this))
        {
            // Forward only: whole rows at a time, out = v > out ? v : out (the rule of the recorded path below, which
            // also keeps each segment's first row), SIMD across the row. A segment's first row is copied.
            var seen = numSegments <= 1024 ? stackalloc bool[numSegments] : new bool[numSegments];
            seen.Clear();
            for (var i = 0; i < n; i++)
            {
                var s = (int)idx[i];
                var row = x.Slice(i * inner, inner);
                var acc = values.Slice(s * inner, inner);
                if (!seen[s])
                {
                    seen[s] = true;
                    row.CopyTo(acc);
                }
                else
                {
                    GreaterOrKeep(row, acc);
                }
            }

            return result;
        }

        var arg = new int[numSegments * inner];
        Array.Fill(arg, -1);
        for (var i = 0; i < n; i++)
        {
            var s = (int)idx[i];
            for (var k = 0; k < inner; k++)
            {
                var v = x[(i * inner) + k];
                var o = (s * inner) + k;
                if (arg[o] < 0 || v > values[o])
                {
                    values[o] = v;
                    arg[o] = i;
                }
            }
        }

        var inShape = ShapeArray;
        return OpNode.Record(result, "SegmentMax", this, g =>
        {
            var gd = g.ReadSpan<T>();
            var grad = new T[n * inner];
            for (var o = 0; o < arg.Length; o++)
            {
                if (arg[o] >= 0)
                {
                    grad[(arg[o] * inner) + (o % inner)] += gd[o];
                }
            }

            return Over(grad, inShape);
        });
    }

    // acc[k] = row[k] > acc[k] ? row[k] : acc[k] (a NaN in row is skipped, a NaN in acc stays), vectorised.
    private static void GreaterOrKeep<T>(ReadOnlySpan<T> row, Span<T> acc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var k = 0;
        if (Vector256.IsHardwareAccelerated && row.Length >= Vector256<T>.Count)
        {
            ref var r0 = ref MemoryMarshal.GetReference(row);
            ref var a0 = ref MemoryMarshal.GetReference(acc);
            for (; k <= row.Length - Vector256<T>.Count; k += Vector256<T>.Count)
            {
                var v = Vector256.LoadUnsafe(ref r0, (nuint)k);
                var a = Vector256.LoadUnsafe(ref a0, (nuint)k);
                Vector256.ConditionalSelect(Vector256.GreaterThan(v, a), v, a).StoreUnsafe(ref a0, (nuint)k);
            }
        }

        for (; k < row.Length; k++)
        {
            if (row[k] > acc[k])
            {
                acc[k] = row[k];
            }
        }
    }

    /// <summary>
    /// Softmax within each segment over dim 0: exp(x_i - max_s) / Σ_{j in s} exp(x_j - max_s) (torch_geometric
    /// <c>softmax(src, index)</c>); composed from primitives, so it is differentiable.
    /// </summary>
    public Tensor SegmentSoftmax(Tensor segment, int numSegments)
    {
        if (!GradMode.ShouldRecord(this))
        {
            return DType == DType.Float64 ? SegmentSoftmaxForward<double>(segment, numSegments) : SegmentSoftmaxForward<float>(segment, numSegments);
        }

        var max = SegmentMax(segment, numSegments).Detach();
        var e = Sub(max.IndexSelect(0, segment)).Exp();
        var denom = e.SegmentSum(segment, numSegments).IndexSelect(0, segment);
        return e.Div(denom);
    }

    // The forward of SegmentSoftmax in one output buffer and two scratch ones: the composed ops' per-element operations
    // in their order (segment max, subtract, exp, segment sum in row order, divide), so the values are the same.
    private Tensor SegmentSoftmaxForward<T>(Tensor segment, int numSegments)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var max = SegmentMax(segment, numSegments);
        var idx = IndexKernels.ReadIndex(segment, nameof(SegmentSoftmax));
        var (_, n, inner) = Shapes.SplitAt(ShapeArray, 0);
        var x = ReadSpan<T>();
        var m = max.ReadSpan<T>();
        var result = NewUninitialized<T>((int[])ShapeArray.Clone(), out var e);
        for (var i = 0; i < n; i++)
        {
            var s = (int)idx[i] * inner;
            System.Numerics.Tensors.TensorPrimitives.Subtract(x.Slice(i * inner, inner), m.Slice(s, inner), e.Slice(i * inner, inner));
        }

        System.Numerics.Tensors.TensorPrimitives.Exp(e, e);
        _ = NewUninitialized<T>((int[])max.ShapeArray.Clone(), out var sum);
        sum.Clear();
        for (var i = 0; i < n; i++)
        {
            var acc = sum.Slice((int)idx[i] * inner, inner);
            System.Numerics.Tensors.TensorPrimitives.Add(acc, e.Slice(i * inner, inner), acc);
        }

        for (var i = 0; i < n; i++)
        {
            var row = e.Slice(i * inner, inner);
            System.Numerics.Tensors.TensorPrimitives.Divide(row, sum.Slice((int)idx[i] * inner, inner), row);
        }

        return result;
    }

    /// <summary>Log-sum-exp within each segment over dim 0; empty segments give 0. Differentiable.</summary>
    public Tensor SegmentLogSumExp(Tensor segment, int numSegments)
    {
        var max = SegmentMax(segment, numSegments).Detach();
        var sum = Sub(max.IndexSelect(0, segment)).Exp().SegmentSum(segment, numSegments);
        var shape = new int[NDim];
        Array.Fill(shape, 1);
        shape[0] = numSegments;
        var empty = SegmentCounts(segment, numSegments).Eq(0f).Reshape(shape);
        return Where(empty, 1f, sum).Log().Add(max);
    }

    /// <summary>Number of rows in each segment as a float32 [numSegments] tensor.</summary>
    public static Tensor SegmentCounts(Tensor segment, int numSegments)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var idx = IndexKernels.ReadIndex(segment, nameof(SegmentCounts));
        var c = new float[numSegments];
        foreach (var s in idx)
        {
            c[IndexKernels.Check(s, numSegments, nameof(SegmentCounts), 0)] += 1f;
        }

        return new Tensor(c, [numSegments]);
    }

    private void CheckSegments(Tensor segment, int numSegments)
    {
        RequireFloating("segment op");
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentOutOfRangeException.ThrowIfNegative(numSegments);
        if (NDim == 0 || segment.NDim != 1 || segment.ShapeArray[0] != ShapeArray[0])
        {
            throw new ArgumentException($"segment index must be 1-d with one entry per row: data {Shapes.Format(ShapeArray)}, segment {Shapes.Format(segment.ShapeArray)}", nameof(segment));
        }

        foreach (var s in IndexKernels.ReadIndex(segment, "segment op"))
        {
            if (s < 0 || s >= numSegments)
            {
                throw new ArgumentOutOfRangeException(nameof(segment), s, $"segment id {s} is outside [0, {numSegments})");
            }
        }
    }
}
