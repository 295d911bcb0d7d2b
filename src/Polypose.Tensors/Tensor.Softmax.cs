using System.Numerics.Tensors;
using Polypose.Tensors.Autograd;
using Polypose.Tensors.Internal;

namespace Polypose.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// exp(x - max) / sum(exp(x - max)) along <paramref name="dim"/> (PyTorch <c>torch.softmax</c>). A slice that is
    /// entirely -inf (fully masked) yields zeros instead of NaN.
    /// </summary>
    public Tensor Softmax(int dim)
    {
        var r = RowWise(dim, SoftmaxRow);
        var d = Shapes.NormalizeDim(dim, NDim);
        return OpNode.Record(r, "Softmax", this, g =>
        {
            if (d == r.NDim - 1 && r.IsContiguous)
            {
                return SoftmaxBackwardLastDim(r, g);
            }

            var y = r.Detach();
            var gy = g.Mul(y);
            return gy.Sub(y.Mul(gy.Sum(d, keepDim: true)));
        });
    }

    /// <summary>x - logsumexp(x) along <paramref name="dim"/> (PyTorch <c>torch.log_softmax</c>).</summary>
    public Tensor LogSoftmax(int dim)
    {
        var r = RowWise(dim, (x, y) =>
        {
            var lse = LogSumExpRow(x);
            TensorPrimitives.Subtract(x, float.IsNegativeInfinity(lse) ? 0f : lse, y);
        });
        var d = Shapes.NormalizeDim(dim, NDim);
        return OpNode.Record(r, "LogSoftmax", this, g => g.Sub(r.Detach().Exp().Mul(g.Sum(d, keepDim: true))));
    }

    /// <summary>Fused softmax backward over the last dim: dx = y·(g − Σ g·y) per row.</summary>
    private static Tensor SoftmaxBackwardLastDim(Tensor y, Tensor g)
    {
        var size = y.ShapeArray[^1];
        var ys = y.ReadSpan();
        var gs = g.ReadSpan();
        var result = NewUninitialized((int[])y.ShapeArray.Clone(), out var dx);
        for (var i = 0; size > 0 && i < dx.Length; i += size)
        {
            var yr = ys.Slice(i, size);
            var dot = TensorPrimitives.Dot(gs.Slice(i, size), yr);
            var dst = dx.Slice(i, size);
            TensorPrimitives.Subtract(gs.Slice(i, size), dot, dst);
            TensorPrimitives.Multiply(dst, yr, dst);
        }

        return result;
    }

    /// <summary>log(sum(exp(x))) along <paramref name="dim"/>, computed stably (PyTorch <c>torch.logsumexp</c>); all -inf gives -inf.</summary>
    public Tensor LogSumExp(int dim, bool keepDim = false) => DType == DType.Float64 ? LogSumExpOf<double>(dim, keepDim) : LogSumExpOf<float>(dim, keepDim);

    private Tensor LogSumExpOf<T>(int dim, bool keepDim)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireFloat(nameof(LogSumExp), DTypeOf<T>());
        var d = Shapes.NormalizeDim(dim, NDim);
        var moved = NDim == 0 ? Reshape(1) : Transpose(d, -1).Detach().Contiguous();
        var rows = moved.ReadSpan<T>();
        var size = NDim == 0 ? 1 : ShapeArray[d];
        var n = size == 0 ? 0 : rows.Length / size;
        var outShapeKeep = (int[])ShapeArray.Clone();
        if (NDim > 0)
        {
            outShapeKeep[d] = 1;
        }

        var outer = Shapes.NumEl(outShapeKeep);
        var values = new T[outer];
        for (var i = 0; i < outer; i++)
        {
            values[i] = size == 0 ? T.NegativeInfinity : LogSumExpRow(rows.Slice(i * size, size));
        }

        // values are ordered like the moved layout (dim last); move back to the original order.
        var movedShape = moved.ShapeArray.ToArray();
        movedShape[^1] = 1;
        var keep = Over(values, movedShape);
        keep = NDim == 0 ? keep.Reshape([]) : keep.Transpose(d, -1).Detach().Contiguous();
        var r = keepDim || NDim == 0 ? keep : keep.Squeeze(d).Detach();
        var x = this;
        return OpNode.Record(r, "LogSumExp", this, g =>
        {
            var gk = keepDim || NDim == 0 ? g : g.Unsqueeze(d);
            var p = Elementwise.Map2<T>(x.Detach(), keep, static (a, b, dst) =>
            {
                TensorPrimitives.Subtract(a, b, dst);
                TensorPrimitives.Exp(dst, dst);
            });
            return p.Mul(gk);
        });
    }

    /// <summary>Applies a row kernel along <paramref name="dim"/> (moved to the last position) and restores the layout.</summary>
    private Tensor RowWise(int dim, RowKernel kernel)
    {
        RequireFloat("softmax");
        if (NDim == 0)
        {
            var y0 = new float[1];
            kernel(ReadSpan(), y0);
            return new Tensor(y0, []);
        }

        var d = Shapes.NormalizeDim(dim, NDim);
        var moved = d == NDim - 1 ? this : Transpose(d, -1).Detach();
        var src = moved.ReadSpan();
        var size = ShapeArray[d];
        var result = NewUninitialized(moved.ShapeArray.ToArray(), out var dst);
        for (var i = 0; size > 0 && i < dst.Length; i += size)
        {
            kernel(src.Slice(i, size), dst.Slice(i, size));
        }

        return d == NDim - 1 ? result : result.Transpose(d, -1).Contiguous();
    }

    private delegate void RowKernel(ReadOnlySpan<float> x, Span<float> y);

    private static void SoftmaxRow(ReadOnlySpan<float> x, Span<float> y)
    {
        var m = TensorPrimitives.Max(x);
        if (float.IsNegativeInfinity(m))
        {
            y.Clear();
            return;
        }

        TensorPrimitives.Subtract(x, m, y);
        TensorPrimitives.Exp(y, y);
        TensorPrimitives.Divide(y, TensorPrimitives.Sum(y), y);
    }

    /// <summary>Stable log-sum-exp of one row: m + log(sum(exp(x - m))); -inf for an all -inf row.</summary>
    internal static float LogSumExpRow(ReadOnlySpan<float> x) => LogSumExpRow<float>(x);

    /// <summary>Stable log-sum-exp of one row, accumulated in double for both element types.</summary>
    private static T LogSumExpRow<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = TensorPrimitives.Max(x);
        if (T.IsNegativeInfinity(m) || T.IsNaN(m))
        {
            return m;
        }

        double s = 0;
        var md = double.CreateTruncating(m);
        foreach (var v in x)
        {
            s += Math.Exp(double.CreateTruncating(v) - md);
        }

        return m + T.CreateTruncating(Math.Log(s));
    }
}
