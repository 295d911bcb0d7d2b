using System.Globalization;
using System.Text;
using Polypose.Tensors.Autograd;
using Polypose.Tensors.Internal;
using Polypose.Tensors.Memory;

namespace Polypose.Tensors;

/// <summary>
/// A dense n-dimensional array (float32, float64, int64 or bool) with shape, strides and storage offset, recording
/// float32 and float64 ops for reverse-mode autodiff. Mirrors <c>torch.Tensor</c>: views share storage, broadcasting,
/// negative dims and <c>keepdim</c> follow PyTorch. See https://pytorch.org/docs/stable/tensors.html.
/// </summary>
public sealed partial class Tensor
{
    internal readonly TensorStorage Store;
    internal readonly int[] ShapeArray;
    internal readonly int[] StrideArray;
    internal readonly int Offset;
    internal readonly int Count;
    private bool _requiresGrad;

    internal Tensor(float[] data, int[] shape)
        : this(TensorStorage.Of(data), shape, Shapes.ContiguousStrides(shape), 0)
    {
    }

    internal Tensor(double[] data, int[] shape)
        : this(TensorStorage.Of(data), shape, Shapes.ContiguousStrides(shape), 0)
    {
    }

    internal Tensor(long[] data, int[] shape)
        : this(TensorStorage.Of(data), shape, Shapes.ContiguousStrides(shape), 0)
    {
    }

    internal Tensor(bool[] data, int[] shape)
        : this(TensorStorage.Of(data), shape, Shapes.ContiguousStrides(shape), 0)
    {
    }

    internal Tensor(TensorStorage storage, int[] shape)
        : this(storage, shape, Shapes.ContiguousStrides(shape), 0)
    {
    }

    private Tensor(TensorStorage storage, int[] shape, int[] strides, int offset)
    {
        Store = storage;
        ShapeArray = shape;
        StrideArray = strides;
        Offset = offset;
        Count = Shapes.NumEl(shape);
        IsContiguous = ComputeContiguous(shape, strides);
    }

    /// <summary>Element type.</summary>
    public DType DType => Store.DType;

    /// <summary>Shape (a copy), PyTorch <c>tensor.shape</c>.</summary>
    public int[] Shape => (int[])ShapeArray.Clone();

    /// <summary>Strides in elements (a copy), PyTorch <c>tensor.stride()</c>.</summary>
    public int[] Strides => (int[])StrideArray.Clone();

    /// <summary>Number of dimensions, PyTorch <c>tensor.ndim</c>.</summary>
    public int NDim => ShapeArray.Length;

    /// <summary>Number of elements, PyTorch <c>tensor.numel()</c>.</summary>
    public int NumEl => Count;

    /// <summary>Offset of the first element in the shared storage.</summary>
    public int StorageOffset => Offset;

    /// <summary>True when elements are laid out densely in row-major order starting at <see cref="StorageOffset"/>.</summary>
    public bool IsContiguous { get; }

    /// <summary>Size of dimension <paramref name="dim"/> (negative counts from the end), PyTorch <c>tensor.size(dim)</c>.</summary>
    public int Size(int dim) => ShapeArray[Shapes.NormalizeDim(dim, NDim)];

    /// <summary>Stride of dimension <paramref name="dim"/> in elements.</summary>
    public int Stride(int dim) => StrideArray[Shapes.NormalizeDim(dim, NDim)];

    /// <summary>Whether gradients are accumulated for this tensor (float32 or float64), PyTorch <c>requires_grad</c>.</summary>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (value && !IsFloatingPoint)
            {
                throw new InvalidOperationException($"only floating-point tensors (float32, float64) can require gradients, got {DType}");
            }

            if (!value && GradFn is not null)
            {
                throw new InvalidOperationException("cannot clear RequiresGrad on a non-leaf tensor; use Detach()");
            }

            _requiresGrad = value;
        }
    }

    /// <summary>Accumulated gradient (same shape), or null before the first backward pass. PyTorch <c>tensor.grad</c>.</summary>
    public Tensor? Grad { get; set; }

    /// <summary>The graph node that produced this tensor, or null for leaves.</summary>
    internal Node? GradFn { get; private set; }

    /// <summary>Which output of <see cref="GradFn"/> this tensor is.</summary>
    internal int OutputIndex { get; private set; }

    /// <summary>True for tensors created by the user (no producing op), PyTorch <c>is_leaf</c>.</summary>
    public bool IsLeaf => GradFn is null;

    /// <summary>Name of the op that produced this tensor (e.g. "Mul"), or null for leaves.</summary>
    public string? GradFnName => GradFn?.Name;

    internal void SetGradFn(Node node, int outputIndex)
    {
        GradFn = node;
        OutputIndex = outputIndex;
        node.SetOutputStorage(outputIndex, Store);
        _requiresGrad = true;
    }

    internal Tensor WithLayout(int[] shape, int[] strides, int offset) => new(Store, shape, strides, offset);

    internal Tensor Alias() => WithLayout(ShapeArray, StrideArray, Offset);

    private static bool ComputeContiguous(int[] shape, int[] strides)
    {
        var expected = 1;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            if (shape[i] != 1 && strides[i] != expected)
            {
                return false;
            }

            expected *= shape[i];
        }

        return true;
    }

    /// <summary>Storage position of the element with row-major linear index <paramref name="linear"/>.</summary>
    internal int FlatOffset(int linear)
    {
        var at = Offset;
        for (var d = ShapeArray.Length - 1; d >= 0; d--)
        {
            var size = ShapeArray[d];
            at += linear % size * StrideArray[d];
            linear /= size;
        }

        return at;
    }

    internal void RequireFloat(string op)
    {
        if (Store.IsReleased)
        {
            ThrowReleased(op);
        }

        if (Store.F is null)
        {
            throw new InvalidOperationException($"{op} expects a float32 tensor, got {DType}");
        }
    }

    /// <summary>Throws unless this tensor has <paramref name="dtype"/> (the float path of a generic op).</summary>
    internal void RequireFloat(string op, DType dtype)
    {
        if (dtype == DType.Float32)
        {
            RequireFloat(op);
            return;
        }

        RequireFloating(op);
    }

    /// <summary>Short description: shape, dtype and up to 8 values.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("tensor(shape=").Append(Shapes.Format(ShapeArray)).Append(", dtype=").Append(DType);
        if (Store.IsReleased)
        {
            return sb.Append(", released)").ToString();
        }

        sb.Append(", [");
        var n = Math.Min(Count, 8);
        for (var i = 0; i < n; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            var at = FlatOffset(i);
            sb.Append(DType switch
            {
                DType.Float32 => FData![at].ToString("G6", CultureInfo.InvariantCulture),
                DType.Float64 => DData![at].ToString("G10", CultureInfo.InvariantCulture),
                DType.Int64 => LData![at].ToString(CultureInfo.InvariantCulture),
                _ => BData![at] ? "true" : "false",
            });
        }

        sb.Append(Count > n ? ", ...])" : "])");
        if (GradFn is not null)
        {
            sb.Append(" grad_fn=").Append(GradFn.Name);
        }

        return sb.ToString();
    }
}
