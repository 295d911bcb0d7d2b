using Polypose.Tensors.Kernels;

namespace Polypose.Tensors.Tests.Conv;

[Trait("Stage", "Tensors")]
public sealed class Pool2dKernelTests
{
    private static readonly float[] Image4x4 =
    [
        1, 2, 5, 3,
        4, 0, 1, 8,
        9, 7, 2, 2,
        6, 3, 4, 1,
    ];

    [Fact]
    public void MaxForwardBackward_2x2Stride2_PicksWindowMaximaAndRoutesGradient()
    {
        // Arrange
        var g = new Pool2dGeometry(1, 1, 4, 4, 2, 2, 2, 2);
        var y = new float[4];
        var idx = new int[4];
        var dx = new float[16];

        // Act
        Pool2dKernel.MaxForward(g, Image4x4, y, idx);
        Pool2dKernel.MaxBackward(g, [10f, 20f, 30f, 40f], idx, dx);

        // Assert
        Assert.Equal([4f, 8f, 9f, 4f], y);
        Assert.Equal([4, 7, 8, 14], idx);
        var expected = new float[16];
        expected[4] = 10;
        expected[7] = 20;
        expected[8] = 30;
        expected[14] = 40;
        Assert.Equal(expected, dx);
    }

    [Fact]
    public void MaxForward_3x3Stride1Pad1_IgnoresPadding()
    {
        // All-negative image: padding must not contribute zeros.
        var x = Image4x4.Select(v => -v - 1).ToArray();
        var g = new Pool2dGeometry(1, 1, 4, 4, 3, 3, 1, 1, 1, 1);
        var y = new float[16];
        Pool2dKernel.MaxForward(g, x, y, new int[16]);
        Assert.Equal(-1f, y[0]); // max of {-2,-3,-5,-1} at top-left corner
        Assert.All(y, v => Assert.True(v < 0));
    }

    [Theory]
    [InlineData(true, 6f / 9f, 25f / 9f)]
    [InlineData(false, 6f / 4f, 25f / 6f)]
    public void AvgForward_Padding_DividesByPolicyCount(bool includePad, float first, float second)
    {
        // Arrange: 2x4 image, 3x3 windows at stride 2 with pad 1 → output 1x2. Rows −1..1 cover image rows 0..1.
        // Window 0: cols −1..1 → 1+2+1+2 = 6 over 4 in-image taps; window 1: cols 1..3 → 2+3+4+2+6+8 = 25 over 6 taps.
        var g = new Pool2dGeometry(1, 1, 2, 4, 3, 3, 2, 2, 1, 1);
        float[] x = [1, 2, 3, 4, 1, 2, 6, 8];
        var y = new float[g.OutputSize];

        // Act
        Pool2dKernel.AvgForward(g, x, y, includePad);

        // Assert
        Assert.Equal([first, second], y);
    }

    [Fact]
    public void AvgBackward_IsAdjointOfForward()
    {
        // <Avg(x), dy> == <x, Avgᵀ(dy)> for both count policies.
        var g = new Pool2dGeometry(2, 3, 7, 6, 3, 2, 2, 1, 1, 1);
        var x = Kernels.KernelAssert.Random(g.InputSize, 41);
        var dy = Kernels.KernelAssert.Random(g.OutputSize, 42);
        foreach (var include in new[] { true, false })
        {
            var y = new float[g.OutputSize];
            var dx = new float[g.InputSize];
            Pool2dKernel.AvgForward(g, x, y, include);
            Pool2dKernel.AvgBackward(g, dy, dx, include);
            Assert.Equal(Kernels.KernelAssert.Dot(y, dy), Kernels.KernelAssert.Dot(x, dx), 4);
        }
    }
}
