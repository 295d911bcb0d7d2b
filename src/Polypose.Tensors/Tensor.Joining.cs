using Polypose.Tensors.Autograd;
using Polypose.Tensors.Internal;

namespace Polypose.Tensors;

public sealed partial class Tensor
{
    /// <summary>Concatenates along <paramref name="dim"/>; other dims must match (PyTorch <c>torch.cat</c>).</summary>
    public static Tensor Cat(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0)
        {
            throw new ArgumentException("Cat expects a non-empty list of tensors", nameof(tensors));
        }

        var first = tensors[0];
        var d = Shapes.NormalizeDim(dim, first.NDim);
        var shape = (int[])first.ShapeArray.Clone();
        shape[d] = 0;
        var starts = new int[tensors.Count];
        for (var i = 0; i < tensors.Count; i++)
        {
            var t = tensors[i];
            if (t.NDim != first.NDim || t.DType != first.DType)
            {
                throw new ArgumentException($"Cat: tensor {i} has shape {Shapes.Format(t.ShapeArray)} ({t.DType}), expected rank {first.NDim} ({first.DType})", nameof(tensors));
            }

            for (var k = 0; k < t.NDim; k++)
            {
                if (k != d && t.ShapeArray[k] != first.ShapeArray[k])
                {
                    throw new ArgumentException($"Cat: sizes of tensors must match except in dimension {d}; tensor {i} has shape {Shapes.Format(t.ShapeArray)}, tensor 0 has {Shapes.Format(first.ShapeArray)}", nameof(tensors));
                }
            }

            starts[i] = shape[d];
            shape[d] += t.ShapeArray[d];
        }

        var result = Zeros(first.DType, shape);
        for (var i = 0; i < tensors.Count; i++)
        {
            var part = result.Narrow(d, starts[i], tensors[i].ShapeArray[d]);
            CopyAnyDType(tensors[i], part);
        }

        var inputs = tensors.ToArray();
        return OpNode.Record(result, "Cat", inputs, g =>
        {
            var grads = new Tensor?[inputs.Length];
            for (var i = 0; i < inputs.Length; i++)
            {
                grads[i] = inputs[i].RequiresGrad ? g.Narrow(d, starts[i], inputs[i].ShapeArray[d]) : null;
            }

            return grads;
        });
    }

    /// <summary>Stacks equal-shaped tensors along a new dim (PyTorch <c>torch.stack</c>).</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0)
        {
            throw new ArgumentException("Stack expects a non-empty list of tensors", nameof(tensors));
        }

        var d = Shapes.NormalizeDim(dim, tensors[0].NDim + 1);
        foreach (var t in tensors)
        {
            if (!Shapes.Equal(t.ShapeArray, tensors[0].ShapeArray))
            {
                throw new ArgumentException($"Stack expects each tensor to be equal size, got {Shapes.Format(t.ShapeArray)} and {Shapes.Format(tensors[0].ShapeArray)}", nameof(tensors));
            }
        }

        return Cat(tensors.Select(t => t.Unsqueeze(d)).ToArray(), d);
    }

    /// <summary>Splits into views of <paramref name="splitSize"/> along dim (last may be smaller); PyTorch <c>torch.split</c>.</summary>
    public Tensor[] Split(int splitSize, int dim = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(splitSize);
        var d = Shapes.NormalizeDim(dim, NDim);
        var size = ShapeArray[d];
        var parts = new List<Tensor>();
        for (var s = 0; s < size; s += splitSize)
        {
            parts.Add(Narrow(d, s, Math.Min(splitSize, size - s)));
        }

        return [.. parts];
    }

    /// <summary>Splits into views with the given sizes along dim (they must sum to the dim size).</summary>
    public Tensor[] Split(int[] splitSizes, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(splitSizes);
        var d = Shapes.NormalizeDim(dim, NDim);
        if (splitSizes.Sum() != ShapeArray[d])
        {
            throw new ArgumentException($"split sizes {Shapes.Format(splitSizes)} must sum to {ShapeArray[d]} (size of dim {d})", nameof(splitSizes));
        }

        var parts = new Tensor[splitSizes.Length];
        var start = 0;
        for (var i = 0; i < splitSizes.Length; i++)
        {
            parts[i] = Narrow(d, start, splitSizes[i]);
            start += splitSizes[i];
        }

        return parts;
    }

    /// <summary>Splits into <paramref name="chunks"/> views of size ceil(n / chunks) (PyTorch <c>torch.chunk</c>).</summary>
    public Tensor[] Chunk(int chunks, int dim = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunks);
        var d = Shapes.NormalizeDim(dim, NDim);
        var size = ShapeArray[d];
        return Split(Math.Max(1, (size + chunks - 1) / chunks), d);
    }

    private static void CopyAnyDType(Tensor source, Tensor destination)
    {
        switch (source.DType)
        {
            case DType.Float32:
                Strided.Scatter<float>(source.ToArray(), destination.FData!, destination.Offset, destination.ShapeArray, destination.StrideArray);
                break;
            case DType.Float64:
                Strided.Scatter<double>(source.ToFloat64Array(), destination.DData!, destination.Offset, destination.ShapeArray, destination.StrideArray);
                break;
            case DType.Int64:
                Strided.Scatter<long>(source.ToInt64Array(), destination.LData!, destination.Offset, destination.ShapeArray, destination.StrideArray);
                break;
            default:
                Strided.Scatter<bool>(source.ToBoolArray(), destination.BData!, destination.Offset, destination.ShapeArray, destination.StrideArray);
                break;
        }
    }
}
