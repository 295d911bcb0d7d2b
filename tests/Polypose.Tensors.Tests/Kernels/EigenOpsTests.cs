using Polypose.Tensors.Ops;

namespace Polypose.Tensors.Tests.Kernels;

[Trait("Stage", "Tensors")]
public sealed class EigenOpsTests
{
    [Fact]
    public void SmallestSingularVector_FiniteDifferences_MatchGradient()
    {
        GradCheck.Run(x => EigenOps.SmallestSingularVector(x[0]), [KernelAssert.Random(2 * 6 * 4, 161)], [[2, 6, 4]], 162, eps: 1e-3f);
    }

    [Fact]
    public void SmallestEigenvector_FiniteDifferences_MatchGradient()
    {
        var a = KernelAssert.Random(3 * 3 * 3, 163);
        var sym = new float[a.Length];
        for (var b = 0; b < 3; b++)
        {
            for (var i = 0; i < 3; i++)
            {
                for (var j = 0; j < 3; j++)
                {
                    sym[(b * 9) + (i * 3) + j] = a[(b * 9) + (i * 3) + j] + a[(b * 9) + (j * 3) + i];
                }
            }
        }

        GradCheck.Run(x => EigenOps.SmallestEigenvector(x[0]), [sym], [[3, 3, 3]], 164, eps: 1e-3f);
    }

    [Fact]
    public void SymEig_Diagonal_ReturnsSortedValuesAndAxes()
    {
        var (vals, vecs) = EigenOps.SymEig(Tensor.FromArray(new float[] { 3, 0, 0, 1 }, 2, 2));
        Assert.Equal([1f, 3f], vals.ToArray());
        Assert.Equal([0f, 1f, 1f, 0f], vecs.ToArray());
    }

    [Fact]
    public void SmallestSingularVector_TwoViewDlt_RecoversPoint()
    {
        // Two cameras P1 = [I | 0], P2 = [I | (−1, 0, 0)] see X = (0.5, 0.2, 4): rows x·P₃ − P₁ and y·P₃ − P₂ per view.
        double[] x = [0.5, 0.2, 4];
        var rows = new List<float>();
        foreach (var tx in new[] { 0.0, -1.0 })
        {
            double u = (x[0] + tx) / x[2], v = x[1] / x[2];
            rows.AddRange([-1, 0, (float)u, (float)-tx]);
            rows.AddRange([0, -1, (float)v, 0]);
        }

        var h = EigenOps.SmallestSingularVector(Tensor.FromArray(rows.ToArray(), 4, 4)).ToArray();
        Assert.Equal(0.5, h[0] / h[3], 3);
        Assert.Equal(0.2, h[1] / h[3], 3);
        Assert.Equal(4.0, h[2] / h[3], 2);
    }
}
