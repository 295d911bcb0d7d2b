using Polypose.Tensors.Kernels;
using Polypose.Tensors.Tests.Kernels;

namespace Polypose.Tensors.Tests.Sampling;

[Trait("Stage", "Tensors")]
public sealed class ResizeBilinearKernelTests
{
    [Fact]
    public void Forward_AlignCornersFalse_MatchesPyTorchHalfPixelRule()
    {
        // [0, 1] → 4 columns: sources max(0, (j + 0.5)/2 − 0.5) = 0, 0.25, 0.75, 1.25 (clamped to the last pixel).
        var y = new float[4];
        ResizeBilinearKernel.Forward(1, 1, 2, 1, 4, [0f, 1f], y, alignCorners: false);
        Assert.Equal([0f, 0.25f, 0.75f, 1f], y);
    }

    [Fact]
    public void Forward_AlignCornersTrue_KeepsCornersAndInterpolatesLinearly()
    {
        // [2, 8] → 3 columns: 2, 5, 8; and a 2x2 → 3x3 centre is the mean.
        var y = new float[3];
        ResizeBilinearKernel.Forward(1, 1, 2, 1, 3, [2f, 8f], y, alignCorners: true);
        Assert.Equal([2f, 5f, 8f], y);
        var z = new float[9];
        ResizeBilinearKernel.Forward(1, 2, 2, 3, 3, [1f, 2f, 3f, 4f], z, alignCorners: true);
        Assert.Equal(2.5f, z[4], 6);
        Assert.Equal([1f, 2f, 3f, 4f], new[] { z[0], z[2], z[6], z[8] });
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Backward_IsAdjointOfForward(bool alignCorners)
    {
        // <R x, dy> == <x, Rᵀ dy> for down- and up-sampling.
        foreach (var (h, w, oh, ow) in new[] { (5, 7, 9, 4), (6, 3, 2, 8) })
        {
            var x = KernelAssert.Random(2 * h * w, 71);
            var dy = KernelAssert.Random(2 * oh * ow, 72);
            var y = new float[dy.Length];
            var dx = new float[x.Length];
            ResizeBilinearKernel.Forward(2, h, w, oh, ow, x, y, alignCorners);
            ResizeBilinearKernel.Backward(2, h, w, oh, ow, dy, dx, alignCorners);
            Assert.Equal(KernelAssert.Dot(y, dy), KernelAssert.Dot(x, dx), 4);
        }
    }

    [Fact]
    public void NchwNhwc_RoundTrip_RestoresDataAndPlacesChannelsLast()
    {
        var x = KernelAssert.Random(2 * 3 * 35, 73);
        var nhwc = new float[x.Length];
        var back = new float[x.Length];
        LayoutKernel.NchwToNhwc(2, 3, 35, x, nhwc);
        LayoutKernel.NhwcToNchw(2, 3, 35, nhwc, back);
        Assert.Equal(x, back);
        Assert.Equal(x[(1 * 105) + (2 * 35) + 4], nhwc[(1 * 105) + (4 * 3) + 2]); // n=1, c=2, s=4
        Assert.Throws<ArgumentException>(() => LayoutKernel.NchwToNhwc(1, 2, 2, x.AsSpan(0, 4), x.AsSpan(2, 4)));
    }
}
