using Polypose.Tensors.Kernels;
using Polypose.Tensors.Tests.Kernels;

namespace Polypose.Tensors.Tests.Sampling;

[Trait("Stage", "Tensors")]
public sealed class GridSampleKernelTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Forward_IdentityGrid_ReproducesInput(bool alignCorners)
    {
        // Arrange: pixel centres in normalised coordinates: align → 2i/(W−1) − 1, else (2i + 1)/W − 1.
        const int C = 2, H = 4, W = 5;
        var x = KernelAssert.Random(C * H * W, 51);
        var grid = new float[H * W * 2];
        for (var i = 0; i < H; i++)
        {
            for (var j = 0; j < W; j++)
            {
                grid[((i * W) + j) * 2] = alignCorners ? (2f * j / (W - 1)) - 1 : ((2f * j) + 1) / W - 1;
                grid[(((i * W) + j) * 2) + 1] = alignCorners ? (2f * i / (H - 1)) - 1 : ((2f * i) + 1) / H - 1;
            }
        }

        var y = new float[x.Length];

        // Act
        GridSampleKernel.Forward(1, C, H, W, H, W, x, grid, y, GridSamplePadding.Zeros, alignCorners);

        // Assert
        KernelAssert.Close(x, y, 1e-5, 1e-5);
    }

    [Fact]
    public void Forward_PointOutsideImage_ZerosAndBorderDiffer()
    {
        // Arrange: 1x2 image [3, 7]; sample x = +1 (right edge) with align_corners false: u = ((1+1)·2 − 1)/2 = 1.5,
        // halfway between pixel 1 (7) and the padding: zeros → 3.5, border (clamped to u = 1) → 7.
        float[] x = [3f, 7f];
        float[] grid = [1f, 0f];
        var zeros = new float[1];
        var border = new float[1];

        // Act
        GridSampleKernel.Forward(1, 1, 1, 2, 1, 1, x, grid, zeros, GridSamplePadding.Zeros, false);
        GridSampleKernel.Forward(1, 1, 1, 2, 1, 1, x, grid, border, GridSamplePadding.Border, false);

        // Assert
        Assert.Equal(3.5f, zeros[0], 6);
        Assert.Equal(7f, border[0], 6);
    }

    [Fact]
    public void Forward_MidpointAlignCorners_AveragesFourNeighbours()
    {
        // 2x2 image, grid (0, 0) with align_corners true is the centre: mean of 1, 2, 3, 4.
        var y = new float[1];
        GridSampleKernel.Forward(1, 1, 2, 2, 1, 1, [1f, 2f, 3f, 4f], [0f, 0f], y, GridSamplePadding.Zeros, true);
        Assert.Equal(2.5f, y[0], 6);
    }

    [Fact]
    public void Forward_NaNGrid_GivesZeroNotNaN()
    {
        var y = new float[1];
        GridSampleKernel.Forward(1, 1, 2, 2, 1, 1, [1f, 2f, 3f, 4f], [float.NaN, 0f], y, GridSamplePadding.Border, true);
        Assert.Equal(0f, y[0]);
    }

    [Theory]
    [InlineData(GridSamplePadding.Zeros, true)]
    [InlineData(GridSamplePadding.Zeros, false)]
    [InlineData(GridSamplePadding.Border, true)]
    [InlineData(GridSamplePadding.Border, false)]
    public void Backward_FiniteDifferences_MatchInputAndGridGradients(GridSamplePadding padding, bool alignCorners)
    {
        // Arrange: L = <y, dy>. Grid points avoid integer pixel positions (kinks) by construction of the seed range.
        const int N = 2, C = 2, H = 4, W = 5, OH = 3, OW = 2;
        var x = KernelAssert.Random(N * C * H * W, 61);
        var grid = KernelAssert.Random(N * OH * OW * 2, 62, 1.15f);
        var dy = KernelAssert.Random(N * C * OH * OW, 63);
        var dx = new float[x.Length];
        var dg = new float[grid.Length];

        // Act
        GridSampleKernel.Backward(N, C, H, W, OH, OW, x, grid, dy, dx, dg, padding, alignCorners);

        // Assert: input gradient is exact (linear in x); grid gradient by central differences.
        double Loss(float[] xs, float[] gs)
        {
            var y = new float[dy.Length];
            GridSampleKernel.Forward(N, C, H, W, OH, OW, xs, gs, y, padding, alignCorners);
            return KernelAssert.Dot(y, dy);
        }

        for (var i = 0; i < x.Length; i += 7)
        {
            var xp = (float[])x.Clone();
            xp[i] += 1f;
            Assert.Equal(Loss(xp, grid) - Loss(x, grid), dx[i], 3);
        }

        const float Eps = 1e-3f;
        for (var i = 0; i < grid.Length; i++)
        {
            var gp = (float[])grid.Clone();
            var gm = (float[])grid.Clone();
            gp[i] += Eps;
            gm[i] -= Eps;
            var fd = (Loss(x, gp) - Loss(x, gm)) / (2 * Eps);
            Assert.True(Math.Abs(fd - dg[i]) < 2e-2 + (1e-2 * Math.Abs(fd)), $"grid[{i}]: fd {fd} vs analytic {dg[i]}");
        }
    }
}
