using Polypose.Tensors.Autograd;
using Polypose.Tensors.Internal;

namespace Polypose.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Rows of this tensor along <paramref name="dim"/> picked by a 1-d int64 <paramref name="index"/> (PyTorch
    /// <c>torch.index_select</c>); works for every dtype, differentiable for float32.
    /// </summary>
    public Tensor IndexSelect(int dim, Tensor index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var d = Shapes.NormalizeDim(dim, NDim);
        var idx = IndexKernels.ReadIndex(index, nameof(IndexSelect));
        if (index.NDim > 1)
        {
            throw new ArgumentException($"IndexSelect expects a 1-d index, got shape {Shapes.Format(index.ShapeArray)}", nameof(index));
        }

        var (outer, size, inner) = Shapes.SplitAt(ShapeArray, d);
        var rows = new int[idx.Length];
        for (var j = 0; j < idx.Length; j++)
        {
            rows[j] = IndexKernels.Check(idx[j], size, nameof(IndexSelect), d);
        }

        var shape = (int[])ShapeArray.Clone();
        if (shape.Length > 0)
        {
            shape[d] = idx.Length;
        }

        if (DType == DType.Int64)
        {
            return new Tensor(SelectRows(ToInt64Array(), rows, outer, size, inner), shape);
        }

        if (DType == DType.Bool)
        {
            return new Tensor(SelectRows(ToBoolArray(), rows, outer, size, inner), shape);
        }

        return DType == DType.Float64 ? SelectFloating<double>(d, index, idx, rows, shape, outer, size, inner) : SelectFloating<float>(d, index, idx, rows, shape, outer, size, inner);
    }

    private Tensor SelectFloating<T>(int d, Tensor index, long[] idx, int[] rows, int[] shape, int outer, int size, int inner)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Output and gradient live in pooled buffers (TensorPool), so steady-state calls allocate no large arrays.
        var src = ReadSpan<T>();
        var result = NewUninitialized<T>(shape, out var dst);
        for (var j = 0; j < rows.Length; j++)
        {
            for (var o = 0; o < outer; o++)
            {
                src.Slice(((o * size) + rows[j]) * inner, inner).CopyTo(dst.Slice(((o * rows.Length) + j) * inner, inner));
            }
        }

        var inShape = ShapeArray;
        return OpNode.Record(result, "IndexSelect", this, g =>
        {
            var grad = NewUninitialized<T>((int[])inShape.Clone(), out var gd);
            gd.Clear();
            IndexKernels.IndexAdd(gd, outer, size, inner, idx, g.ReadSpan<T>(), d);
            return grad;
        });
    }

    private static T[] SelectRows<T>(T[] src, int[] rows, int outer, int size, int inner)
    {
        var dst = new T[outer * rows.Length * inner];
        for (var j = 0; j < rows.Length; j++)
        {
            for (var o = 0; o < outer; o++)
            {
                src.AsSpan(((o * size) + rows[j]) * inner, inner).CopyTo(dst.AsSpan(((o * rows.Length) + j) * inner, inner));
            }
        }

        return dst;
    }

    /// <summary>this with <paramref name="source"/> rows added at <paramref name="index"/> along <paramref name="dim"/> (PyTorch <c>torch.index_add</c>, out of place).</summary>
    public Tensor IndexAdd(int dim, Tensor index, Tensor source) => DType == DType.Float64 ? IndexAddOf<double>(dim, index, source) : IndexAddOf<float>(dim, index, source);

    private Tensor IndexAddOf<T>(int dim, Tensor index, Tensor source)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (d, idx) = BeginAccumulate<T>(dim, index, source, nameof(IndexAdd));
        var (outer, size, inner) = Shapes.SplitAt(ShapeArray, d);
        var expected = (int[])ShapeArray.Clone();
        expected[d] = idx.Length;
        if (!Shapes.Equal(source.ShapeArray, expected))
        {
            throw new ArgumentException($"IndexAdd: source shape {Shapes.Format(source.ShapeArray)} does not match expected {Shapes.Format(expected)}", nameof(source));
        }

        var result = NewUninitialized<T>((int[])ShapeArray.Clone(), out var dst);
        Strided.Gather(DataOf<T>(), Offset, ShapeArray, StrideArray, dst);
        IndexKernels.IndexAdd<T>(dst, outer, size, inner, idx, source.ReadSpan<T>(), d);
        var self = this;
        return OpNode.Record(result, "IndexAdd", [this, source], g =>
            [self.RequiresGrad ? g : null, source.RequiresGrad ? g.IndexSelect(d, index) : null]);
    }

    /// <summary>out[p] = this[p with p[dim] = index[p]]; output has the index's shape (PyTorch <c>torch.gather</c>).</summary>
    public Tensor Gather(int dim, Tensor index) => DType == DType.Float64 ? GatherOf<double>(dim, index) : GatherOf<float>(dim, index);

    private Tensor GatherOf<T>(int dim, Tensor index)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireFloat(nameof(Gather), DTypeOf<T>());
        var d = Shapes.NormalizeDim(dim, NDim);
        var idx = IndexKernels.ReadIndex(index, nameof(Gather));
        if (index.NDim != NDim)
        {
            throw new ArgumentException($"Gather: index rank {index.NDim} must equal input rank {NDim}", nameof(index));
        }

        var dst = new T[idx.Length];
        var data = DataOf<T>();
        IndexKernels.ForEachScatter(index.ShapeArray, idx, d, ShapeArray, StrideArray, Offset, nameof(Gather), (p, at) => dst[p] = data[at]);
        var inShape = ShapeArray;
        return OpNode.Record(Over(dst, (int[])index.ShapeArray.Clone()), "Gather", this, g => Zeros(DTypeOf<T>(), inShape).ScatterAdd(d, index, g));
    }

    /// <summary>this with src[p] added at p with p[dim] = index[p] (PyTorch <c>torch.scatter_add</c>, out of place).</summary>
    public Tensor ScatterAdd(int dim, Tensor index, Tensor src) => DType == DType.Float64 ? ScatterAddOf<double>(dim, index, src) : ScatterAddOf<float>(dim, index, src);

    private Tensor ScatterAddOf<T>(int dim, Tensor index, Tensor src)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (d, idx) = BeginAccumulate<T>(dim, index, src, nameof(ScatterAdd));
        if (index.NDim != NDim || src.NDim != NDim)
        {
            throw new ArgumentException($"ScatterAdd: index {Shapes.Format(index.ShapeArray)} and src {Shapes.Format(src.ShapeArray)} must have rank {NDim}", nameof(index));
        }

        var srcView = src.Detach().Narrow(0, 0, index.ShapeArray.Length == 0 ? 1 : index.ShapeArray[0]);
        for (var k = 1; k < NDim; k++)
        {
            srcView = srcView.Narrow(k, 0, index.ShapeArray[k]);
        }

        var values = srcView.ToArrayOf<T>();
        var dst = ToArrayOf<T>();
        var strides = Shapes.ContiguousStrides(ShapeArray);
        IndexKernels.ForEachScatter(index.ShapeArray, idx, d, ShapeArray, strides, 0, nameof(ScatterAdd), (p, at) => dst[at] += values[p]);
        var self = this;
        return OpNode.Record(Over(dst, (int[])ShapeArray.Clone()), "ScatterAdd", [this, src], g =>
        {
            Tensor? gs = null;
            if (src.RequiresGrad)
            {
                var picked = g.Gather(d, index);
                gs = Zeros(src.DType, src.ShapeArray);
                var region = gs;
                for (var k = 0; k < NDim; k++)
                {
                    region = region.Narrow(k, 0, index.ShapeArray[k]);
                }

                region.CopyInPlace(picked);
            }

            return [self.RequiresGrad ? g : null, gs];
        });
    }

    /// <summary>Checks of IndexAdd/ScatterAdd: dtypes of this and <paramref name="values"/>, the dim and the int64 index.</summary>
    private (int Dim, long[] Index) BeginAccumulate<T>(int dim, Tensor index, Tensor values, string op)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireFloat(op, DTypeOf<T>());
        ArgumentNullException.ThrowIfNull(values);
        RequireSameDType(this, values, op);
        return (Shapes.NormalizeDim(dim, NDim), IndexKernels.ReadIndex(index, op));
    }

    /// <summary>Replaces elements where the bool <paramref name="mask"/> (broadcast to this shape) is true (PyTorch <c>masked_fill</c>).</summary>
    public Tensor MaskedFill(Tensor mask, float value) => Where(mask, value, this);

    /// <summary>Replaces elements where <paramref name="mask"/> is true with a double value (exact for float64 tensors).</summary>
    public Tensor MaskedFill(Tensor mask, double value) => Where(mask, ScalarLike(this, value), this);

    /// <summary>Element-wise cond ? a : b with broadcasting over all three (PyTorch <c>torch.where</c>).</summary>
    public static Tensor Where(Tensor condition, Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(condition);
        if (condition.DType != DType.Bool)
        {
            throw new ArgumentException($"Where expects a bool condition, got {condition.DType}", nameof(condition));
        }

        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.IsFloatingPoint && b.IsFloatingPoint)
        {
            RequireSameDType(a, b, nameof(Where));
        }

        return a.DType == DType.Float64 ? WhereOf<double>(condition, a, b) : WhereOf<float>(condition, a, b);
    }

    private static Tensor WhereOf<T>(Tensor condition, Tensor a, Tensor b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        a.RequireFloat(nameof(Where), DTypeOf<T>());
        b.RequireFloat(nameof(Where), DTypeOf<T>());
        var shape = Shapes.Broadcast(Shapes.Broadcast(condition.ShapeArray, a.ShapeArray), b.ShapeArray);
        var c = condition.Expand(shape).ToBoolArray();
        var x = a.Detach().Expand(shape).ToArrayOf<T>();
        var y = b.Detach().Expand(shape).ToArrayOf<T>();
        for (var i = 0; i < x.Length; i++)
        {
            if (!c[i])
            {
                x[i] = y[i];
            }
        }

        var cond = new Tensor(c, shape);
        return OpNode.Record(Over(x, (int[])shape.Clone()), "Where", [a, b], g =>
        {
            var zero = Zeros(DTypeOf<T>(), 1);
            return [a.RequiresGrad ? Where(cond, g, zero).SumTo(a.ShapeArray) : null, b.RequiresGrad ? Where(cond, zero, g).SumTo(b.ShapeArray) : null];
        });
    }

    /// <summary>cond ? a : value.</summary>
    public static Tensor Where(Tensor condition, Tensor a, float value) => Where(condition, a, ScalarLike(a, value));

    /// <summary>cond ? value : b.</summary>
    public static Tensor Where(Tensor condition, float value, Tensor b) => Where(condition, ScalarLike(b, value), b);

    /// <summary>A 0-d float64 tensor of <paramref name="value"/> when <paramref name="like"/> is float64, else float32.</summary>
    private static Tensor ScalarLike(Tensor like, double value) => like.DType == DType.Float64 ? Full(DType.Float64, value) : Scalar((float)value);
}
