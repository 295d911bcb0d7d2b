using Polypose.Tensors.Kernels;
using Polypose.Tensors.Tests.Kernels;

namespace Polypose.Tensors.Tests.Conv;

/// <summary>
/// Stride-1 geometries large enough for the padded-grid direct kernels (forward, flipped-kernel input gradient,
/// dot-product weight gradient): channel counts not multiples of the 8×32 / 2×9 tiles, output rows spanning tile
/// boundaries, dilation, groups and batches, checked against the scalar definition.
/// </summary>
[Trait("Stage", "Tensors")]
public sealed class Conv2dDirectKernelTests
{
    // batch, C, H, W, K, KH, KW, pad, dilation, groups
    public static TheoryData<int[]> Geometries() => new()
    {
        new[] { 1, 16, 14, 14, 16, 3, 3, 1, 1, 1 },
        new[] { 2, 11, 9, 45, 21, 3, 3, 1, 1, 1 },
        new[] { 1, 6, 13, 17, 10, 5, 3, 2, 1, 1 },
        new[] { 1, 8, 12, 19, 12, 3, 3, 2, 2, 2 },
        new[] { 2, 5, 10, 7, 3, 3, 3, 0, 1, 1 },
        new[] { 1, 3, 20, 33, 9, 7, 7, 3, 1, 1 },
        new[] { 1, 4, 6, 70, 6, 1, 3, 0, 1, 2 },
    };

    [Theory]
    [MemberData(nameof(Geometries))]
    public void ForwardAndBackward_StrideOneGeometry_MatchScalarReference(int[] p)
    {
        // Arrange
        var g = new Conv2dGeometry(p[0], p[1], p[2], p[3], p[4], p[5], p[6], 1, 1, p[7], p[7], p[8], p[8], p[9]);
        var x = KernelAssert.Random(g.InputSize, 31);
        var w = KernelAssert.Random(g.WeightSize, 32);
        var b = KernelAssert.Random(g.OutChannels, 33);
        var dy = KernelAssert.Random(g.OutputSize, 34);
        var y = Enumerable.Repeat(float.NaN, g.OutputSize).ToArray();
        var dx = Enumerable.Repeat(float.NaN, g.InputSize).ToArray();
        var dw = Enumerable.Repeat(float.NaN, g.WeightSize).ToArray();

        // Act
        Conv2dKernel.Forward(g, x, w, b, y);
        Conv2dKernel.BackwardInput(g, dy, w, dx);
        Conv2dKernel.BackwardWeight(g, x, dy, dw);

        // Assert
        KernelAssert.Close(NaiveConv.Forward(g, x, w, b), y, atol: 1e-3);
        KernelAssert.Close(NaiveConv.GradInput(g, dy, w), dx, atol: 1e-3);
        KernelAssert.Close(NaiveConv.GradWeight(g, x, dy), dw, atol: 2e-3);
    }

    [Fact]
    public void Forward_FusedRelu_EqualsConvolutionThenClampAtZero()
    {
        // Arrange
        var g = new Conv2dGeometry(1, 9, 11, 37, 13, 3, 3, 1, 1, 1, 1);
        var x = KernelAssert.Random(g.InputSize, 41);
        var w = KernelAssert.Random(g.WeightSize, 42);
        var b = KernelAssert.Random(g.OutChannels, 43);
        var y = new float[g.OutputSize];

        // Act
        Conv2dKernel.Forward(g, x, w, b, y, FusedActivation.Relu);

        // Assert
        var expected = NaiveConv.Forward(g, x, w, b).Select(v => Math.Max(v, 0.0)).ToArray();
        KernelAssert.Close(expected, y, atol: 1e-3);
    }
}
