using Polypose.Tensors.Kernels;
using Polypose.Tensors.Tests.Kernels;

namespace Polypose.Tensors.Tests.Conv;

/// <summary>"Same" 3×3 depthwise gradients (padded-grid weight kernel, flipped-kernel input kernel) vs the scalar definition.</summary>
[Trait("Stage", "Tensors")]
public sealed class DepthwiseWeightGradTests
{
    // batch, channels, H, W
    [Theory]
    [InlineData(1, 4, 56, 56)]
    [InlineData(2, 3, 9, 17)]
    [InlineData(1, 2, 1, 3)]
    [InlineData(2, 5, 4, 1)]
    [InlineData(1, 3, 23, 40)]
    public void Backward_SameDepthwise3x3_MatchesScalarReference(int batch, int channels, int height, int width)
    {
        // Arrange
        var g = new Conv2dGeometry(batch, channels, height, width, channels, 3, 3, 1, 1, 1, 1, 1, 1, channels);
        var x = KernelAssert.Random(g.InputSize, 51);
        var w = KernelAssert.Random(g.WeightSize, 52);
        var dy = KernelAssert.Random(g.OutputSize, 53);
        var dx = Enumerable.Repeat(float.NaN, g.InputSize).ToArray();
        var dw = Enumerable.Repeat(float.NaN, g.WeightSize).ToArray();

        // Act
        Conv2dKernel.BackwardInput(g, dy, w, dx);
        Conv2dKernel.BackwardWeight(g, x, dy, dw);

        // Assert
        KernelAssert.Close(NaiveConv.GradInput(g, dy, w), dx);
        KernelAssert.Close(NaiveConv.GradWeight(g, x, dy), dw, atol: 2e-3);
    }
}
