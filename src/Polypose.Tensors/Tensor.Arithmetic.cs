using System.Numerics.Tensors;
using Polypose.Tensors.Autograd;
using Polypose.Tensors.Internal;

namespace Polypose.Tensors;

public sealed partial class Tensor
{
    /// <summary>this + other with broadcasting (PyTorch <c>torch.add</c>); float32 or float64, both the same.</summary>
    public Tensor Add(Tensor other) => DType == DType.Float64 ? AddOf<double>(other) : AddOf<float>(other);

    /// <summary>this - other with broadcasting (PyTorch <c>torch.sub</c>).</summary>
    public Tensor Sub(Tensor other) => DType == DType.Float64 ? SubOf<double>(other) : SubOf<float>(other);

    /// <summary>this * other with broadcasting (PyTorch <c>torch.mul</c>).</summary>
    public Tensor Mul(Tensor other) => DType == DType.Float64 ? MulOf<double>(other) : MulOf<float>(other);

    /// <summary>this / other with broadcasting (PyTorch <c>torch.div</c>); x/0 gives ±inf as in IEEE.</summary>
    public Tensor Div(Tensor other) => DType == DType.Float64 ? DivOf<double>(other) : DivOf<float>(other);

    /// <summary>this + value.</summary>
    public Tensor Add(float value) => DType == DType.Float64 ? AddOf((double)value) : AddOf(value);

    /// <summary>this + value, exact for float64 tensors (rounded to float for float32 ones).</summary>
    public Tensor Add(double value) => DType == DType.Float64 ? AddOf(value) : AddOf((float)value);

    /// <summary>this * value.</summary>
    public Tensor Mul(float value) => DType == DType.Float64 ? MulOf((double)value) : MulOf(value);

    /// <summary>this * value, exact for float64 tensors (rounded to float for float32 ones).</summary>
    public Tensor Mul(double value) => DType == DType.Float64 ? MulOf(value) : MulOf((float)value);

    /// <summary>this - value.</summary>
    public Tensor Sub(float value) => Add(-value);

    /// <summary>this - value, exact for float64 tensors.</summary>
    public Tensor Sub(double value) => Add(-value);

    /// <summary>this / value.</summary>
    public Tensor Div(float value) => DType == DType.Float64 ? DivOf((double)value) : DivOf(value);

    /// <summary>this / value, exact for float64 tensors (rounded to float for float32 ones).</summary>
    public Tensor Div(double value) => DType == DType.Float64 ? DivOf(value) : DivOf((float)value);

    /// <summary>value / this.</summary>
    public Tensor RDiv(float value) => DType == DType.Float64 ? RDivOf((double)value) : RDivOf(value);

    /// <summary>value / this, exact for float64 tensors.</summary>
    public Tensor RDiv(double value) => DType == DType.Float64 ? RDivOf(value) : RDivOf((float)value);

    /// <summary>-this (PyTorch <c>torch.neg</c>).</summary>
    public Tensor Neg()
    {
        var r = DType == DType.Float64 ? Elementwise.Map<double>(this, TensorPrimitives.Negate) : Elementwise.Map(this, TensorPrimitives.Negate);
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
        var r = DType == DType.Float64 ? Elementwise.Map2<double>(this, other, TensorPrimitives.Max) : Elementwise.Map2(this, other, TensorPrimitives.Max);
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
        var r = DType == DType.Float64 ? Elementwise.Map2<double>(this, other, TensorPrimitives.Min) : Elementwise.Map2(this, other, TensorPrimitives.Min);
        var a = this;
        return OpNode.Record(r, "Minimum", [this, other], g =>
        {
            var pick = a.Le(other);
            return [a.RequiresGrad ? Where(pick, g, 0f).SumTo(a.ShapeArray) : null, other.RequiresGrad ? Where(pick, 0f, g).SumTo(other.ShapeArray) : null];
        });
    }

    private Tensor AddOf<T>(Tensor other)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = Elementwise.Map2<T>(this, other, TensorPrimitives.Add, TensorPrimitives.Add, TensorPrimitives.Add);
        var (sa, sb) = (ShapeArray, other.ShapeArray);
        return OpNode.Record(r, "Add", [this, other], g => [g.SumTo(sa), g.SumTo(sb)]);
    }

    private Tensor SubOf<T>(Tensor other)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = Elementwise.Map2<T>(this, other, TensorPrimitives.Subtract, TensorPrimitives.Subtract, static (y, x, d) => TensorPrimitives.Subtract(x, y, d));
        var (sa, sb) = (ShapeArray, other.ShapeArray);
        return OpNode.Record(r, "Sub", [this, other], g => [g.SumTo(sa), other.RequiresGrad ? g.Neg().SumTo(sb) : null]);
    }

    private Tensor MulOf<T>(Tensor other)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = Elementwise.Map2<T>(this, other, TensorPrimitives.Multiply, TensorPrimitives.Multiply, TensorPrimitives.Multiply);
        var a = this;
        return OpNode.Record(r, "Mul", [this, other], g =>
            [a.RequiresGrad ? g.Mul(other).SumTo(a.ShapeArray) : null, other.RequiresGrad ? g.Mul(a).SumTo(other.ShapeArray) : null]);
    }

    private Tensor DivOf<T>(Tensor other)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = Elementwise.Map2<T>(this, other, TensorPrimitives.Divide, TensorPrimitives.Divide, static (y, x, d) => TensorPrimitives.Divide(x, y, d));
        var a = this;
        return OpNode.Record(r, "Div", [this, other], g =>
            [a.RequiresGrad ? g.Div(other).SumTo(a.ShapeArray) : null,
             other.RequiresGrad ? g.Mul(r.Detach()).Div(other).Neg().SumTo(other.ShapeArray) : null]);
    }

    private Tensor AddOf<T>(T value)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = Elementwise.Map<T>(this, (x, d) => TensorPrimitives.Add(x, value, d));
        return OpNode.Record(r, "AddScalar", this, g => g);
    }

    private Tensor MulOf<T>(T value)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = Elementwise.Map<T>(this, (x, d) => TensorPrimitives.Multiply(x, value, d));
        return OpNode.Record(r, "MulScalar", this, g => g.MulOf(value));
    }

    private Tensor DivOf<T>(T value)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = Elementwise.Map<T>(this, (x, d) => TensorPrimitives.Divide(x, value, d));
        return OpNode.Record(r, "DivScalar", this, g => g.DivOf(value));
    }

    private Tensor RDivOf<T>(T value)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = Elementwise.Map<T>(this, (x, d) => TensorPrimitives.Divide(value, x, d));
        return OpNode.Record(r, "RDivScalar", this, g => g.Mul(r.Detach()).Div(this).Neg());
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

    /// <summary>Adds a double scalar (exact for float64 tensors).</summary>
    public static Tensor operator +(Tensor a, double b) => a.Add(b);

    /// <summary>Subtracts a double scalar (exact for float64 tensors).</summary>
    public static Tensor operator -(Tensor a, double b) => a.Add(-b);

    /// <summary>Multiplies by a double scalar (exact for float64 tensors).</summary>
    public static Tensor operator *(Tensor a, double b) => a.Mul(b);

    /// <summary>Divides by a double scalar (exact for float64 tensors).</summary>
    public static Tensor operator /(Tensor a, double b) => a.Div(b);

    /// <summary>Adds a double scalar (exact for float64 tensors).</summary>
    public static Tensor operator +(double a, Tensor b) => b.Add(a);

    /// <summary>Double scalar minus tensor (exact for float64 tensors).</summary>
    public static Tensor operator -(double a, Tensor b) => b.Neg().Add(a);

    /// <summary>Multiplies by a double scalar (exact for float64 tensors).</summary>
    public static Tensor operator *(double a, Tensor b) => b.Mul(a);

    /// <summary>Double scalar divided by tensor (exact for float64 tensors).</summary>
    public static Tensor operator /(double a, Tensor b) => b.RDiv(a);

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
