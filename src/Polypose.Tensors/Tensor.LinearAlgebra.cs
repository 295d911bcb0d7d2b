using Polypose.Tensors.Autograd;
using Polypose.Tensors.Internal;
using Polypose.Tensors.Kernels;

namespace Polypose.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Matrix product with PyTorch <c>torch.matmul</c> semantics: 1-d operands are promoted (and the added dim removed),
    /// batch dims broadcast; [..., M, K] @ [..., K, N] → [..., M, N]. Runs through <see cref="Gemm.Sgemm"/>;
    /// transposed views are passed to GEMM without copying.
    /// </summary>
    public Tensor Matmul(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        RequireFloat(nameof(Matmul));
        other.RequireFloat(nameof(Matmul));
        if (NDim == 0 || other.NDim == 0)
        {
            throw new ArgumentException($"both arguments to matmul need to be at least 1D, got {Shapes.Format(ShapeArray)} and {Shapes.Format(other.ShapeArray)}");
        }

        if (NDim == 1 && other.NDim == 1)
        {
            return Unsqueeze(0).MatmulCore(other.Unsqueeze(1)).Reshape([]);
        }

        if (NDim == 1)
        {
            return Unsqueeze(0).MatmulCore(other).Squeeze(-2);
        }

        if (other.NDim == 1)
        {
            return MatmulCore(other.Unsqueeze(1)).Squeeze(-1);
        }

        return MatmulCore(other);
    }

    /// <summary>Batched matrix product [B, M, K] @ [B, K, N] → [B, M, N] (PyTorch <c>torch.bmm</c>).</summary>
    public Tensor Bmm(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (NDim != 3 || other.NDim != 3 || ShapeArray[0] != other.ShapeArray[0])
        {
            throw new ArgumentException($"bmm expects [B, M, K] and [B, K, N], got {Shapes.Format(ShapeArray)} and {Shapes.Format(other.ShapeArray)}");
        }

        return Matmul(other);
    }

    private Tensor MatmulCore(Tensor other)
    {
        int m = ShapeArray[^2], k = ShapeArray[^1], k2 = other.ShapeArray[^2], n = other.ShapeArray[^1];
        if (k != k2)
        {
            throw new ArgumentException($"mat1 and mat2 shapes cannot be multiplied ({Shapes.Format(ShapeArray)} and {Shapes.Format(other.ShapeArray)})");
        }

        var batch = Shapes.Broadcast(ShapeArray.AsSpan(0, NDim - 2), other.ShapeArray.AsSpan(0, other.NDim - 2));
        var batchCount = Shapes.NumEl(batch);
        var a = PrepareOperand(this, batch, m, k, out var transA, out var lda);
        var b = PrepareOperand(other, batch, k, n, out var transB, out var ldb);
        var outShape = new int[batch.Length + 2];
        batch.CopyTo(outShape, 0);
        outShape[^2] = m;
        outShape[^1] = n;
        var r = NewUninitialized(outShape, out var c);
        Span<int> idx = stackalloc int[batch.Length];
        for (var bi = 0; bi < batchCount; bi++)
        {
            int offA = a.Offset, offB = b.Offset;
            for (var d = 0; d < batch.Length; d++)
            {
                offA += idx[d] * a.StrideArray[d];
                offB += idx[d] * b.StrideArray[d];
            }

            Gemm.Sgemm(transA, transB, m, n, k, 1f, a.FData.AsSpan(offA), lda, b.FData.AsSpan(offB), ldb, 0f, c.Slice(bi * m * n, m * n), n);
            for (var d = batch.Length - 1; d >= 0; d--)
            {
                if (++idx[d] < batch[d])
                {
                    break;
                }

                idx[d] = 0;
            }
        }

        var self = this;
        return OpNode.Record(r, "Matmul", [this, other], g =>
            [self.RequiresGrad ? g.Matmul(other.MT).SumTo(self.ShapeArray) : null,
             other.RequiresGrad ? self.MT.Matmul(g).SumTo(other.ShapeArray) : null]);
    }

    /// <summary>Expands batch dims and finds a GEMM-compatible layout (row-major or transposed) for the last two dims.</summary>
    private static Tensor PrepareOperand(Tensor t, int[] batch, int rows, int cols, out bool trans, out int ld)
    {
        var full = new int[batch.Length + 2];
        batch.CopyTo(full, 0);
        full[^2] = rows;
        full[^1] = cols;
        var e = t.Detach().Expand(full);
        int sr = e.StrideArray[^2], sc = e.StrideArray[^1];
        if ((sc == 1 || cols == 1) && sr >= Math.Max(cols, 1))
        {
            trans = false;
            ld = Math.Max(sr, Math.Max(cols, 1));
            return e;
        }

        if ((sr == 1 || rows == 1) && sc >= Math.Max(rows, 1))
        {
            trans = true;
            ld = Math.Max(sc, Math.Max(rows, 1));
            return e;
        }

        var dense = t.Detach().Contiguous().Expand(full);
        trans = false;
        ld = Math.Max(cols, 1);
        return dense;
    }
}
