using System.Globalization;

namespace Polypose.Tensors.Internal;

/// <summary>Shape arithmetic shared by all ops: broadcasting, dim normalisation, strides.</summary>
internal static class Shapes
{
    public static readonly int[] Scalar = [];

    public static int NumEl(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (var s in shape)
        {
            n *= s;
        }

        if (n > int.MaxValue)
        {
            throw new ArgumentException($"shape {Format(shape)} has more than int.MaxValue elements");
        }

        return (int)n;
    }

    public static int[] ContiguousStrides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        var s = 1;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= Math.Max(shape[i], 1);
        }

        return strides;
    }

    public static int NormalizeDim(int dim, int rank, string paramName = "dim")
    {
        var r = Math.Max(rank, 1);
        if (dim < -r || dim >= r)
        {
            throw new ArgumentOutOfRangeException(paramName, dim, $"dimension out of range (expected to be in range of [{-r}, {r - 1}], but got {dim})");
        }

        return dim < 0 ? dim + r : dim;
    }

    public static int[] Broadcast(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            var db = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            if (da != db && da != 1 && db != 1)
            {
                throw new ArgumentException($"shapes {Format(a)} and {Format(b)} cannot be broadcast together (dimension {i}: {da} vs {db})");
            }

            result[i] = da == 1 ? db : da;
        }

        return result;
    }

    public static bool Equal(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => a.SequenceEqual(b);

    public static string Format(ReadOnlySpan<int> shape)
    {
        var parts = new string[shape.Length];
        for (var i = 0; i < shape.Length; i++)
        {
            parts[i] = shape[i].ToString(CultureInfo.InvariantCulture);
        }

        return "[" + string.Join(", ", parts) + "]";
    }

    /// <summary>Splits <paramref name="shape"/> around <paramref name="dim"/> into (outer, size, inner).</summary>
    public static (int Outer, int Size, int Inner) SplitAt(ReadOnlySpan<int> shape, int dim)
    {
        var outer = 1;
        for (var i = 0; i < dim; i++)
        {
            outer *= shape[i];
        }

        var inner = 1;
        for (var i = dim + 1; i < shape.Length; i++)
        {
            inner *= shape[i];
        }

        return (outer, shape.Length == 0 ? 1 : shape[dim], inner);
    }

    /// <summary>Resolves a shape with at most one -1 entry against a known element count.</summary>
    public static int[] Infer(ReadOnlySpan<int> shape, int numel)
    {
        var result = shape.ToArray();
        var unknown = -1;
        long known = 1;
        for (var i = 0; i < result.Length; i++)
        {
            if (result[i] == -1)
            {
                if (unknown >= 0)
                {
                    throw new ArgumentException($"only one dimension can be inferred in shape {Format(shape)}");
                }

                unknown = i;
            }
            else if (result[i] < 0)
            {
                throw new ArgumentException($"invalid shape dimension {result[i]} in {Format(shape)}");
            }
            else
            {
                known *= result[i];
            }
        }

        if (unknown >= 0)
        {
            if (known == 0 || numel % known != 0)
            {
                throw new ArgumentException($"shape {Format(shape)} is invalid for input of size {numel}");
            }

            result[unknown] = (int)(numel / known);
        }
        else if (known != numel)
        {
            throw new ArgumentException($"shape {Format(shape)} is invalid for input of size {numel}");
        }

        return result;
    }
}
