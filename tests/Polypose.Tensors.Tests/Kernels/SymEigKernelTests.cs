using Polypose.Tensors.Kernels;

namespace Polypose.Tensors.Tests.Kernels;

[Trait("Stage", "Tensors")]
public sealed class SymEigKernelTests
{
    [Theory]
    [InlineData(3, 81)]
    [InlineData(4, 82)]
    [InlineData(4, 83)]
    public void Decompose_RandomSymmetric_SatisfiesEigenEquationsAscendingAndOrthonormal(int n, int seed)
    {
        // Arrange: batch of 3 random symmetric matrices.
        var m = Symmetric(3, n, seed);
        var vals = new float[3 * n];
        var vecs = new float[3 * n * n];

        // Act
        SymEigKernel.Decompose(3, n, m, vals, vecs);

        // Assert: M v_i = λ_i v_i, λ ascending, VᵀV = I.
        for (var b = 0; b < 3; b++)
        {
            for (var i = 0; i < n; i++)
            {
                if (i > 0)
                {
                    Assert.True(vals[(b * n) + i] >= vals[(b * n) + i - 1]);
                }

                for (var r = 0; r < n; r++)
                {
                    var mv = 0.0;
                    for (var c = 0; c < n; c++)
                    {
                        mv += m[(b * n * n) + (r * n) + c] * vecs[(b * n * n) + (c * n) + i];
                    }

                    Assert.Equal(vals[(b * n) + i] * vecs[(b * n * n) + (r * n) + i], mv, 4);
                }

                for (var j = 0; j < n; j++)
                {
                    var dot = 0.0;
                    for (var r = 0; r < n; r++)
                    {
                        dot += vecs[(b * n * n) + (r * n) + i] * vecs[(b * n * n) + (r * n) + j];
                    }

                    Assert.Equal(i == j ? 1.0 : 0.0, dot, 5);
                }
            }
        }
    }

    [Fact]
    public void SmallestEigenvector_Diagonal_ReturnsAxisWithPositiveSign()
    {
        var v = new float[3];
        var l = new float[1];
        SymEigKernel.SmallestEigenvector(1, 3, [5f, 0, 0, 0, -2f, 0, 0, 0, 3f], v, l);
        Assert.Equal([0f, 1f, 0f], v);
        Assert.Equal(-2f, l[0]);
    }

    [Fact]
    public void SmallestSingularVector_DltOfKnownPoint_RecoversHomogeneousPoint()
    {
        // Arrange: rows orthogonal to X = (1, 2, 3, 1): each row r satisfies r·X = 0 (exact null space).
        float[] a =
        [
            1, 0, 0, -1,
            0, 1, 0, -2,
            0, 0, 1, -3,
            2, -1, 0, 0,
            0, 3, -2, 0,
        ];
        var v = new float[4];

        // Act
        SymEigKernel.SmallestSingularVector(1, 5, 4, a, v);

        // Assert: v ∝ X with the largest component (3) positive.
        var scale = v[3];
        Assert.Equal(1.0, v[0] / scale, 4);
        Assert.Equal(2.0, v[1] / scale, 4);
        Assert.Equal(3.0, v[2] / scale, 4);
        Assert.True(v[2] > 0);
    }

    [Fact]
    public void SmallestEigenvectorBackward_FiniteDifferences_Match()
    {
        // Arrange: L = <g, v0(M)>, with M symmetrised inside the op.
        const int N = 4;
        var m = Symmetric(1, N, 91);
        var g = Random(N, 92);
        var grad = new float[N * N];

        // Act
        SymEigKernel.SmallestEigenvectorBackward(1, N, m, g, grad);

        // Assert
        double Loss(float[] mm)
        {
            var v = new float[N];
            SymEigKernel.SmallestEigenvector(1, N, mm, v, []);
            return KernelAssert.Dot(v, g);
        }

        const float Eps = 1e-3f;
        for (var i = 0; i < N * N; i++)
        {
            var p = (float[])m.Clone();
            var q = (float[])m.Clone();
            p[i] += Eps;
            q[i] -= Eps;
            var fd = (Loss(p) - Loss(q)) / (2 * Eps);
            Assert.True(Math.Abs(fd - grad[i]) < 2e-3 + (2e-2 * Math.Abs(fd)), $"M[{i}]: fd {fd} vs analytic {grad[i]}");
        }
    }

    [Fact]
    public void SmallestSingularVectorBackward_FiniteDifferences_Match()
    {
        const int Rows = 6, N = 4;
        var a = Random(Rows * N, 93);
        var g = Random(N, 94);
        var grad = new float[a.Length];
        SymEigKernel.SmallestSingularVectorBackward(1, Rows, N, a, g, grad);

        double Loss(float[] aa)
        {
            var v = new float[N];
            SymEigKernel.SmallestSingularVector(1, Rows, N, aa, v);
            return KernelAssert.Dot(v, g);
        }

        const float Eps = 1e-3f;
        for (var i = 0; i < a.Length; i++)
        {
            var p = (float[])a.Clone();
            var q = (float[])a.Clone();
            p[i] += Eps;
            q[i] -= Eps;
            var fd = (Loss(p) - Loss(q)) / (2 * Eps);
            Assert.True(Math.Abs(fd - grad[i]) < 2e-3 + (2e-2 * Math.Abs(fd)), $"A[{i}]: fd {fd} vs analytic {grad[i]}");
        }
    }

    [Fact]
    public void SmallestEigenvectorBackward_DegenerateSpectrum_StaysFinite()
    {
        // Identity: all gaps are zero; the floored gap must keep the gradient finite.
        var grad = new float[9];
        SymEigKernel.SmallestEigenvectorBackward(1, 3, [1, 0, 0, 0, 1, 0, 0, 0, 1], [1f, 2f, 3f], grad);
        Assert.All(grad, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void SmallestEigenvector_NaNInput_ReturnsFiniteValues()
    {
        var v = new float[2];
        var l = new float[1];
        SymEigKernel.SmallestEigenvector(1, 2, [float.NaN, 0, 0, 1], v, l);
        Assert.All(v, x => Assert.True(float.IsFinite(x)));
        Assert.True(float.IsFinite(l[0]));
    }

    private static float[] Random(int n, int seed) => KernelAssert.Random(n, seed);

    private static float[] Symmetric(int batch, int n, int seed)
    {
        var r = KernelAssert.Random(batch * n * n, seed);
        var m = new float[r.Length];
        for (var b = 0; b < batch; b++)
        {
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    m[(b * n * n) + (i * n) + j] = r[(b * n * n) + (i * n) + j] + r[(b * n * n) + (j * n) + i];
                }
            }
        }

        return m;
    }
}
