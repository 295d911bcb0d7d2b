namespace Polypose.Tensors.Internal;

/// <summary>Copies between strided views and dense buffers (the fallback path for non-contiguous tensors).</summary>
internal static class Strided
{
    /// <summary>Gathers the strided view (offset, shape, strides) of <paramref name="source"/> into dense <paramref name="destination"/>.</summary>
    public static void Gather<T>(T[] source, int offset, int[] shape, int[] strides, Span<T> destination)
    {
        var rank = shape.Length;
        if (rank == 0)
        {
            if (destination.Length > 0)
            {
                destination[0] = source[offset];
            }

            return;
        }

        var n = destination.Length;
        if (n == 0)
        {
            return;
        }

        var inner = shape[rank - 1];
        var innerStride = strides[rank - 1];
        Span<int> idx = stackalloc int[rank];
        var src = offset;
        var d = 0;
        while (d < n)
        {
            var row = destination.Slice(d, inner);
            if (innerStride == 1)
            {
                source.AsSpan(src, inner).CopyTo(row);
            }
            else if (innerStride == 0)
            {
                row.Fill(source[src]);
            }
            else
            {
                for (int j = 0, p = src; j < inner; j++, p += innerStride)
                {
                    row[j] = source[p];
                }
            }

            d += inner;
            for (var k = rank - 2; k >= 0; k--)
            {
                idx[k]++;
                src += strides[k];
                if (idx[k] < shape[k])
                {
                    break;
                }

                src -= strides[k] * shape[k];
                idx[k] = 0;
            }
        }
    }

    /// <summary>Scatters dense <paramref name="source"/> into the strided view of <paramref name="destination"/>.</summary>
    public static void Scatter<T>(ReadOnlySpan<T> source, T[] destination, int offset, int[] shape, int[] strides)
    {
        var rank = shape.Length;
        if (rank == 0)
        {
            if (source.Length > 0)
            {
                destination[offset] = source[0];
            }

            return;
        }

        var n = source.Length;
        if (n == 0)
        {
            return;
        }

        var inner = shape[rank - 1];
        var innerStride = strides[rank - 1];
        Span<int> idx = stackalloc int[rank];
        var dst = offset;
        var s = 0;
        while (s < n)
        {
            if (innerStride == 1)
            {
                source.Slice(s, inner).CopyTo(destination.AsSpan(dst, inner));
            }
            else
            {
                for (int j = 0, p = dst; j < inner; j++, p += innerStride)
                {
                    destination[p] = source[s + j];
                }
            }

            s += inner;
            for (var k = rank - 2; k >= 0; k--)
            {
                idx[k]++;
                dst += strides[k];
                if (idx[k] < shape[k])
                {
                    break;
                }

                dst -= strides[k] * shape[k];
                idx[k] = 0;
            }
        }
    }
}
