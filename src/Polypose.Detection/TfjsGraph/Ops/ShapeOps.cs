namespace Polypose.Detection.TfjsGraph.Ops;

/// <summary>
/// Shape, slicing and joining ops of a TF.js graph (TensorFlow semantics), for any dtype. Most are written as a gather
/// <c>y[i] = x[index[i]]</c> over a computed index list; views (reshape, squeeze, expand) share the data.
/// </summary>
public static class ShapeOps
{
    /// <summary>y[i] = x[index[i]] with the given output shape.</summary>
    public static TfjsTensor Gather(TfjsTensor x, int[] shape, int[] index)
    {
        if (x.DType == TfjsDType.Float32)
        {
            var y = TensorArena.Floats(index.Length);
            for (var i = 0; i < y.Length; i++)
            {
                y[i] = x.Floats[index[i]];
            }

            return TfjsTensor.FromFloats(shape, y);
        }

        var r = TensorArena.Ints(index.Length);
        for (var i = 0; i < r.Length; i++)
        {
            r[i] = x.Ints[index[i]];
        }

        return x.DType == TfjsDType.Bool ? TfjsTensor.FromBools(shape, r) : TfjsTensor.FromInts(shape, r);
    }

    /// <summary>Reshape; one dimension may be −1 (inferred).</summary>
    public static TfjsTensor Reshape(TfjsTensor x, ReadOnlySpan<int> requested)
    {
        var shape = requested.ToArray();
        var known = 1;
        var infer = -1;
        for (var i = 0; i < shape.Length; i++)
        {
            if (shape[i] == -1)
            {
                if (infer >= 0)
                {
                    throw new InvalidOperationException("Reshape: more than one -1");
                }

                infer = i;
            }
            else
            {
                known *= shape[i];
            }
        }

        if (infer >= 0)
        {
            shape[infer] = known == 0 ? 0 : x.Length / known;
        }

        return x.WithShape(shape);
    }

    /// <summary>Squeeze the given axes (all size-1 axes when none given).</summary>
    public static TfjsTensor Squeeze(TfjsTensor x, long[] axes)
    {
        var drop = new bool[x.Rank];
        if (axes.Length == 0)
        {
            for (var i = 0; i < x.Rank; i++)
            {
                drop[i] = x.Shape[i] == 1;
            }
        }
        else
        {
            foreach (var a in axes)
            {
                var k = Axis((int)a, x.Rank);
                if (x.Shape[k] != 1)
                {
                    throw new InvalidOperationException($"Squeeze: axis {a} of {x} is not 1");
                }

                drop[k] = true;
            }
        }

        return x.WithShape([.. x.Shape.Where((_, i) => !drop[i])]);
    }

    /// <summary>Inserts a size-1 axis at <paramref name="axis"/> (negative counts from the end of the result).</summary>
    public static TfjsTensor ExpandDims(TfjsTensor x, int axis)
    {
        var k = axis < 0 ? axis + x.Rank + 1 : axis;
        var shape = x.Shape.ToList();
        shape.Insert(k, 1);
        return x.WithShape([.. shape]);
    }

    /// <summary>TensorFlow's StridedSlice with begin, end, ellipsis, new-axis and shrink masks.</summary>
    public static TfjsTensor StridedSlice(TfjsTensor x, int[] begin, int[] end, int[] strides, int beginMask, int endMask, int ellipsisMask, int newAxisMask, int shrinkMask)
    {
        var spec = begin.Length;
        var starts = new List<int>();
        var steps = new List<int>();
        var counts = new List<int>();
        var outShape = new List<int>();
        var dim = 0;
        var explicitDims = 0;
        for (var i = 0; i < spec; i++)
        {
            if ((ellipsisMask & (1 << i)) == 0 && (newAxisMask & (1 << i)) == 0)
            {
                explicitDims++;
            }
        }

        void Full(int d)
        {
            starts.Add(0);
            steps.Add(1);
            counts.Add(x.Shape[d]);
            outShape.Add(x.Shape[d]);
        }

        for (var i = 0; i < spec; i++)
        {
            var bit = 1 << i;
            if ((ellipsisMask & bit) != 0)
            {
                var cover = x.Rank - explicitDims;
                for (var e = 0; e < cover; e++)
                {
                    Full(dim++);
                }

                continue;
            }

            if ((newAxisMask & bit) != 0)
            {
                outShape.Add(1);
                continue;
            }

            var size = x.Shape[dim];
            var s = strides[i];
            if (s == 0)
            {
                throw new InvalidOperationException("StridedSlice: zero stride");
            }

            if ((shrinkMask & bit) != 0)
            {
                var idx = begin[i] < 0 ? begin[i] + size : begin[i];
                if (idx < 0 || idx >= size)
                {
                    throw new InvalidOperationException($"StridedSlice: index {begin[i]} out of range for dimension {size}");
                }

                starts.Add(idx);
                steps.Add(1);
                counts.Add(1);
                dim++;
                continue;
            }

            int b, e2;
            if ((beginMask & bit) != 0)
            {
                b = s > 0 ? 0 : size - 1;
            }
            else
            {
                b = begin[i] < 0 ? begin[i] + size : begin[i];
                b = s > 0 ? Math.Clamp(b, 0, size) : Math.Clamp(b, -1, size - 1);
            }

            if ((endMask & bit) != 0)
            {
                e2 = s > 0 ? size : -1;
            }
            else
            {
                e2 = end[i] < 0 ? end[i] + size : end[i];
                e2 = s > 0 ? Math.Clamp(e2, 0, size) : Math.Clamp(e2, -1, size - 1);
            }

            var count = s > 0 ? Math.Max(0, (e2 - b + s - 1) / s) : Math.Max(0, (b - e2 + (-s) - 1) / (-s));
            starts.Add(b);
            steps.Add(s);
            counts.Add(count);
            outShape.Add(count);
            dim++;
        }

        while (dim < x.Rank)
        {
            Full(dim++);
        }

        var inStrides = Strides(x.Shape);
        var total = 1;
        foreach (var c in counts)
        {
            total *= c;
        }

        var rank = counts.Count;
        Span<int> counter = stackalloc int[rank];
        var isFloat = x.DType == TfjsDType.Float32;
        var yf = isFloat ? TensorArena.Floats(total) : null;
        var yi = isFloat ? null : TensorArena.Ints(total);
        for (var o = 0; o < total; o++)
        {
            var src = 0;
            for (var d = 0; d < rank; d++)
            {
                src += (starts[d] + (counter[d] * steps[d])) * inStrides[d];
            }

            if (isFloat)
            {
                yf![o] = x.Floats[src];
            }
            else
            {
                yi![o] = x.Ints[src];
            }

            for (var d = rank - 1; d >= 0; d--)
            {
                if (++counter[d] < counts[d])
                {
                    break;
                }

                counter[d] = 0;
            }
        }

        // Gathered straight into the output (no index list): slices of the feature maps are the graph's largest gathers.
        return isFloat ? TfjsTensor.FromFloats([.. outShape], yf!) : x.DType == TfjsDType.Bool ? TfjsTensor.FromBools([.. outShape], yi!) : TfjsTensor.FromInts([.. outShape], yi!);
    }

    /// <summary>Joins tensors of equal shape except on <paramref name="axis"/>.</summary>
    public static TfjsTensor Concat(IReadOnlyList<TfjsTensor> parts, int axis)
    {
        var first = parts[0];
        var k = Axis(axis, first.Rank);
        var shape = (int[])first.Shape.Clone();
        shape[k] = parts.Sum(p => p.Shape[k]);
        var outer = 1;
        for (var d = 0; d < k; d++)
        {
            outer *= shape[d];
        }

        var inner = 1;
        for (var d = k + 1; d < shape.Length; d++)
        {
            inner *= shape[d];
        }

        var total = TfjsTensor.ElementCount(shape);
        var isFloat = first.DType == TfjsDType.Float32;
        var yf = isFloat ? TensorArena.Floats(total) : null;
        var yi = isFloat ? null : TensorArena.Ints(total);
        var rowOut = shape[k] * inner;
        var offset = 0;
        foreach (var p in parts)
        {
            if (p.DType != first.DType || p.Rank != first.Rank)
            {
                throw new InvalidOperationException($"ConcatV2: {p} does not match {first}");
            }

            var block = p.Shape[k] * inner;
            for (var o = 0; o < outer; o++)
            {
                if (isFloat)
                {
                    Array.Copy(p.Floats, o * block, yf!, (o * rowOut) + offset, block);
                }
                else
                {
                    Array.Copy(p.Ints, o * block, yi!, (o * rowOut) + offset, block);
                }
            }

            offset += block;
        }

        return isFloat ? TfjsTensor.FromFloats(shape, yf!) : first.DType == TfjsDType.Bool ? TfjsTensor.FromBools(shape, yi!) : TfjsTensor.FromInts(shape, yi!);
    }

    /// <summary>Stacks tensors of equal shape along a new axis.</summary>
    public static TfjsTensor Pack(IReadOnlyList<TfjsTensor> parts, int axis)
    {
        var k = axis < 0 ? axis + parts[0].Rank + 1 : axis;
        return Concat([.. parts.Select(p => ExpandDims(p, k))], k);
    }

    /// <summary>Splits along <paramref name="axis"/> into <paramref name="count"/> equal parts, keeping the axis.</summary>
    public static TfjsTensor[] Split(TfjsTensor x, int axis, int count)
    {
        var k = Axis(axis, x.Rank);
        if (x.Shape[k] % count != 0)
        {
            throw new InvalidOperationException($"Split: dimension {x.Shape[k]} of {x} is not divisible by {count}");
        }

        var size = x.Shape[k] / count;
        var result = new TfjsTensor[count];
        for (var p = 0; p < count; p++)
        {
            var begin = new int[x.Rank];
            var end = (int[])x.Shape.Clone();
            begin[k] = p * size;
            end[k] = (p + 1) * size;
            result[p] = StridedSlice(x, begin, end, [.. Enumerable.Repeat(1, x.Rank)], 0, 0, 0, 0, 0);
        }

        return result;
    }

    /// <summary>Unstacks along <paramref name="axis"/>, removing it.</summary>
    public static TfjsTensor[] Unpack(TfjsTensor x, int axis)
    {
        var k = Axis(axis, x.Rank);
        return [.. Split(x, k, x.Shape[k]).Select(p => Squeeze(p, [k]))];
    }

    /// <summary>Repeats the tensor <c>multiples[d]</c> times along each axis d.</summary>
    public static TfjsTensor Tile(TfjsTensor x, int[] multiples)
    {
        var shape = x.Shape.Select((d, i) => d * multiples[i]).ToArray();
        var inStrides = Strides(x.Shape);
        var total = TfjsTensor.ElementCount(shape);
        var index = new int[total];
        var counter = new int[shape.Length];
        for (var o = 0; o < total; o++)
        {
            var src = 0;
            for (var d = 0; d < shape.Length; d++)
            {
                src += (counter[d] % x.Shape[d]) * inStrides[d];
            }

            index[o] = src;
            for (var d = shape.Length - 1; d >= 0; d--)
            {
                if (++counter[d] < shape[d])
                {
                    break;
                }

                counter[d] = 0;
            }
        }

        return Gather(x, shape, index);
    }

    /// <summary>A tensor of the given shape filled with the scalar's value (same dtype).</summary>
    public static TfjsTensor Fill(int[] shape, TfjsTensor value)
    {
        var n = TfjsTensor.ElementCount(shape);
        return Gather(value, shape, new int[n]);
    }

    /// <summary>start, start + delta, … while below limit (above it for negative delta); dtype of start.</summary>
    public static TfjsTensor Range(TfjsTensor start, TfjsTensor limit, TfjsTensor delta)
    {
        double s = start.Get(0), l = limit.Get(0), d = delta.Get(0);
        if (d == 0)
        {
            throw new InvalidOperationException("Range: zero delta");
        }

        var n = Math.Max(0, (int)Math.Ceiling((l - s) / d));
        if (start.DType == TfjsDType.Float32)
        {
            var f = new float[n];
            for (var i = 0; i < n; i++)
            {
                f[i] = (float)(s + (i * d));
            }

            return TfjsTensor.FromFloats([n], f);
        }

        var r = new int[n];
        for (var i = 0; i < n; i++)
        {
            r[i] = (int)(s + (i * d));
        }

        return TfjsTensor.FromInts([n], r);
    }

    /// <summary>Converts to another dtype (float → int truncates toward zero; bool is value != 0).</summary>
    public static TfjsTensor Cast(TfjsTensor x, TfjsDType to)
    {
        if (x.DType == to)
        {
            return x;
        }

        var n = x.Length;
        if (to == TfjsDType.Float32)
        {
            var f = new float[n];
            for (var i = 0; i < n; i++)
            {
                f[i] = x.Ints[i];
            }

            return TfjsTensor.FromFloats(x.Shape, f);
        }

        if (to == TfjsDType.Int32 && x.DType == TfjsDType.Bool)
        {
            return TfjsTensor.FromInts(x.Shape, x.Ints);
        }

        var r = new int[n];
        for (var i = 0; i < n; i++)
        {
            r[i] = to == TfjsDType.Int32 ? (int)x.Floats[i] : x.Get(i) != 0 ? 1 : 0;
        }

        return to == TfjsDType.Int32 ? TfjsTensor.FromInts(x.Shape, r) : TfjsTensor.FromBools(x.Shape, r);
    }

    /// <summary>Select(cond, t, e): t where cond else e, broadcasting; a rank-1 cond picks rows of higher-rank t and e.</summary>
    public static TfjsTensor Select(TfjsTensor cond, TfjsTensor t, TfjsTensor e)
    {
        if (cond.Rank == 1 && t.Rank > 1 && cond.Length == t.Shape[0])
        {
            cond = cond.WithShape([cond.Length, .. Enumerable.Repeat(1, t.Rank - 1)]);
        }

        var shape = Broadcast.Shape(Broadcast.Shape(cond.Shape, t.Shape), e.Shape);
        var ic = Broadcast.SourceIndices(cond.Shape, shape);
        var it = Broadcast.SourceIndices(t.Shape, shape);
        var ie = Broadcast.SourceIndices(e.Shape, shape);
        var n = ic.Length;
        if (t.DType == TfjsDType.Float32)
        {
            var f = new float[n];
            for (var i = 0; i < n; i++)
            {
                f[i] = cond.Ints[ic[i]] != 0 ? t.Floats[it[i]] : e.Floats[ie[i]];
            }

            return TfjsTensor.FromFloats(shape, f);
        }

        var r = new int[n];
        for (var i = 0; i < n; i++)
        {
            r[i] = cond.Ints[ic[i]] != 0 ? t.Ints[it[i]] : e.Ints[ie[i]];
        }

        return t.DType == TfjsDType.Bool ? TfjsTensor.FromBools(shape, r) : TfjsTensor.FromInts(shape, r);
    }

    /// <summary>Row-major strides of a shape.</summary>
    public static int[] Strides(int[] shape)
    {
        var s = new int[shape.Length];
        var acc = 1;
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            s[d] = acc;
            acc *= shape[d];
        }

        return s;
    }

    /// <summary>Normalises a possibly negative axis.</summary>
    public static int Axis(int axis, int rank)
    {
        var k = axis < 0 ? axis + rank : axis;
        return k >= 0 && k < Math.Max(rank, 1) ? k : throw new InvalidOperationException($"axis {axis} out of range for rank {rank}");
    }
}
