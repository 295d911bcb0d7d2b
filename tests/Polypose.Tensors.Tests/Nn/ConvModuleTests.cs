using Polypose.Tensors.Nn;
using Polypose.Tensors.Ops;

namespace Polypose.Tensors.Tests.Nn;

[Trait("Stage", "Tensors")]
public sealed class ConvModuleTests
{
    [Fact]
    public void Conv2d_Module_MatchesFunctional_AndHasPyTorchKeys()
    {
        var conv = new Conv2d(4, 6, 3, new Generator(1), stride: 2, padding: 1, groups: 2);
        Assert.Equal(["weight", "bias"], conv.StateDict().Keys);
        Assert.Equal([6, 2, 3, 3], conv.Weight.Shape);
        var x = Tensor.Randn(new Generator(2), 2, 4, 7, 7);
        var y = conv.Forward(x);
        Assert.Equal([2, 6, 4, 4], y.Shape);
        Assert.Equal(ConvOps.Conv2d(x, conv.Weight, conv.Bias, 2, 1, 1, 2).ToArray(), y.ToArray());
        var bound = 1 / Math.Sqrt(2 * 9);
        Assert.All(conv.Bias!.ToArray(), v => Assert.InRange(v, -bound, bound));
    }

    [Fact]
    public void ConvTranspose2d_Module_UpsamplesAndTrains()
    {
        var deconv = new ConvTranspose2d(3, 2, 4, new Generator(3), stride: 2, padding: 1);
        var x = Tensor.Randn(new Generator(4), 1, 3, 5, 5);
        var y = deconv.Forward(x);
        Assert.Equal([1, 2, 10, 10], y.Shape);
        y.Square().Mean().Backward();
        Assert.NotNull(deconv.Weight.Grad);
        Assert.Equal(deconv.Weight.Shape, deconv.Weight.Grad!.Shape);
    }
}
