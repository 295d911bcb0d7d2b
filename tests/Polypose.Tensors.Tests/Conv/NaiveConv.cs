using Polypose.Tensors.Kernels;

namespace Polypose.Tensors.Tests.Conv;

/// <summary>Direct double-precision reference loops for convolution, straight from the definition.</summary>
internal static class NaiveConv
{
    public static double[] Forward(Conv2dGeometry g, float[] x, float[] w, float[]? b)
    {
        var y = new double[g.OutputSize];
        Visit(g, (n, k, oy, ox, c, iy, ix, wi) =>
            y[Out(g, n, k, oy, ox)] += (double)w[wi] * x[In(g, n, c, iy, ix)]);
        if (b is not null)
        {
            for (var i = 0; i < y.Length; i++)
            {
                y[i] += b[(i / (g.OutHeight * g.OutWidth)) % g.OutChannels];
            }
        }

        return y;
    }

    public static double[] GradInput(Conv2dGeometry g, float[] dy, float[] w)
    {
        var dx = new double[g.InputSize];
        Visit(g, (n, k, oy, ox, c, iy, ix, wi) => dx[In(g, n, c, iy, ix)] += (double)w[wi] * dy[Out(g, n, k, oy, ox)]);
        return dx;
    }

    public static double[] GradWeight(Conv2dGeometry g, float[] x, float[] dy)
    {
        var dw = new double[g.WeightSize];
        Visit(g, (n, k, oy, ox, c, iy, ix, wi) => dw[wi] += (double)x[In(g, n, c, iy, ix)] * dy[Out(g, n, k, oy, ox)]);
        return dw;
    }

    private static int In(Conv2dGeometry g, int n, int c, int y, int x) => (((n * g.InChannels) + c) * g.Height * g.Width) + (y * g.Width) + x;

    private static int Out(Conv2dGeometry g, int n, int k, int y, int x) => (((n * g.OutChannels) + k) * g.OutHeight * g.OutWidth) + (y * g.OutWidth) + x;

    /// <summary>Calls visit(n, k, oy, ox, c, iy, ix, weightIndex) for every in-image multiply of the convolution.</summary>
    private static void Visit(Conv2dGeometry g, Action<int, int, int, int, int, int, int, int> visit)
    {
        int cg = g.InChannels / g.Groups, kg = g.OutChannels / g.Groups;
        for (var n = 0; n < g.Batch; n++)
        {
            for (var k = 0; k < g.OutChannels; k++)
            {
                var grp = k / kg;
                for (var oy = 0; oy < g.OutHeight; oy++)
                {
                    for (var ox = 0; ox < g.OutWidth; ox++)
                    {
                        for (var cl = 0; cl < cg; cl++)
                        {
                            for (var ky = 0; ky < g.KernelH; ky++)
                            {
                                for (var kx = 0; kx < g.KernelW; kx++)
                                {
                                    var iy = (oy * g.StrideH) - g.PadH + (ky * g.DilationH);
                                    var ix = (ox * g.StrideW) - g.PadW + (kx * g.DilationW);
                                    if (iy < 0 || iy >= g.Height || ix < 0 || ix >= g.Width)
                                    {
                                        continue;
                                    }

                                    var wi = (((k * cg) + cl) * g.KernelH * g.KernelW) + (ky * g.KernelW) + kx;
                                    visit(n, k, oy, ox, (grp * cg) + cl, iy, ix, wi);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
