using Polypose.Tensors.Autograd;
using Xunit.Sdk;

namespace Polypose.Tensors.Tests.Autograd;

[Trait("Stage", "Tensors")]
public sealed class AutogradTests
{
    /// <summary>A custom op computed in double: y = x³, dy/dx = 3x².</summary>
    private sealed class CubeInDouble : Function
    {
        public override string Name => "CubeInDouble";

        protected override Tensor[] Forward(Tensor[] inputs)
        {
            SaveForBackward(inputs[0]);
            var x = inputs[0].ToArray();
            var y = Array.ConvertAll(x, v => (double)v * v * v);
            return [Tensor.FromArray(y, inputs[0].Shape)];
        }

        protected override Tensor?[] Backward(Tensor[] gradOutputs)
        {
            var x = SavedTensors[0];
            return [NeedsInputGrad(0) ? gradOutputs[0] * x * x * 3f : null];
        }
    }

    /// <summary>Two outputs (sum and product of a pair); the second output may go unused.</summary>
    private sealed class SumAndProduct : Function
    {
        protected override Tensor[] Forward(Tensor[] inputs)
        {
            SaveForBackward(inputs[0], inputs[1]);
            return [inputs[0] + inputs[1], inputs[0] * inputs[1]];
        }

        protected override Tensor?[] Backward(Tensor[] g)
        {
            var (a, b) = (SavedTensors[0], SavedTensors[1]);
            return [g[0] + (g[1] * b), g[0] + (g[1] * a)];
        }
    }

    private sealed class WrongGradient : Function
    {
        protected override Tensor[] Forward(Tensor[] inputs) => [inputs[0] * inputs[0]];

        protected override Tensor?[] Backward(Tensor[] gradOutputs) => [gradOutputs[0]];
    }

    private sealed class WrongShape : Function
    {
        protected override Tensor[] Forward(Tensor[] inputs) => [inputs[0].Sum()];

        protected override Tensor?[] Backward(Tensor[] gradOutputs) => [gradOutputs[0]];
    }

    [Fact]
    public void CustomFunction_DoubleForward_PassesGradCheck()
    {
        GradCheck.Check(x => new CubeInDouble().Apply(x[0]), GradCheck.Input(1, 3, 2));
    }

    [Fact]
    public void CustomFunction_MultipleOutputs_PassesGradCheck()
    {
        GradCheck.Check(x => new SumAndProduct().ApplyMany(x[0], x[1])[1].Exp(), GradCheck.Input(2, 4), GradCheck.Input(3, 4));
        GradCheck.Check(x =>
        {
            var o = new SumAndProduct().ApplyMany(x[0], x[1]);
            return o[0] * o[1];
        }, GradCheck.Input(4, 4), GradCheck.Input(5, 4));
    }

    [Fact]
    public void GradCheck_WrongBackward_Fails()
    {
        Assert.Throws<TrueException>(() => GradCheck.Check(x => new WrongGradient().Apply(x[0]), GradCheck.Input(6, 3)));
    }

    [Fact]
    public void CustomFunction_WrongGradientShape_ThrowsNamingOp()
    {
        var x = Tensor.Ones(3).SetRequiresGrad();
        var y = new WrongShape().Apply(x);
        var e = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("WrongShape", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomFunction_AppliedTwice_Throws()
    {
        var f = new CubeInDouble();
        f.Apply(Tensor.Ones(2));
        Assert.Throws<InvalidOperationException>(() => f.Apply(Tensor.Ones(2)));
    }

    [Fact]
    public void CustomFunction_RecordsName()
    {
        var y = new CubeInDouble().Apply(Tensor.Ones(2).SetRequiresGrad());
        Assert.Equal("CubeInDouble", y.GradFnName);
    }

    [Fact]
    public void Backward_CalledTwice_AccumulatesGradient()
    {
        var x = Tensor.FromArray([1f, 2f]).SetRequiresGrad();
        (x * x).Sum().Backward();
        (x * x).Sum().Backward();
        Assert.Equal([4f, 8f], x.Grad!.ToArray());
    }

    [Fact]
    public void Backward_SharedSubexpression_SumsPaths()
    {
        // y = x·x + x ⇒ dy/dx = 2x + 1
        var x = Tensor.FromArray([3f, -1f]).SetRequiresGrad();
        ((x * x) + x).Sum().Backward();
        Assert.Equal([7f, -1f], x.Grad!.ToArray());
    }

    [Fact]
    public void NoGrad_Scope_DisablesRecordingAndRestores()
    {
        var x = Tensor.Ones(2).SetRequiresGrad();
        using (Tensor.NoGrad())
        {
            Assert.False(GradMode.IsEnabled);
            var y = x * 2f;
            Assert.False(y.RequiresGrad);
            Assert.Null(y.GradFnName);
        }

        Assert.True(GradMode.IsEnabled);
        Assert.True((x * 2f).RequiresGrad);
    }

    [Fact]
    public void Detach_SharesStorageWithoutGraph()
    {
        var x = Tensor.Ones(2).SetRequiresGrad();
        var y = (x * 2f).Detach();
        Assert.False(y.RequiresGrad);
        Assert.True(y.IsLeaf);
    }

    [Fact]
    public void Backward_NonScalarWithoutGradient_Throws()
    {
        var x = Tensor.Ones(2).SetRequiresGrad();
        Assert.Throws<InvalidOperationException>(() => (x * 2f).Backward());
    }

    [Fact]
    public void Backward_ExplicitGradient_IsVectorJacobianProduct()
    {
        var x = Tensor.FromArray([1f, 2f, 3f]).SetRequiresGrad();
        (x * x).Backward(Tensor.FromArray([1f, 0f, 2f]));
        Assert.Equal([2f, 0f, 12f], x.Grad!.ToArray());
    }

    [Fact]
    public void Backward_OnlyLeavesRequiringGradReceiveGrad()
    {
        var a = Tensor.Ones(2).SetRequiresGrad();
        var b = Tensor.Ones(2);
        (a * b).Sum().Backward();
        Assert.NotNull(a.Grad);
        Assert.Null(b.Grad);
    }

    [Fact]
    public void RequiresGrad_OnInt64_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Tensor.Arange(3, DType.Int64).SetRequiresGrad());
    }
}
