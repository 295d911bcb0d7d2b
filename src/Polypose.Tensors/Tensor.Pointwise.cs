using System.Numerics.Tensors;
using Polypose.Tensors.Autograd;
using Polypose.Tensors.Internal;

namespace Polypose.Tensors;

public sealed partial class Tensor
{
    /// <summary>e^x (PyTorch <c>torch.exp</c>); float32 or float64.</summary>
    public Tensor Exp() => DType == DType.Float64 ? ExpOf<double>() : ExpOf<float>();

    /// <summary>Natural log; log(0) = -inf, log(x &lt; 0) = NaN as in IEEE (PyTorch <c>torch.log</c>); float32 or float64.</summary>
    public Tensor Log() => DType == DType.Float64 ? LogOf<double>() : LogOf<float>();

    /// <summary>log(1 + x), accurate for small |x| (PyTorch <c>torch.log1p</c>); float32 or float64.</summary>
    public Tensor Log1P() => DType == DType.Float64 ? Log1POf<double>() : Log1POf<float>();

    /// <summary>Square root (PyTorch <c>torch.sqrt</c>); float32 or float64.</summary>
    public Tensor Sqrt() => DType == DType.Float64 ? SqrtOf<double>() : SqrtOf<float>();

    /// <summary>1 / sqrt(x) (PyTorch <c>torch.rsqrt</c>).</summary>
    public Tensor Rsqrt()
    {
        RequireFloat(nameof(Rsqrt));
        var r = Elementwise.Map(this, TensorPrimitives.ReciprocalSqrt);
        return OpNode.Record(r, "Rsqrt", this, g => Elementwise.Zip(g, r, (gg, y) => -0.5f * gg * y * y * y));
    }

    /// <summary>|x|; the gradient at 0 is 0 (PyTorch <c>torch.abs</c>); float32 or float64.</summary>
    public Tensor Abs() => DType == DType.Float64 ? AbsOf<double>() : AbsOf<float>();

    /// <summary>Clamps into [min, max] (either bound may be null); gradient passes where min ≤ x ≤ max (PyTorch <c>torch.clamp</c>).</summary>
    public Tensor Clamp(float? min = null, float? max = null)
        => DType == DType.Float64 ? ClampOf(min ?? double.NegativeInfinity, max ?? double.PositiveInfinity) : ClampOf(min ?? float.NegativeInfinity, max ?? float.PositiveInfinity);

    /// <summary>Clamps into [min, max] with double bounds, exact for float64 tensors (see <see cref="Clamp(float?, float?)"/>).</summary>
    public Tensor Clamp(double? min, double? max)
        => DType == DType.Float64 ? ClampOf(min ?? double.NegativeInfinity, max ?? double.PositiveInfinity) : ClampOf((float)(min ?? double.NegativeInfinity), (float)(max ?? double.PositiveInfinity));

    /// <summary>Hyperbolic tangent (PyTorch <c>torch.tanh</c>).</summary>
    public Tensor Tanh()
    {
        RequireFloat(nameof(Tanh));
        var r = Elementwise.Map(this, TensorPrimitives.Tanh);
        return OpNode.Record(r, "Tanh", this, g => Elementwise.Zip(g, r, (gg, y) => gg * (1f - (y * y))));
    }

    /// <summary>1 / (1 + e^-x) (PyTorch <c>torch.sigmoid</c>).</summary>
    public Tensor Sigmoid()
    {
        RequireFloat(nameof(Sigmoid));
        var r = Elementwise.Map(this, ScalarMath.Sigmoid);
        return OpNode.Record(r, "Sigmoid", this, g => Elementwise.Zip(g, r, (gg, y) => gg * y * (1f - y)));
    }

    /// <summary>max(x, 0); gradient 0 at x = 0 (PyTorch <c>torch.relu</c>).</summary>
    public Tensor Relu()
    {
        RequireFloat(nameof(Relu));
        var r = Elementwise.Map(this, (x, d) => TensorPrimitives.Max(x, 0f, d));
        var x = this;
        return OpNode.Record(r, "Relu", this, g => Elementwise.Zip(g, x, (gg, xx) => xx > 0 ? gg : 0f));
    }

    /// <summary>x for x &gt; 0, slope·x otherwise (PyTorch <c>F.leaky_relu</c>).</summary>
    public Tensor LeakyRelu(float negativeSlope = 0.01f)
    {
        RequireFloat(nameof(LeakyRelu));
        var r = Elementwise.Map(this, x => x > 0 ? x : negativeSlope * x);
        var x = this;
        return OpNode.Record(r, "LeakyRelu", this, g => Elementwise.Zip(g, x, (gg, xx) => xx > 0 ? gg : negativeSlope * gg));
    }

    /// <summary>GELU, exact erf form x·Φ(x) (PyTorch <c>F.gelu</c> with approximate='none'); vectorised, |error| ≤ 1e-7·|x| + 1 ulp (see <see cref="Kernels.GeluKernel"/>).</summary>
    public Tensor Gelu()
    {
        RequireFloat(nameof(Gelu));
        var r = NewUninitialized((int[])ShapeArray.Clone(), out var y);
        Kernels.GeluKernel.Forward(ReadSpan(), y);
        var x = this;
        return OpNode.Record(r, "Gelu", this, g =>
        {
            var gx = NewUninitialized((int[])x.ShapeArray.Clone(), out var dx);
            Kernels.GeluKernel.Backward(x.ReadSpan(), g.ReadSpan(), dx);
            return gx;
        });
    }

    /// <summary>x·sigmoid(x) (PyTorch <c>F.silu</c>).</summary>
    public Tensor Silu()
    {
        RequireFloat(nameof(Silu));
        // Vectorised forward (TensorPrimitives.Sigmoid, then the product); the backward keeps the scalar formula.
        var r = Elementwise.Map<float>(this, static (src, dst) =>
        {
            src.CopyTo(dst);
            Kernels.Epilogue.Apply(dst, Kernels.FusedActivation.Silu);
        });
        var x = this;
        return OpNode.Record(r, "Silu", this, g => Elementwise.Zip(g, x, (gg, xx) =>
        {
            var s = ScalarMath.Sigmoid(xx);
            return gg * (s + (xx * s * (1f - s)));
        }));
    }

    /// <summary>log(1 + e^(βx))/β, linear above threshold (PyTorch <c>F.softplus</c>).</summary>
    public Tensor Softplus(float beta = 1f, float threshold = 20f)
    {
        RequireFloat(nameof(Softplus));
        var r = Elementwise.Map(this, x => ScalarMath.Softplus(beta * x, threshold) / beta);
        var x = this;
        return OpNode.Record(r, "Softplus", this, g => Elementwise.Zip(g, x, (gg, xx) => beta * xx > threshold ? gg : gg * ScalarMath.Sigmoid(beta * xx)));
    }

    /// <summary>Error function (PyTorch <c>torch.erf</c>); absolute error below 2e-7.</summary>
    public Tensor Erf()
    {
        RequireFloat(nameof(Erf));
        var r = Elementwise.Map(this, x => (float)ScalarMath.Erf(x));
        var x = this;
        return OpNode.Record(r, "Erf", this, g => Elementwise.Zip(g, x, (gg, xx) => gg * (float)ScalarMath.ErfGrad(xx)));
    }

    /// <summary>x², a shorthand for <c>Pow(2)</c> (PyTorch <c>torch.square</c>); float32 or float64.</summary>
    public Tensor Square() => DType == DType.Float64 ? Mul(this) : Pow(2f);

    private Tensor ExpOf<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireFloating(nameof(Exp));
        var r = Elementwise.Map<T>(this, TensorPrimitives.Exp);
        return OpNode.Record(r, "Exp", this, g => g.Mul(r.Detach()));
    }

    private Tensor LogOf<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireFloating(nameof(Log));
        var r = Elementwise.Map<T>(this, TensorPrimitives.Log);
        var x = Detach();
        return OpNode.Record(r, "Log", this, g => g.Div(x));
    }

    private Tensor Log1POf<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireFloating(nameof(Log1P));
        var r = Elementwise.Map<T>(this, T.LogP1);
        var x = Detach();
        return OpNode.Record(r, "Log1P", this, g => g.Div(x.Add(1.0)));
    }

    private Tensor SqrtOf<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireFloating(nameof(Sqrt));
        var r = Elementwise.Map<T>(this, TensorPrimitives.Sqrt);
        var half = T.CreateTruncating(0.5);
        return OpNode.Record(r, "Sqrt", this, g => Elementwise.Zip<T>(g, r, (gg, y) => half * gg / y));
    }

    private Tensor AbsOf<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireFloating(nameof(Abs));
        var r = Elementwise.Map<T>(this, TensorPrimitives.Abs);
        var x = this;
        return OpNode.Record(r, "Abs", this, g => Elementwise.Zip<T>(g, x, static (gg, xx) => xx > T.Zero ? gg : xx < T.Zero ? -gg : T.Zero));
    }

    private Tensor ClampOf<T>(T lo, T hi)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireFloating(nameof(Clamp));
        var r = Elementwise.Map<T>(this, (x, d) =>
        {
            TensorPrimitives.Max(x, lo, d);
            TensorPrimitives.Min(d, hi, d);
        });
        var x = this;
        return OpNode.Record(r, "Clamp", this, g => Elementwise.Zip<T>(g, x, (gg, xx) => xx >= lo && xx <= hi ? gg : T.Zero));
    }
}
