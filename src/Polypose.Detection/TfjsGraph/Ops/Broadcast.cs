namespace Polypose.Detection.TfjsGraph.Ops;

/// <summary>NumPy/TensorFlow broadcasting: shapes aligned at the right, each dimension equal or 1.</summary>
public static class Broadcast
{
    /// <summary>The broadcast shape of two shapes.</summary>
    /// <exception cref="InvalidOperationException">The shapes are incompatible.</exception>
    public static int[] Shape(int[] a, int[] b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            var db = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            if (da != db && da != 1 && db != 1)
            {
                throw new InvalidOperationException($"shapes [{string.Join(", ", a)}] and [{string.Join(", ", b)}] do not broadcast");
            }

            result[i] = da == 1 ? db : da;
        }

        return result;
    }

    /// <summary>
    /// For every element of <paramref name="outShape"/> (row-major), the index of the element of a tensor of shape
    /// <paramref name="inShape"/> broadcast to it.
    /// </summary>
    public static int[] SourceIndices(int[] inShape, int[] outShape)
    {
        var n = TfjsTensor.ElementCount(outShape);
        var result = new int[n];
        var rank = outShape.Length;
        var strides = new int[rank];
        var s = 1;
        for (var i = rank - 1; i >= 0; i--)
        {
            var k = i - (rank - inShape.Length);
            var d = k >= 0 ? inShape[k] : 1;
            strides[i] = d == 1 ? 0 : s;
            s *= d;
        }

        var counter = new int[rank];
        var idx = 0;
        for (var e = 0; e < n; e++)
        {
            result[e] = idx;
            for (var i = rank - 1; i >= 0; i--)
            {
                counter[i]++;
                idx += strides[i];
                if (counter[i] < outShape[i])
                {
                    break;
                }

                idx -= strides[i] * counter[i];
                counter[i] = 0;
            }
        }

        return result;
    }

    /// <summary>Whether <paramref name="inner"/> (ignoring leading 1s) equals the trailing dimensions of <paramref name="outer"/>.</summary>
    public static bool IsSuffix(int[] inner, int[] outer)
    {
        var start = 0;
        while (start < inner.Length && inner[start] == 1)
        {
            start++;
        }

        var len = inner.Length - start;
        if (len > outer.Length)
        {
            return false;
        }

        for (var i = 0; i < len; i++)
        {
            if (inner[start + i] != outer[outer.Length - len + i])
            {
                return false;
            }
        }

        return true;
    }
}
