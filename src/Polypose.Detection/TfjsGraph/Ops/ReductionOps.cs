namespace Polypose.Detection.TfjsGraph.Ops;

/// <summary>Reductions, arg-max, top-k and gathers of a TF.js graph (TensorFlow semantics).</summary>
public static class ReductionOps
{
    /// <summary>Sum or max over the given axes (float32 or int32).</summary>
    public static TfjsTensor Reduce(TfjsTensor x, int[] axes, bool keepDims, bool max)
    {
        var reduce = new bool[x.Rank];
        foreach (var a in axes)
        {
            reduce[ShapeOps.Axis(a, x.Rank)] = true;
        }

        var kept = x.Shape.Select((d, i) => reduce[i] ? 1 : d).ToArray();
        var n = TfjsTensor.ElementCount(kept);
        var shape = keepDims ? kept : x.Shape.Where((_, i) => !reduce[i]).ToArray();
        if (max && x.DType == TfjsDType.Float32 && ContiguousAxes(reduce, out var first, out var last))
        {
            return TfjsTensor.FromFloats(shape, MaxOverBlock(x, first, last, n));
        }

        var acc = new double[n];
        if (max)
        {
            Array.Fill(acc, double.NegativeInfinity);
        }

        var outStrides = ShapeOps.Strides(kept);
        var counter = new int[x.Rank];
        for (var i = 0; i < x.Length; i++)
        {
            var o = 0;
            for (var d = 0; d < x.Rank; d++)
            {
                o += reduce[d] ? 0 : counter[d] * outStrides[d];
            }

            var v = x.Get(i);
            acc[o] = max ? Math.Max(acc[o], v) : acc[o] + v;
            for (var d = x.Rank - 1; d >= 0; d--)
            {
                if (++counter[d] < x.Shape[d])
                {
                    break;
                }

                counter[d] = 0;
            }
        }

        if (x.DType == TfjsDType.Float32)
        {
            return TfjsTensor.FromFloats(shape, [.. acc.Select(v => (float)v)]);
        }

        return TfjsTensor.FromInts(shape, [.. acc.Select(v => (int)v)]);
    }

    /// <summary>Index of the first maximum along <paramref name="axis"/> (int32, the axis removed).</summary>
    public static TfjsTensor ArgMax(TfjsTensor x, int axis)
    {
        var k = ShapeOps.Axis(axis, x.Rank);
        var (outer, size, inner) = Split(x.Shape, k);
        var r = TensorArena.Ints(outer * inner);
        if (x.DType == TfjsDType.Float32)
        {
            ArgMaxFloat(x.Floats, outer, size, inner, r);
            return TfjsTensor.FromInts([.. x.Shape.Where((_, d) => d != k)], r);
        }

        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                var best = 0;
                var bestValue = double.NegativeInfinity;
                for (var j = 0; j < size; j++)
                {
                    var v = x.Get((((o * size) + j) * inner) + i);
                    if (v > bestValue || (j == 0 && double.IsNaN(bestValue)))
                    {
                        bestValue = v;
                        best = j;
                    }
                }

                r[(o * inner) + i] = best;
            }
        }

        return TfjsTensor.FromInts([.. x.Shape.Where((_, d) => d != k)], r);
    }

    // True when the reduced axes are one run first..last of adjacent axes (at least one).
    private static bool ContiguousAxes(bool[] reduce, out int first, out int last)
    {
        first = Array.IndexOf(reduce, true);
        last = Array.LastIndexOf(reduce, true);
        if (first < 0)
        {
            return false;
        }

        for (var d = first; d <= last; d++)
        {
            if (!reduce[d])
            {
                return false;
            }
        }

        return true;
    }

    // Max of float32 x viewed as [outer, size, inner] over the middle block (axes first..last); NaN propagates,
    // as Math.Max does on the general path.
    private static float[] MaxOverBlock(TfjsTensor x, int first, int last, int n)
    {
        int outer = 1, size = 1, inner = 1;
        for (var d = 0; d < x.Rank; d++)
        {
            if (d < first)
            {
                outer *= x.Shape[d];
            }
            else if (d <= last)
            {
                size *= x.Shape[d];
            }
            else
            {
                inner *= x.Shape[d];
            }
        }

        var y = TensorArena.Floats(n);
        var src = x.Floats;
        for (var o = 0; o < outer; o++)
        {
            var dst = y.AsSpan(o * inner, inner);
            dst.Fill(float.NegativeInfinity);
            for (var j = 0; j < size; j++)
            {
                var row = src.AsSpan(((o * size) + j) * inner, inner);
                if (inner == 1)
                {
                    dst[0] = MathF.Max(dst[0], row[0]);
                }
                else
                {
                    System.Numerics.Tensors.TensorPrimitives.Max(dst, row, dst);
                }
            }
        }

        return y;
    }

    private static void ArgMaxFloat(float[] x, int outer, int size, int inner, int[] r)
    {
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                var best = 0;
                var bestValue = float.NegativeInfinity;
                var p = (o * size * inner) + i;
                for (var j = 0; j < size; j++, p += inner)
                {
                    var v = x[p];
                    if (v > bestValue)
                    {
                        bestValue = v;
                        best = j;
                    }
                }

                r[(o * inner) + i] = best;
            }
        }
    }

    /// <summary>TopKV2 along the last axis: values and int32 indices, largest first, ties by lower index.</summary>
    public static (TfjsTensor Values, TfjsTensor Indices) TopK(TfjsTensor x, int k)
    {
        var size = x.Shape[^1];
        if (k > size || k < 0)
        {
            throw new InvalidOperationException($"TopKV2: k = {k} for a last axis of {size}");
        }

        var rows = size == 0 ? 0 : x.Length / size;
        var shape = (int[])x.Shape.Clone();
        shape[^1] = k;
        var idx = new int[rows * k];
        var order = new int[size];
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < size; j++)
            {
                order[j] = j;
            }

            var row = r * size;
            Array.Sort(order, (p, q) =>
            {
                var c = x.Get(row + q).CompareTo(x.Get(row + p));
                return c != 0 ? c : p.CompareTo(q);
            });
            Array.Copy(order, 0, idx, r * k, k);
        }

        var gather = new int[idx.Length];
        for (var i = 0; i < idx.Length; i++)
        {
            gather[i] = ((i / Math.Max(k, 1)) * size) + idx[i];
        }

        return (ShapeOps.Gather(x, shape, gather), TfjsTensor.FromInts(shape, idx));
    }

    /// <summary>GatherNd: indices <c>[..., K]</c> address the first K axes of params; result <c>indices[:-1] + params[K:]</c>.</summary>
    public static TfjsTensor GatherNd(TfjsTensor parameters, TfjsTensor indices)
    {
        var k = indices.Shape[^1];
        var lookups = k == 0 ? 1 : indices.Length / k;
        var slice = 1;
        for (var d = k; d < parameters.Rank; d++)
        {
            slice *= parameters.Shape[d];
        }

        var strides = ShapeOps.Strides(parameters.Shape);
        var gather = new int[lookups * slice];
        for (var l = 0; l < lookups; l++)
        {
            var src = 0;
            for (var d = 0; d < k; d++)
            {
                var i = indices.Ints[(l * k) + d];
                if (i < 0 || i >= parameters.Shape[d])
                {
                    throw new InvalidOperationException($"GatherNd: index {i} out of range for dimension {d} of {parameters}");
                }

                src += i * strides[d];
            }

            for (var s = 0; s < slice; s++)
            {
                gather[(l * slice) + s] = src + s;
            }
        }

        int[] shape = [.. indices.Shape[..^1], .. parameters.Shape[k..]];
        return ShapeOps.Gather(parameters, shape, gather);
    }

    /// <summary>AddN: the element-wise sum of tensors of one shape.</summary>
    public static TfjsTensor AddN(IReadOnlyList<TfjsTensor> parts)
    {
        var acc = parts[0];
        for (var i = 1; i < parts.Count; i++)
        {
            acc = BinaryOps.Apply(BinaryOp.Add, acc, parts[i]);
        }

        return acc;
    }

    private static (int Outer, int Size, int Inner) Split(int[] shape, int axis)
    {
        var outer = 1;
        for (var d = 0; d < axis; d++)
        {
            outer *= shape[d];
        }

        var inner = 1;
        for (var d = axis + 1; d < shape.Length; d++)
        {
            inner *= shape[d];
        }

        return (outer, shape[axis], inner);
    }
}
