using Polypose.Tensors.Internal;

namespace Polypose.Tensors;

public sealed partial class Tensor
{
    /// <summary>this &gt; other element-wise with broadcasting, as a bool tensor (PyTorch <c>torch.gt</c>).</summary>
    public Tensor Gt(Tensor other) => Compare(other, (x, y) => x > y);

    /// <summary>this &lt; other (PyTorch <c>torch.lt</c>).</summary>
    public Tensor Lt(Tensor other) => Compare(other, (x, y) => x < y);

    /// <summary>this ≥ other (PyTorch <c>torch.ge</c>).</summary>
    public Tensor Ge(Tensor other) => Compare(other, (x, y) => x >= y);

    /// <summary>this ≤ other (PyTorch <c>torch.le</c>).</summary>
    public Tensor Le(Tensor other) => Compare(other, (x, y) => x <= y);

    /// <summary>this == other (PyTorch <c>torch.eq</c>); works for float and int64.</summary>
    public Tensor Eq(Tensor other) => Compare(other, (x, y) => x == y);

    /// <summary>this != other (PyTorch <c>torch.ne</c>).</summary>
    public Tensor Ne(Tensor other) => Compare(other, (x, y) => x != y);

    /// <summary>this &gt; value.</summary>
    public Tensor Gt(float value) => Compare(Scalar(value), (x, y) => x > y);

    /// <summary>this &lt; value.</summary>
    public Tensor Lt(float value) => Compare(Scalar(value), (x, y) => x < y);

    /// <summary>this ≥ value.</summary>
    public Tensor Ge(float value) => Compare(Scalar(value), (x, y) => x >= y);

    /// <summary>this ≤ value.</summary>
    public Tensor Le(float value) => Compare(Scalar(value), (x, y) => x <= y);

    /// <summary>this == value.</summary>
    public Tensor Eq(float value) => Compare(Scalar(value), (x, y) => x == y);

    /// <summary>this != value.</summary>
    public Tensor Ne(float value) => Compare(Scalar(value), (x, y) => x != y);

    /// <summary>Logical not of a bool tensor (PyTorch <c>torch.logical_not</c>).</summary>
    public Tensor LogicalNot()
    {
        var b = ToBoolArray();
        for (var i = 0; i < b.Length; i++)
        {
            b[i] = !b[i];
        }

        return new Tensor(b, (int[])ShapeArray.Clone());
    }

    /// <summary>Logical and with broadcasting (PyTorch <c>torch.logical_and</c>).</summary>
    public Tensor LogicalAnd(Tensor other) => Compare(other, (x, y) => x != 0 && y != 0);

    /// <summary>Logical or with broadcasting (PyTorch <c>torch.logical_or</c>).</summary>
    public Tensor LogicalOr(Tensor other) => Compare(other, (x, y) => x != 0 || y != 0);

    /// <summary>True if any element is non-zero / true.</summary>
    public bool Any() => ToBoolArray().Contains(true);

    /// <summary>True if all elements are non-zero / true.</summary>
    public bool All() => !ToBoolArray().Contains(false);

    private Tensor Compare(Tensor other, Func<double, double, bool> f)
    {
        ArgumentNullException.ThrowIfNull(other);
        var shape = Shapes.Broadcast(ShapeArray, other.ShapeArray);
        var x = AsDoubles(Detach().Expand(shape));
        var y = AsDoubles(other.Detach().Expand(shape));
        var r = new bool[x.Length];
        for (var i = 0; i < r.Length; i++)
        {
            r[i] = f(x[i], y[i]);
        }

        return new Tensor(r, shape);
    }

    private static double[] AsDoubles(Tensor t) => t.DType switch
    {
        DType.Float32 => Array.ConvertAll(t.ToArray(), v => (double)v),
        DType.Float64 => t.ToFloat64Array(),
        DType.Int64 => Array.ConvertAll(t.ToInt64Array(), v => (double)v),
        _ => Array.ConvertAll(t.ToBoolArray(), v => v ? 1.0 : 0.0),
    };
}
