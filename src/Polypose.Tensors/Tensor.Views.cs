using Polypose.Tensors.Autograd;
using Polypose.Tensors.Internal;

namespace Polypose.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Same data with a new shape (one entry may be -1); a view when contiguous, otherwise a copy
    /// (PyTorch <c>torch.reshape</c>).
    /// </summary>
    public Tensor Reshape(params int[] shape)
    {
        var s = Shapes.Infer(shape, Count);
        if (Shapes.Equal(s, ShapeArray))
        {
            return this;
        }

        var src = IsContiguous ? this : Contiguous();
        var r = src.WithLayout(s, Shapes.ContiguousStrides(s), src.Offset);
        var inShape = ShapeArray;
        return OpNode.Record(r, "Reshape", src, g => g.Reshape(inShape));
    }

    /// <summary>A view with a new shape; requires a contiguous tensor (PyTorch <c>tensor.view</c>).</summary>
    public Tensor View(params int[] shape)
    {
        if (!IsContiguous)
        {
            throw new InvalidOperationException($"view size is not compatible with input tensor's size and stride {Shapes.Format(StrideArray)}; use Reshape");
        }

        return Reshape(shape);
    }

    /// <summary>Flattens dims startDim..endDim into one (PyTorch <c>torch.flatten</c>).</summary>
    public Tensor Flatten(int startDim = 0, int endDim = -1)
    {
        if (NDim == 0)
        {
            return Reshape(1);
        }

        var s = Shapes.NormalizeDim(startDim, NDim, nameof(startDim));
        var e = Shapes.NormalizeDim(endDim, NDim, nameof(endDim));
        var shape = new List<int>();
        for (var i = 0; i < s; i++)
        {
            shape.Add(ShapeArray[i]);
        }

        var m = 1;
        for (var i = s; i <= e; i++)
        {
            m *= ShapeArray[i];
        }

        shape.Add(m);
        for (var i = e + 1; i < NDim; i++)
        {
            shape.Add(ShapeArray[i]);
        }

        return Reshape([.. shape]);
    }

    /// <summary>Swaps two dims; a view (PyTorch <c>torch.transpose</c>).</summary>
    public Tensor Transpose(int dim0, int dim1)
    {
        var a = Shapes.NormalizeDim(dim0, NDim, nameof(dim0));
        var b = Shapes.NormalizeDim(dim1, NDim, nameof(dim1));
        if (a == b || NDim < 2)
        {
            return this;
        }

        var shape = (int[])ShapeArray.Clone();
        var strides = (int[])StrideArray.Clone();
        (shape[a], shape[b]) = (shape[b], shape[a]);
        (strides[a], strides[b]) = (strides[b], strides[a]);
        return OpNode.Record(WithLayout(shape, strides, Offset), "Transpose", this, g => g.Transpose(a, b));
    }

    /// <summary>Transpose of the last two dims (PyTorch <c>tensor.mT</c>).</summary>
    public Tensor MT => Transpose(-2, -1);

    /// <summary>Reorders dims; a view (PyTorch <c>torch.permute</c>).</summary>
    public Tensor Permute(params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        if (dims.Length != NDim)
        {
            throw new ArgumentException($"permute expects {NDim} dims, got {dims.Length}", nameof(dims));
        }

        var shape = new int[NDim];
        var strides = new int[NDim];
        var inverse = new int[NDim];
        var seen = new bool[NDim];
        for (var i = 0; i < NDim; i++)
        {
            var d = Shapes.NormalizeDim(dims[i], NDim, nameof(dims));
            if (seen[d])
            {
                throw new ArgumentException($"repeated dim {d} in permute", nameof(dims));
            }

            seen[d] = true;
            shape[i] = ShapeArray[d];
            strides[i] = StrideArray[d];
            inverse[d] = i;
        }

        return OpNode.Record(WithLayout(shape, strides, Offset), "Permute", this, g => g.Permute(inverse));
    }

    /// <summary>Elements start..start+length-1 along <paramref name="dim"/>; a view (PyTorch <c>torch.narrow</c>).</summary>
    public Tensor Narrow(int dim, int start, int length) => Slice(dim, start, start + length, 1);

    /// <summary>
    /// Python-style slice <c>start:end:step</c> along <paramref name="dim"/> (negative start/end count from the end,
    /// out-of-range bounds are clamped); a view.
    /// </summary>
    public Tensor Slice(int dim, int start, int end, int step = 1)
    {
        var d = Shapes.NormalizeDim(dim, NDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(step);
        var size = ShapeArray[d];
        var s = Math.Clamp(start < 0 ? start + size : start, 0, size);
        var e = Math.Clamp(end < 0 ? end + size : end, s, size);
        var shape = (int[])ShapeArray.Clone();
        var strides = (int[])StrideArray.Clone();
        shape[d] = (e - s + step - 1) / step;
        strides[d] *= step;
        var r = WithLayout(shape, strides, Offset + (s * StrideArray[d]));
        var inShape = ShapeArray;
        return OpNode.Record(r, "Slice", this, g =>
        {
            var z = Zeros(g.DType, inShape);
            z.Slice(d, s, e, step).CopyInPlace(g);
            return z;
        });
    }

    /// <summary>The sub-tensor at <paramref name="index"/> along <paramref name="dim"/>, removing that dim (PyTorch <c>torch.select</c>).</summary>
    public Tensor Select(int dim, int index)
    {
        var d = Shapes.NormalizeDim(dim, NDim);
        var i = index < 0 ? index + ShapeArray[d] : index;
        if (i < 0 || i >= ShapeArray[d])
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"index out of range for dimension {d} of size {ShapeArray[d]}");
        }

        return Narrow(d, i, 1).Squeeze(d);
    }

    /// <summary>Broadcasts to <paramref name="shape"/> without copying (-1 keeps a size); PyTorch <c>tensor.expand</c>.</summary>
    public Tensor Expand(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length < NDim)
        {
            throw new ArgumentException($"cannot expand {Shapes.Format(ShapeArray)} to fewer dims {Shapes.Format(shape)}", nameof(shape));
        }

        var lead = shape.Length - NDim;
        var outShape = new int[shape.Length];
        var strides = new int[shape.Length];
        for (var i = 0; i < shape.Length; i++)
        {
            var want = shape[i];
            if (i < lead)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(want, nameof(shape));
                outShape[i] = want;
                continue;
            }

            var have = ShapeArray[i - lead];
            if (want == -1 || want == have)
            {
                outShape[i] = have;
                strides[i] = StrideArray[i - lead];
            }
            else if (have == 1)
            {
                outShape[i] = want;
            }
            else
            {
                throw new ArgumentException($"cannot expand {Shapes.Format(ShapeArray)} to {Shapes.Format(shape)} (dimension {i}: {have} vs {want})", nameof(shape));
            }
        }

        if (Shapes.Equal(outShape, ShapeArray))
        {
            return this;
        }

        var inShape = ShapeArray;
        return OpNode.Record(WithLayout(outShape, strides, Offset), "Expand", this, g => g.SumTo(inShape));
    }

    /// <summary>Expands to the shape of <paramref name="other"/>.</summary>
    public Tensor ExpandAs(Tensor other) => Expand(other.ShapeArray);

    /// <summary>Removes all size-1 dims (PyTorch <c>torch.squeeze</c>).</summary>
    public Tensor Squeeze()
    {
        var shape = ShapeArray.Where(s => s != 1).ToArray();
        return shape.Length == NDim ? this : Reshape(shape);
    }

    /// <summary>Removes <paramref name="dim"/> if it has size 1 (PyTorch <c>torch.squeeze(dim)</c>).</summary>
    public Tensor Squeeze(int dim)
    {
        if (NDim == 0)
        {
            return this;
        }

        var d = Shapes.NormalizeDim(dim, NDim);
        if (ShapeArray[d] != 1)
        {
            return this;
        }

        var shape = new int[NDim - 1];
        var strides = new int[NDim - 1];
        for (int i = 0, k = 0; i < NDim; i++)
        {
            if (i != d)
            {
                shape[k] = ShapeArray[i];
                strides[k++] = StrideArray[i];
            }
        }

        return OpNode.Record(WithLayout(shape, strides, Offset), "Squeeze", this, g => g.Unsqueeze(d));
    }

    /// <summary>Inserts a size-1 dim at <paramref name="dim"/> (range [-NDim-1, NDim]); PyTorch <c>torch.unsqueeze</c>.</summary>
    public Tensor Unsqueeze(int dim)
    {
        var d = Shapes.NormalizeDim(dim, NDim + 1);
        var shape = new int[NDim + 1];
        var strides = new int[NDim + 1];
        for (int i = 0, k = 0; i <= NDim; i++)
        {
            if (i == d)
            {
                shape[i] = 1;
                strides[i] = d < NDim ? StrideArray[d] * ShapeArray[d] : 1;
            }
            else
            {
                shape[i] = ShapeArray[k];
                strides[i] = StrideArray[k++];
            }
        }

        return OpNode.Record(WithLayout(shape, strides, Offset), "Unsqueeze", this, g => g.Squeeze(d));
    }
}
