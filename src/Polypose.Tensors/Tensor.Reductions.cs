using System.Numerics.Tensors;
using Polypose.Tensors.Autograd;
using Polypose.Tensors.Internal;

namespace Polypose.Tensors;

public sealed partial class Tensor
{
    /// <summary>Sum of all elements as a 0-d tensor (PyTorch <c>torch.sum</c>).</summary>
    public Tensor Sum() => DType == DType.Float64 ? SumOf<double>() : SumOf<float>();

    /// <summary>Sum over <paramref name="dim"/> (PyTorch <c>torch.sum(dim, keepdim)</c>).</summary>
    public Tensor Sum(int dim, bool keepDim = false) => Sum([dim], keepDim);

    /// <summary>Sum over several dims (negative allowed); an empty list sums everything.</summary>
    public Tensor Sum(int[] dims, bool keepDim = false) => DType == DType.Float64 ? SumOf<double>(dims, keepDim) : SumOf<float>(dims, keepDim);

    private Tensor SumOf<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireFloating(nameof(Sum));
        var r = Over<T>([TensorPrimitives.Sum(ReadSpan<T>())], []);
        var shape = ShapeArray;
        return OpNode.Record(r, "Sum", this, g => g.Expand(shape));
    }

    private Tensor SumOf<T>(int[] dims, bool keepDim)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireFloating(nameof(Sum));
        var reduce = ReduceMask(dims);
        var keptShape = KeptShape(reduce);
        var data = ReadSpan<T>();
        var shape = (int[])ShapeArray.Clone();
        Tensor? r = null;
        for (var d = NDim - 1; d >= 0; d--)
        {
            if (reduce[d])
            {
                var next = (int[])shape.Clone();
                next[d] = 1;
                var step = NewUninitialized<T>(next, out var result);
                SumOneDim(data, shape, d, result);
                data = result;
                shape = next;
                r = step;
            }
        }

        if (r is null)
        {
            r = NewUninitialized<T>(shape, out var copy);
            data.CopyTo(copy);
        }

        r = r.WithLayout(keepDim ? keptShape : DroppedShape(reduce), Shapes.ContiguousStrides(keepDim ? keptShape : DroppedShape(reduce)), 0);
        var inShape = ShapeArray;
        return OpNode.Record(r, "SumDim", this, g => g.Reshape(keptShape).Expand(inShape));
    }

    /// <summary>Mean of all elements (PyTorch <c>torch.mean</c>); 0 for an empty tensor.</summary>
    public Tensor Mean() => Sum().Div(Math.Max(Count, 1));

    /// <summary>Mean over <paramref name="dim"/>.</summary>
    public Tensor Mean(int dim, bool keepDim = false) => Mean([dim], keepDim);

    /// <summary>Mean over several dims.</summary>
    public Tensor Mean(int[] dims, bool keepDim = false)
    {
        var reduce = ReduceMask(dims);
        var n = 1;
        for (var d = 0; d < NDim; d++)
        {
            n *= reduce[d] ? ShapeArray[d] : 1;
        }

        return Sum(dims, keepDim).Div(Math.Max(n, 1));
    }

    /// <summary>
    /// Variance over <paramref name="dims"/> with Bessel-style <paramref name="correction"/> (1 = unbiased), PyTorch
    /// <c>torch.var</c>. The divisor is clamped to at least 1, so a single sample gives 0 rather than NaN.
    /// </summary>
    public Tensor Var(int[] dims, int correction = 1, bool keepDim = false)
    {
        var reduce = ReduceMask(dims);
        var n = 1;
        for (var d = 0; d < NDim; d++)
        {
            n *= reduce[d] ? ShapeArray[d] : 1;
        }

        var centered = Sub(Mean(dims, keepDim: true));
        return centered.Mul(centered).Sum(dims, keepDim).Div(Math.Max(n - correction, 1));
    }

    /// <summary>Variance over one dim.</summary>
    public Tensor Var(int dim, int correction = 1, bool keepDim = false) => Var([dim], correction, keepDim);

    /// <summary>Unbiased variance of all elements (use <c>Var([], correction: 0)</c> for the biased one).</summary>
    public Tensor Var() => Var([], 1);

    /// <summary>Maximum of all elements (gradient goes to the first maximum); PyTorch <c>torch.max()</c>.</summary>
    public Tensor Max() => Flatten().Max(0).Values;

    /// <summary>Minimum of all elements (gradient goes to the first minimum); PyTorch <c>torch.min()</c>.</summary>
    public Tensor Min() => Flatten().Min(0).Values;

    /// <summary>Maximum over <paramref name="dim"/> with the int64 index of the first maximum (PyTorch <c>torch.max(dim)</c>).</summary>
    public (Tensor Values, Tensor Indices) Max(int dim, bool keepDim = false) => ArgReduce(dim, keepDim, true);

    /// <summary>Minimum over <paramref name="dim"/> with the int64 index of the first minimum (PyTorch <c>torch.min(dim)</c>).</summary>
    public (Tensor Values, Tensor Indices) Min(int dim, bool keepDim = false) => ArgReduce(dim, keepDim, false);

    /// <summary>Int64 index of the first maximum along <paramref name="dim"/>; not differentiable.</summary>
    public Tensor Argmax(int dim, bool keepDim = false) => ArgReduce(dim, keepDim, true).Indices;

    /// <summary>Flat int64 index of the first maximum of all elements (0-d).</summary>
    public Tensor Argmax() => Flatten().Argmax(0);

    /// <summary>Int64 index of the first minimum along <paramref name="dim"/>; not differentiable.</summary>
    public Tensor Argmin(int dim, bool keepDim = false) => ArgReduce(dim, keepDim, false).Indices;

    private (Tensor Values, Tensor Indices) ArgReduce(int dim, bool keepDim, bool max)
        => DType == DType.Float64 ? ArgReduce<double>(dim, keepDim, max) : ArgReduce<float>(dim, keepDim, max);

    private (Tensor Values, Tensor Indices) ArgReduce<T>(int dim, bool keepDim, bool max)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireFloat(max ? "Max" : "Min", DTypeOf<T>());
        var d = Shapes.NormalizeDim(dim, NDim);
        var (outer, size, inner) = Shapes.SplitAt(ShapeArray, d);
        if (size == 0)
        {
            throw new ArgumentException($"cannot reduce over a zero-size dimension {d} of shape {Shapes.Format(ShapeArray)}", nameof(dim));
        }

        var x = ReadSpan<T>();
        var values = new T[outer * inner];
        var indices = new long[outer * inner];
        for (var o = 0; o < outer; o++)
        {
            if (inner == 1)
            {
                var row = x.Slice(o * size, size);
                var k = max ? TensorPrimitives.IndexOfMax(row) : TensorPrimitives.IndexOfMin(row);
                values[o] = row[k];
                indices[o] = k;
                continue;
            }

            var baseIdx = o * size * inner;
            x.Slice(baseIdx, inner).CopyTo(values.AsSpan(o * inner, inner));
            for (var s = 1; s < size; s++)
            {
                var at = baseIdx + (s * inner);
                for (var i = 0; i < inner; i++)
                {
                    var v = x[at + i];
                    ref var best = ref values[(o * inner) + i];
                    if (max ? v > best || (T.IsNaN(v) && !T.IsNaN(best)) : v < best || (T.IsNaN(v) && !T.IsNaN(best)))
                    {
                        best = v;
                        indices[(o * inner) + i] = s;
                    }
                }
            }
        }

        var reduce = new bool[NDim];
        if (NDim > 0)
        {
            reduce[d] = true;
        }

        var outShape = keepDim ? KeptShape(reduce) : DroppedShape(reduce);
        var vt = Over(values, outShape);
        var it = new Tensor(indices, (int[])outShape.Clone());
        var inShape = ShapeArray;
        OpNode.Record(vt, max ? "Max" : "Min", this, g =>
        {
            var gd = g.ReadSpan<T>();
            var grad = new T[outer * size * inner];
            for (var o = 0; o < outer; o++)
            {
                for (var i = 0; i < inner; i++)
                {
                    var j = (o * inner) + i;
                    grad[(((o * size) + (int)indices[j]) * inner) + i] += gd[j];
                }
            }

            return Over(grad, inShape);
        });
        return (vt, it);
    }

    private static void SumOneDim<T>(ReadOnlySpan<T> data, int[] shape, int dim, Span<T> result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (outer, size, inner) = Shapes.SplitAt(shape, dim);
        result.Clear();
        for (var o = 0; o < outer; o++)
        {
            if (inner == 1)
            {
                result[o] = TensorPrimitives.Sum(data.Slice(o * size, size));
                continue;
            }

            var dst = result.Slice(o * inner, inner);
            for (var s = 0; s < size; s++)
            {
                TensorPrimitives.Add(dst, data.Slice(((o * size) + s) * inner, inner), dst);
            }
        }
    }

    private bool[] ReduceMask(int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        var mask = new bool[NDim];
        if (dims.Length == 0)
        {
            Array.Fill(mask, true);
            return mask;
        }

        foreach (var dim in dims)
        {
            if (NDim == 0)
            {
                Shapes.NormalizeDim(dim, 0, nameof(dims));
                continue;
            }

            var d = Shapes.NormalizeDim(dim, NDim, nameof(dims));
            if (mask[d])
            {
                throw new ArgumentException($"dim {d} appears multiple times in the list of dims", nameof(dims));
            }

            mask[d] = true;
        }

        return mask;
    }

    private int[] KeptShape(bool[] reduce)
    {
        var s = (int[])ShapeArray.Clone();
        for (var d = 0; d < s.Length; d++)
        {
            if (reduce[d])
            {
                s[d] = 1;
            }
        }

        return s;
    }

    private int[] DroppedShape(bool[] reduce)
    {
        var s = new List<int>();
        for (var d = 0; d < NDim; d++)
        {
            if (!reduce[d])
            {
                s.Add(ShapeArray[d]);
            }
        }

        return [.. s];
    }
}
