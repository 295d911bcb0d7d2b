namespace Polypose.Tensors.Internal;

/// <summary>Loops behind IndexSelect/IndexAdd/Gather/ScatterAdd, shared by forward and backward.</summary>
internal static class IndexKernels
{
    public static long[] ReadIndex(Tensor index, string op)
    {
        if (index.DType != DType.Int64)
        {
            throw new ArgumentException($"{op} expects an int64 index tensor, got {index.DType}", nameof(index));
        }

        // No-grad fast path: a dense int64 index is read in place (no copy per op). With grad recording on, a copy is
        // kept, since backward closures hold the index and the tensor's storage may go back to the pool before them.
        if (!Autograd.GradMode.IsEnabled && index.LData is { } data && index.IsContiguous && index.Offset == 0 && data.Length == index.Count)
        {
            return data;
        }

        return index.ToInt64Array();
    }

    public static int Check(long value, int size, string op, int dim)
    {
        if (value < -size || value >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"{op}: index {value} is out of bounds for dimension {dim} with size {size}");
        }

        return (int)(value < 0 ? value + size : value);
    }

    /// <summary>dst[o, idx[j], i] += src[o, j, i] for dense [outer, size, inner] dst and [outer, idx.Length, inner] src.</summary>
    public static void IndexAdd<T>(Span<T> dst, int outer, int size, int inner, long[] idx, ReadOnlySpan<T> src, int dim)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var checkedIdx = new int[idx.Length];
        for (var j = 0; j < idx.Length; j++)
        {
            checkedIdx[j] = Check(idx[j], size, "IndexAdd", dim);
        }

        for (var o = 0; o < outer; o++)
        {
            for (var j = 0; j < idx.Length; j++)
            {
                var d = dst.Slice(((o * size) + checkedIdx[j]) * inner, inner);
                var s = src.Slice(((o * idx.Length) + j) * inner, inner);
                System.Numerics.Tensors.TensorPrimitives.Add(d, s, d);
            }
        }
    }

    /// <summary>
    /// Visits every element of <paramref name="index"/> (shape <paramref name="shape"/>) and calls
    /// <paramref name="visit"/>(linear position in index, storage offset in the target view with coordinate dim replaced).
    /// </summary>
    public static void ForEachScatter(int[] shape, long[] index, int dim, int[] targetShape, int[] targetStrides, int targetOffset, string op, Action<int, int> visit)
    {
        var rank = shape.Length;
        for (var d = 0; d < rank; d++)
        {
            if (d != dim && shape[d] > targetShape[d])
            {
                throw new ArgumentException($"{op}: index size {shape[d]} exceeds size {targetShape[d]} of dimension {d}");
            }
        }

        Span<int> coord = stackalloc int[Math.Max(rank, 1)];
        for (var p = 0; p < index.Length; p++)
        {
            var at = targetOffset;
            for (var d = 0; d < rank; d++)
            {
                var c = d == dim ? Check(index[p], targetShape[d], op, dim) : coord[d];
                at += c * targetStrides[d];
            }

            visit(p, at);
            for (var d = rank - 1; d >= 0; d--)
            {
                if (++coord[d] < shape[d])
                {
                    break;
                }

                coord[d] = 0;
            }
        }
    }
}
