using Polypose.Tensors.Kernels;
using Polypose.Tensors.Tests.Kernels;

namespace Polypose.Tensors.Tests.Conv;

[Trait("Stage", "Tensors")]
public sealed class ConvTranspose2dKernelTests
{
    [Theory]
    [InlineData(1, 2, 3, 4, 3, 3, 3, 2, 1, 1, 1)]
    [InlineData(2, 4, 4, 3, 2, 2, 2, 2, 0, 0, 2)]
    [InlineData(1, 3, 5, 5, 4, 3, 3, 1, 1, 0, 1)]
    [InlineData(1, 2, 3, 3, 2, 4, 4, 3, 1, 2, 1)]
    public void ForwardAndBackward_Geometry_MatchDirectScatterDefinition(int n, int cin, int h, int w, int cout, int kh, int kw, int stride, int pad, int outPad, int groups)
    {
        // Arrange
        var g = ConvTranspose2dKernel.Geometry(n, cin, h, w, cout, kh, kw, stride, stride, pad, pad, outPad, outPad, groups: groups);
        var x = KernelAssert.Random(n * cin * h * w, 31);
        var wt = KernelAssert.Random(g.WeightSize, 32);
        var bias = KernelAssert.Random(cout, 33);
        var y = new float[g.InputSize];
        var dy = KernelAssert.Random(g.InputSize, 34);
        var dx = new float[x.Length];
        var dw = new float[wt.Length];

        // Act
        ConvTranspose2dKernel.Forward(g, x, wt, bias, y);
        ConvTranspose2dKernel.BackwardInput(g, dy, wt, dx);
        ConvTranspose2dKernel.BackwardWeight(g, x, dy, dw);

        // Assert: y[n, co, iy·s − p + ky, ix·s − p + kx] += x[n, ci, iy, ix] · w[ci, co_local, ky, kx].
        int oh = g.Height, ow = g.Width, cinG = cin / groups, coutG = cout / groups;
        var expY = new double[y.Length];
        var expDx = new double[dx.Length];
        var expDw = new double[dw.Length];
        for (var i = 0; i < expY.Length; i++)
        {
            expY[i] = bias[(i / (oh * ow)) % cout];
        }

        for (var b = 0; b < n; b++)
        {
            for (var ci = 0; ci < cin; ci++)
            {
                var grp = ci / cinG;
                for (var col = 0; col < coutG; col++)
                {
                    var co = (grp * coutG) + col;
                    for (var iy = 0; iy < h; iy++)
                    {
                        for (var ix = 0; ix < w; ix++)
                        {
                            for (var ky = 0; ky < kh; ky++)
                            {
                                for (var kx = 0; kx < kw; kx++)
                                {
                                    int oy = (iy * stride) - pad + ky, ox = (ix * stride) - pad + kx;
                                    if (oy < 0 || oy >= oh || ox < 0 || ox >= ow)
                                    {
                                        continue;
                                    }

                                    var xi = (((b * cin) + ci) * h * w) + (iy * w) + ix;
                                    var wi = (((ci * coutG) + col) * kh * kw) + (ky * kw) + kx;
                                    var yi = (((b * cout) + co) * oh * ow) + (oy * ow) + ox;
                                    expY[yi] += (double)x[xi] * wt[wi];
                                    expDx[xi] += (double)dy[yi] * wt[wi];
                                    expDw[wi] += (double)dy[yi] * x[xi];
                                }
                            }
                        }
                    }
                }
            }
        }

        KernelAssert.Close(expY, y);
        KernelAssert.Close(expDx, dx);
        KernelAssert.Close(expDw, dw, atol: 1e-3);
    }

    [Fact]
    public void Geometry_OutputPaddingNotBelowStride_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ConvTranspose2dKernel.Geometry(1, 1, 3, 3, 1, 3, 3, 2, 2, 1, 1, 2, 2));
    }

    [Fact]
    public void Geometry_StrideTwoOutputPaddingOne_DoublesSize()
    {
        // (H − 1)·2 − 2 + 3 + 1 = 2H for a 3x3 kernel, padding 1, output padding 1.
        var g = ConvTranspose2dKernel.Geometry(1, 1, 5, 7, 1, 3, 3, 2, 2, 1, 1, 1, 1);
        Assert.Equal((10, 14), (g.Height, g.Width));
    }
}
