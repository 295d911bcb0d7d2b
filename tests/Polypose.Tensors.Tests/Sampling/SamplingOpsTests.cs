using Polypose.Tensors.Kernels;
using Polypose.Tensors.Ops;
using Polypose.Tensors.Tests.Kernels;

namespace Polypose.Tensors.Tests.Sampling;

[Trait("Stage", "Tensors")]
public sealed class SamplingOpsTests
{
    [Theory]
    [InlineData(GridSamplePadding.Zeros, false)]
    [InlineData(GridSamplePadding.Border, true)]
    public void GridSample_FiniteDifferences_MatchInputAndGridGradients(GridSamplePadding padding, bool alignCorners)
    {
        GradCheck.Run(
            x => GridSampleOps.GridSample(x[0], x[1], padding, alignCorners),
            [KernelAssert.Random(2 * 2 * 4 * 5, 141), KernelAssert.Random(2 * 3 * 2 * 2, 142, 1.1f)],
            [[2, 2, 4, 5], [2, 3, 2, 2]],
            143,
            eps: 1e-3f,
            atol: 1e-2);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Interpolate_FiniteDifferences_MatchGradients(bool alignCorners)
    {
        GradCheck.Run(x => ResizeOps.Interpolate(x[0], 7, 3, alignCorners), [KernelAssert.Random(2 * 4 * 5, 151)], [[1, 2, 4, 5]], 152);
    }

    [Fact]
    public void Interpolate_Output_HasRequestedShape()
    {
        Assert.Equal([1, 3, 8, 2], ResizeOps.Interpolate(Tensor.Zeros(1, 3, 4, 4), 8, 2).Shape);
    }
}
