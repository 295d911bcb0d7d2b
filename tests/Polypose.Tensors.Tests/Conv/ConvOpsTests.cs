using Polypose.Tensors.Ops;
using Polypose.Tensors.Tests.Kernels;

namespace Polypose.Tensors.Tests.Conv;

[Trait("Stage", "Tensors")]
public sealed class ConvOpsTests
{
    [Theory]
    [InlineData(1, 1, 1, false)] // plain 3x3, bias
    [InlineData(2, 0, 1, true)] // strided, no padding
    [InlineData(1, 2, 2, false)] // dilated
    public void Conv2d_FiniteDifferences_MatchGradients(int stride, int padding, int dilation, bool noBias)
    {
        float[][] data = [KernelAssert.Random(2 * 4 * 6 * 5, 101), KernelAssert.Random(3 * 2 * 3 * 3, 102), KernelAssert.Random(3, 103)];
        int[][] shapes = [[2, 4, 6, 5], [3, 2, 3, 3], [3]];
        if (noBias)
        {
            data = data[..2];
            shapes = shapes[..2];
        }

        // The op reads a strided (non-contiguous) 2-channel slice of the 4-channel input; the gradient must flow back through it.
        GradCheck.Run(
            x => ConvOps.Conv2d(x[0].Narrow(1, 0, 2), x[1], x.Length > 2 ? x[2] : null, stride, padding, dilation),
            data,
            shapes,
            104);
    }

    [Fact]
    public void Conv2d_GroupedAndDepthwise_FiniteDifferencesMatch()
    {
        GradCheck.Run(
            x => ConvOps.Conv2d(x[0], x[1], x[2], 1, 1, 1, groups: 2),
            [KernelAssert.Random(1 * 4 * 5 * 5, 111), KernelAssert.Random(4 * 2 * 3 * 3, 112), KernelAssert.Random(4, 113)],
            [[1, 4, 5, 5], [4, 2, 3, 3], [4]],
            114);
        GradCheck.Run(
            x => ConvOps.Conv2d(x[0], x[1], x[2], 1, 1, 1, groups: 3),
            [KernelAssert.Random(2 * 3 * 5, 115), KernelAssert.Random(3 * 9, 116), KernelAssert.Random(3, 117)],
            [[1, 3, 2, 5], [3, 1, 3, 3], [3]],
            118);
    }

    [Fact]
    public void ConvTranspose2d_FiniteDifferences_MatchGradients()
    {
        GradCheck.Run(
            x => ConvOps.ConvTranspose2d(x[0], x[1], x[2], stride: 2, padding: 1, outputPadding: 1),
            [KernelAssert.Random(1 * 2 * 3 * 4, 121), KernelAssert.Random(2 * 3 * 3 * 3, 122), KernelAssert.Random(3, 123)],
            [[1, 2, 3, 4], [2, 3, 3, 3], [3]],
            124);
    }

    [Fact]
    public void Conv2d_ShapeMismatch_ThrowsWithBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => ConvOps.Conv2d(Tensor.Zeros(1, 3, 5, 5), Tensor.Zeros(2, 4, 3, 3)));
        Assert.Contains("[2, 4, 3, 3]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("[1, 3, 5, 5]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Conv2d_Output_HasPyTorchShapeAndGradFn()
    {
        var x = Tensor.Zeros(2, 3, 11, 9).SetRequiresGrad();
        var y = ConvOps.Conv2d(x, Tensor.Zeros(8, 3, 3, 3), stride: 2, padding: 1);
        Assert.Equal([2, 8, 6, 5], y.Shape);
        Assert.Equal("Conv2d", y.GradFnName);
    }

    [Fact]
    public void Pooling_FiniteDifferences_MatchGradients()
    {
        // Distinct values keep the max-pool argmax stable under ±ε.
        var x = Enumerable.Range(0, 2 * 2 * 5 * 6).Select(i => (float)((i * 37) % 101) / 10f).ToArray();
        GradCheck.Run(t => PoolOps.MaxPool2d(t[0], 3, 2, 1), [x], [[2, 2, 5, 6]], 131, eps: 1e-2f);
        GradCheck.Run(t => PoolOps.AvgPool2d(t[0], 3, 2, 1, countIncludePad: false), [x], [[2, 2, 5, 6]], 132);
        GradCheck.Run(t => PoolOps.AvgPool2d(t[0], 2), [x], [[2, 2, 5, 6]], 133);
    }
}
