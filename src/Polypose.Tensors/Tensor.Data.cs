using System.Numerics.Tensors;
using Polypose.Tensors.Internal;

namespace Polypose.Tensors;

public sealed partial class Tensor
{
    /// <summary>Elements in row-major order as a new float array (float32 tensors; other dtypes are converted).</summary>
    public float[] ToArray()
    {
        if (FData is not null)
        {
            var r = new float[Count];
            Strided.Gather(FData, Offset, ShapeArray, StrideArray, r);
            return r;
        }

        return To(DType.Float32).ToArray();
    }

    /// <summary>Elements in row-major order as a new double array (float64 tensors; other dtypes are converted).</summary>
    public double[] ToFloat64Array() => DType == DType.Float64 ? ToArrayOf<double>() : To(DType.Float64).ToFloat64Array();

    /// <summary>Elements in row-major order as a new long array (int64 tensors; other dtypes are converted).</summary>
    public long[] ToInt64Array()
    {
        if (LData is not null)
        {
            var r = new long[Count];
            Strided.Gather(LData, Offset, ShapeArray, StrideArray, r);
            return r;
        }

        return To(DType.Int64).ToInt64Array();
    }

    /// <summary>Elements in row-major order as a new bool array (bool tensors; others compare with zero).</summary>
    public bool[] ToBoolArray()
    {
        if (BData is not null)
        {
            var r = new bool[Count];
            Strided.Gather(BData, Offset, ShapeArray, StrideArray, r);
            return r;
        }

        return To(DType.Bool).ToBoolArray();
    }

    /// <summary>The value of a single-element tensor as float (PyTorch <c>tensor.item()</c>).</summary>
    public float Item()
    {
        RequireSingle();
        return DType switch
        {
            DType.Float32 => FData![Offset],
            DType.Float64 => (float)DData![Offset],
            DType.Int64 => LData![Offset],
            _ => BData![Offset] ? 1f : 0f,
        };
    }

    /// <summary>The value of a single-element tensor as double, exact for float64 (PyTorch <c>tensor.item()</c>).</summary>
    public double ItemFloat64()
    {
        RequireSingle();
        return DType switch
        {
            DType.Float64 => DData![Offset],
            DType.Int64 => LData![Offset],
            _ => Item(),
        };
    }

    /// <summary>The value of a single-element int64 tensor.</summary>
    public long ItemInt64()
    {
        RequireSingle();
        return DType == DType.Int64 ? LData![Offset] : (long)Item();
    }

    /// <summary>Float value at a multi-index (negative indices count from the end); for tests and debugging.</summary>
    [System.Runtime.CompilerServices.IndexerName("Value")]
    public float this[params int[] index]
    {
        get
        {
            RequireFloat("indexer");
            return FData![OffsetOf(index)];
        }
    }

    /// <summary>A dense copy (or this tensor when already contiguous), PyTorch <c>tensor.contiguous()</c>.</summary>
    public Tensor Contiguous() => IsContiguous ? this : Clone();

    /// <summary>A dense copy with its own storage; differentiable (PyTorch <c>tensor.clone()</c>).</summary>
    public Tensor Clone()
    {
        Tensor r;
        if (DType == DType.Float32)
        {
            var source = FData!;
            r = NewUninitialized((int[])ShapeArray.Clone(), out var dense);
            Strided.Gather(source, Offset, ShapeArray, StrideArray, dense);
            return Autograd.OpNode.Record(r, "Clone", this, g => g);
        }

        if (DType == DType.Float64)
        {
            var source = DData!;
            r = NewUninitialized<double>((int[])ShapeArray.Clone(), out var dense);
            Strided.Gather(source, Offset, ShapeArray, StrideArray, dense);
            return Autograd.OpNode.Record(r, "Clone", this, g => g);
        }

        r = DType switch
        {
            DType.Int64 => new Tensor(ToInt64Array(), (int[])ShapeArray.Clone()),
            _ => new Tensor(ToBoolArray(), (int[])ShapeArray.Clone()),
        };
        return Autograd.OpNode.Record(r, "Clone", this, g => g);
    }

    /// <summary>
    /// Converts to another dtype (bool to 0/1, float to int64 truncates toward zero). Float32 ↔ float64 is
    /// differentiable (the gradient is converted back), other conversions are not (PyTorch <c>tensor.to(dtype)</c>).
    /// </summary>
    public Tensor To(DType dtype)
    {
        if (dtype == DType)
        {
            return this;
        }

        var shape = (int[])ShapeArray.Clone();
        if (dtype == DType.Float64 && DType == DType.Float32)
        {
            var r = NewUninitialized<double>(shape, out var d);
            System.Numerics.Tensors.TensorPrimitives.ConvertChecked<float, double>(ReadSpan(), d);
            return Autograd.OpNode.Record(r, "ToFloat64", this, g => g.To(DType.Float32));
        }

        if (dtype == DType.Float32 && DType == DType.Float64)
        {
            var r = NewUninitialized(shape, out var f);
            System.Numerics.Tensors.TensorPrimitives.ConvertTruncating<double, float>(ReadSpan<double>(), f);
            return Autograd.OpNode.Record(r, "ToFloat32", this, g => g.To(DType.Float64));
        }

        var src = DType switch
        {
            DType.Float32 => Array.ConvertAll(ToArrayOf<float>(), v => (double)v),
            DType.Float64 => ToArrayOf<double>(),
            DType.Int64 => Array.ConvertAll(ToInt64Array(), v => (double)v),
            _ => Array.ConvertAll(ToBoolArray(), v => v ? 1.0 : 0.0),
        };
        return dtype switch
        {
            DType.Float32 => new Tensor(Array.ConvertAll(src, v => (float)v), shape),
            DType.Float64 => new Tensor(src, shape),
            DType.Int64 when DType == DType.Float32 => new Tensor(Array.ConvertAll(ToArrayOf<float>(), v => (long)v), shape),
            DType.Int64 => new Tensor(Array.ConvertAll(src, v => (long)v), shape),
            _ => new Tensor(Array.ConvertAll(src, v => v != 0), shape),
        };
    }

    /// <summary>
    /// The elements of a contiguous float32 tensor as a writable span over its storage (no copy). Writing through it
    /// bypasses autograd. Throws for non-contiguous tensors; call <see cref="Contiguous"/> first.
    /// </summary>
    public Span<float> AsSpan()
    {
        RequireFloat(nameof(AsSpan));
        if (!IsContiguous)
        {
            throw new InvalidOperationException($"AsSpan needs a contiguous tensor, got shape {Shapes.Format(ShapeArray)} strides {Shapes.Format(StrideArray)}");
        }

        return FData.AsSpan(Offset, Count);
    }

    /// <summary>
    /// The elements of a contiguous float64 tensor as a writable span over its storage (no copy); see <see cref="AsSpan"/>.
    /// </summary>
    public Span<double> AsFloat64Span()
    {
        RequireFloating(nameof(AsFloat64Span));
        if (DType != DType.Float64 || !IsContiguous)
        {
            throw new InvalidOperationException($"AsFloat64Span needs a contiguous float64 tensor, got {DType} contiguous={IsContiguous}");
        }

        return DData.AsSpan(Offset, Count);
    }

    /// <summary>Read-only view of the elements of a contiguous int64 tensor.</summary>
    public ReadOnlySpan<long> AsInt64Span()
    {
        if (LData is null || !IsContiguous)
        {
            throw new InvalidOperationException($"AsInt64Span needs a contiguous int64 tensor, got {DType} contiguous={IsContiguous}");
        }

        return LData.AsSpan(Offset, Count);
    }

    /// <summary>Read-only span over a contiguous float tensor, or a dense copy for views (internal fast path).</summary>
    internal ReadOnlySpan<float> ReadSpan()
    {
        if (IsContiguous)
        {
            return FData.AsSpan(Offset, Count);
        }

        var source = FData;
        if (source is null)
        {
            return ToArray();
        }

        NewUninitialized((int[])ShapeArray.Clone(), out var dense);
        Strided.Gather(source, Offset, ShapeArray, StrideArray, dense);
        return dense;
    }

    /// <summary>Copies <paramref name="source"/> (broadcast to this shape) into this tensor in place; not recorded.</summary>
    public Tensor CopyInPlace(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (DType == DType.Float64)
        {
            var wide = source.To(DType.Float64).Expand(ShapeArray).ToArrayOf<double>();
            Strided.Scatter<double>(wide, DData!, Offset, ShapeArray, StrideArray);
            return this;
        }

        RequireFloat(nameof(CopyInPlace));
        var src = source.DType == DType.Float32 ? source : source.To(DType.Float32);
        var dense = src.Expand(ShapeArray).ToArray();
        Strided.Scatter<float>(dense, FData!, Offset, ShapeArray, StrideArray);
        return this;
    }

    /// <summary>Sets every element to <paramref name="value"/> in place; not recorded.</summary>
    public Tensor FillInPlace(float value)
    {
        if (DType == DType.Float64)
        {
            return FillInPlace((double)value);
        }

        RequireFloat(nameof(FillInPlace));
        if (IsContiguous)
        {
            FData.AsSpan(Offset, Count).Fill(value);
        }
        else
        {
            var dense = new float[Count];
            dense.AsSpan().Fill(value);
            Strided.Scatter<float>(dense, FData!, Offset, ShapeArray, StrideArray);
        }

        return this;
    }

    /// <summary>Sets every element of a float64 tensor to <paramref name="value"/> in place; not recorded.</summary>
    public Tensor FillInPlace(double value)
    {
        if (DType != DType.Float64)
        {
            return FillInPlace((float)value);
        }

        var dense = new double[Count];
        dense.AsSpan().Fill(value);
        Strided.Scatter<double>(dense, DData!, Offset, ShapeArray, StrideArray);
        return this;
    }

    /// <summary>Sets every element to zero in place; not recorded.</summary>
    public Tensor ZeroInPlace() => FillInPlace(0f);

    /// <summary>this += alpha * other (broadcast) in place; not recorded (optimizer and gradient accumulation use).</summary>
    public Tensor AddInPlace(Tensor other, float alpha = 1f)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (DType == DType.Float64)
        {
            RequireSameDType(this, other, nameof(AddInPlace));
            var acc = ToArrayOf<double>();
            TensorPrimitives.MultiplyAdd(other.Expand(ShapeArray).ToArrayOf<double>(), alpha, acc, acc);
            Strided.Scatter<double>(acc, DData!, Offset, ShapeArray, StrideArray);
            return this;
        }

        RequireFloat(nameof(AddInPlace));
        if (IsContiguous && other.IsContiguous && other.Count == Count && Shapes.Equal(other.ShapeArray, ShapeArray))
        {
            var dst = FData.AsSpan(Offset, Count);
            var src = other.FData.AsSpan(other.Offset, Count);
            if (alpha == 1f)
            {
                TensorPrimitives.Add(dst, src, dst);
            }
            else
            {
                TensorPrimitives.MultiplyAdd(src, alpha, dst, dst);
            }

            return this;
        }

        var sum = ToArray();
        var o = other.Expand(ShapeArray).ToArray();
        TensorPrimitives.MultiplyAdd(o, alpha, sum, sum);
        Strided.Scatter<float>(sum, FData!, Offset, ShapeArray, StrideArray);
        return this;
    }

    /// <summary>this *= value in place; not recorded.</summary>
    public Tensor MulInPlace(float value)
    {
        RequireFloat(nameof(MulInPlace));
        var v = ToArray();
        TensorPrimitives.Multiply(v, value, v);
        Strided.Scatter<float>(v, FData!, Offset, ShapeArray, StrideArray);
        return this;
    }

    private int OffsetOf(int[] index)
    {
        if (index.Length != NDim)
        {
            throw new ArgumentException($"expected {NDim} indices, got {index.Length}", nameof(index));
        }

        var at = Offset;
        for (var d = 0; d < index.Length; d++)
        {
            var i = index[d] < 0 ? index[d] + ShapeArray[d] : index[d];
            if (i < 0 || i >= ShapeArray[d])
            {
                throw new ArgumentOutOfRangeException(nameof(index), index[d], $"index out of range for dimension {d} of size {ShapeArray[d]}");
            }

            at += i * StrideArray[d];
        }

        return at;
    }

    private void RequireSingle()
    {
        if (Count != 1)
        {
            throw new InvalidOperationException($"a tensor with {Count} elements cannot be converted to a scalar");
        }
    }
}
