using Polypose.Tensors.Internal;

namespace Polypose.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// The <paramref name="k"/> largest (or smallest) elements along <paramref name="dim"/> with their int64 indices, in
    /// sorted order (PyTorch <c>torch.topk</c>). Values are differentiable (gathered), indices are not. Ties keep
    /// the lower index first.
    /// </summary>
    public (Tensor Values, Tensor Indices) TopK(int k, int dim = -1, bool largest = true)
    {
        var d = Shapes.NormalizeDim(dim, NDim);
        var size = NDim == 0 ? 1 : ShapeArray[d];
        if (k < 0 || k > size)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in [0, {size}] for dimension {d}");
        }

        var (_, sortedIdx) = Sort(d, descending: largest);
        var indices = sortedIdx.Narrow(d, 0, k).Contiguous();
        return (Gather(d, indices), indices);
    }

    /// <summary>Sorts along <paramref name="dim"/> (stable); returns values (differentiable) and int64 indices (PyTorch <c>torch.sort</c>).</summary>
    public (Tensor Values, Tensor Indices) Sort(int dim = -1, bool descending = false)
    {
        RequireFloat(nameof(Sort));
        if (NDim == 0)
        {
            return (this, Zeros(DType.Int64));
        }

        var d = Shapes.NormalizeDim(dim, NDim);
        var moved = Transpose(d, -1).Detach().Contiguous();
        var x = moved.ReadSpan().ToArray();
        var size = ShapeArray[d];
        var idx = new long[x.Length];
        var order = new int[size];
        var keys = new float[size];
        for (var r = 0; size > 0 && r < x.Length; r += size)
        {
            for (var i = 0; i < size; i++)
            {
                order[i] = i;
                keys[i] = x[r + i];
            }

            var row = keys;
            Array.Sort(order, (p, q) =>
            {
                var c = CompareKeys(row[p], row[q]);
                c = descending ? -c : c;
                return c != 0 ? c : p.CompareTo(q);
            });
            for (var i = 0; i < size; i++)
            {
                idx[r + i] = order[i];
            }
        }

        var indices = new Tensor(idx, moved.ShapeArray.ToArray()).Transpose(d, -1).Contiguous();
        return (Gather(d, indices), indices);
    }

    /// <summary>NaN sorts as the largest value, as in PyTorch.</summary>
    private static int CompareKeys(float a, float b)
    {
        if (float.IsNaN(a))
        {
            return float.IsNaN(b) ? 0 : 1;
        }

        return float.IsNaN(b) ? -1 : a.CompareTo(b);
    }
}
