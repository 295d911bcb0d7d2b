using System.Numerics.Tensors;
using Polypose.Tensors.Autograd;
using Polypose.Tensors.Internal;

namespace Polypose.Tensors;

public sealed partial class Tensor
{
    /// <summary>this + other with broadcasting (PyTorch <c>torch.add</c>).</summary>
    public Tensor Add(Tensor other)
    {
        var r = Elementwise.Map2(this, other, TensorPrimitives.Add, TensorPrimitives.Add, TensorPrimitives.Add);
        var (sa, sb) = (ShapeArray, other.ShapeArray);
        return OpNode.Record(r, "Add", [this, other], g => [g.SumTo(sa), g.SumTo(sb)]);
    }

    /// <summary>this - other with broadcasting (PyTorch <c>torch.sub</c>).</summary>
    public Tensor Sub(Tensor other)
    {
        var r = Elementwise.Map2(this, other, TensorPrimitives.Subtract, TensorPrimitives.Subtract, (y, x, d) => TensorPrimitives.Subtract(x, y, d));
        var (sa, sb) = (ShapeArray, other.ShapeArray);
        return OpNode.Record(r, "Sub", [this, other], g => [g.SumTo(sa), other.RequiresGrad ? g.Neg().SumTo(sb) : null]);
    }

    /// <summary>this * other with broadcasting (PyTorch <c>torch.mul</c>).</summary>
    public Tensor Mul(Tensor other)
    {
        var r = Elementwise.Map2(this, other, TensorPrimitives.Multiply, TensorPrimitives.Multiply, TensorPrimitives.Multiply);
        var a = this;
        return OpNode.Record(r, "Mul", [this, other], g =>
            [a.RequiresGrad ? g.Mul(other).SumTo(a.ShapeArray) : null, other.RequiresGrad ? g.Mul(a).SumTo(other.ShapeArray) : null]);
    }

    /// <summary>this / other with broadcasting (PyTorch <c>torch.div</c>); x/0 gives ±inf as in IEEE.</summary>
    public Tensor Div(Tensor other)
    {
        var r = Elementwise.Map2(this, other, TensorPrimitives.Divide, TensorPrimitives.Divide, (y, x, d) => TensorPrimitives.Divide(x, y, d));
        var a = this;
        return OpNode.Record(r, "Div", [this, other], g =>
            [a.RequiresGrad ? g.Div(other).SumTo(a.ShapeArray) : null,
             other.RequiresGrad ? g.Mul(r.Detach()).Div(other).Neg().SumTo(other.ShapeArray) : null]);
    }

    /// <summary>this + value.</summary>
    public Tensor Add(float value)
    {
        var r = Elementwise.Map(this, (x, d) => TensorPrimitives.Add(x, value, d));
        return OpNode.Record(r, "AddScalar", this, g => g);
    }

    /// <summary>this * value.</summary>
    public Tensor Mul(float value)
    {
        var r = Elementwise.Map(this, (x, d) => TensorPrimitives.Multiply(x, value, d));
        return OpNode.Record(r, "MulScalar", this, g => g.Mul(value));
    }

    /// <summary>this - value.</summary>
    public Tensor Sub(float value) => Add(-value);

    /// <summary>this / value.</summary>
    public Tensor Div(float value)
    {
        var r = Elementwise.Map(this, (x, d) => TensorPrimitives.Divide(x, value, d));
        return OpNode.Record(r, "DivScalar", this, g => g.Div(value));
    }

    /// <summary>value / this.</summary>
    public Tensor RDiv(float value)
    {
        var r = Elementwise.Map(this, (x, d) => TensorPrimitives.Divide(value, x, d));
        var x = this;
        return OpNode.Record(r, "RDivScalar", this, g => Elementwise.Zip(g, r, x, (gg, y, xx) => -gg * y / xx));
    }

    /// <summary>-this (PyTorch <c>torch.neg</c>).</summary>
    public Tensor Neg()
    {
        var r = Elementwise.Map(this, TensorPrimitives.Negate);
        return OpNode.Record(r, "Neg", this, g => g.Neg());
    }

    /// <summary>this ^ exponent element-wise (PyTorch <c>torch.pow</c> with a scalar exponent).</summary>
    public Tensor Pow(float exponent)
    {
        Tensor r = exponent switch
        {
            2f => Elementwise.Map(this, (x, d) => TensorPrimitives.Multiply(x, x, d)),
            1f => Elementwise.Map(this, (x, d) => x.CopyTo(d)),
            _ => Elementwise.Map(this, (x, d) => TensorPrimitives.Pow(x, exponent, d)),
        };
        var x = this;
        return OpNode.Record(r, "Pow", this, g => Elementwise.Zip(g, x, (gg, xx) => exponent == 0f ? 0f : gg * exponent * MathF.Pow(xx, exponent - 1f)));
    }

    /// <summary>this ^ exponent element-wise with broadcasting (PyTorch <c>torch.pow</c>); gradient w.r.t. the exponent uses log(this).</summary>
    public Tensor Pow(Tensor exponent)
    {
        var r = Elementwise.Map2(this, exponent, TensorPrimitives.Pow);
        var a = this;
        return OpNode.Record(r, "PowTensor", [this, exponent], g =>
        {
            var shape = r.ShapeArray;
            var ax = a.Detach().Expand(shape);
            var ex = exponent.Detach().Expand(shape);
            var ga = a.RequiresGrad ? Elementwise.Zip(g, ax.Contiguous(), ex.Contiguous(), (gg, x, p) => p == 0f ? 0f : gg * p * MathF.Pow(x, p - 1f)).SumTo(a.ShapeArray) : null;
            var ge = exponent.RequiresGrad ? Elementwise.Zip(g, r, ax.Contiguous(), (gg, y, x) => x > 0f ? gg * y * MathF.Log(x) : 0f).SumTo(exponent.ShapeArray) : null;
            return [ga, ge];
        });
    }

    /// <summary>Element-wise maximum with broadcasting (PyTorch <c>torch.maximum</c>); ties send the gradient to this.</summary>
    public Tensor Maximum(Tensor other)
    {
        var r = Elementwise.Map2(this, other, TensorPrimitives.Max);
        var a = this;
        return OpNode.Record(r, "Maximum", [this, other], g =>
        {
            var pick = a.Ge(other);
            return [a.RequiresGrad ? Where(pick, g, 0f).SumTo(a.ShapeArray) : null, other.RequiresGrad ? Where(pick, 0f, g).SumTo(other.ShapeArray) : null];
        });
    }

    /// <summary>Element-wise minimum with broadcasting (PyTorch <c>torch.minimum</c>); ties send the gradient to this.</summary>
    public Tensor Minimum(Tensor other)
    {
        var r = Elementwise.Map2(this, other, TensorPrimitives.Min);
        var a = this;
        return OpNode.Record(r, "Minimum", [this, other], g =>
        {
            var pick = a.Le(other);
            return [a.RequiresGrad ? Where(pick, g, 0f).SumTo(a.ShapeArray) : null, other.RequiresGrad ? Where(pick, 0f, g).SumTo(other.ShapeArray) : null];
        });
    }

    /// <summary>Sums a broadcast gradient back to <paramref name="shape"/> (inverse of broadcasting).</summary>
    internal Tensor SumTo(int[] shape)
    {
        if (Shapes.Equal(ShapeArray, shape))
        {
            return this;
        }

        var lead = NDim - shape.Length;
        var dims = new List<int>();
        for (var i = 0; i < NDim; i++)
        {
            if (i < lead || (shape[i - lead] == 1 && ShapeArray[i] != 1))
            {
                dims.Add(i);
            }
        }

        var s = dims.Count == 0 ? this : Sum([.. dims], keepDim: true);
        return s.Reshape(shape);
    }

    /// <summary>Element-wise addition with broadcasting.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => a.Add(b);

    /// <summary>Element-wise subtraction with broadcasting.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => a.Sub(b);

    /// <summary>Element-wise product with broadcasting.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => a.Mul(b);

    /// <summary>Element-wise quotient with broadcasting.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => a.Div(b);

    /// <summary>Adds a scalar.</summary>
    public static Tensor operator +(Tensor a, float b) => a.Add(b);

    /// <summary>Adds a scalar.</summary>
    public static Tensor operator +(float a, Tensor b) => b.Add(a);

    /// <summary>Subtracts a scalar.</summary>
    public static Tensor operator -(Tensor a, float b) => a.Add(-b);

    /// <summary>Scalar minus tensor.</summary>
    public static Tensor operator -(float a, Tensor b) => b.Neg().Add(a);

    /// <summary>Multiplies by a scalar.</summary>
    public static Tensor operator *(Tensor a, float b) => a.Mul(b);

    /// <summary>Multiplies by a scalar.</summary>
    public static Tensor operator *(float a, Tensor b) => b.Mul(a);

    /// <summary>Divides by a scalar.</summary>
    public static Tensor operator /(Tensor a, float b) => a.Div(b);

    /// <summary>Scalar divided by tensor.</summary>
    public static Tensor operator /(float a, Tensor b) => b.RDiv(a);

    /// <summary>Negation.</summary>
    public static Tensor operator -(Tensor a) => a.Neg();
}
