namespace Polypose.Geometry.Tests;

[Trait("Stage", "Geometry")]
public sealed class SymmetricEigenTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(8)]
    public void Decompose_RandomSymmetric_SatisfiesEigenEquationWithOrthonormalVectors(int n)
    {
        var rng = new Random(21 + n);
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                a[(i * n) + j] = a[(j * n) + i] = TestRigs.Uniform(rng, -2, 2);
            }
        }

        var work = (double[])a.Clone();
        var values = new double[n];
        var vectors = new double[n * n];

        SymmetricEigen.Decompose(work, n, values, vectors);

        for (var k = 0; k < n; k++)
        {
            for (var i = 0; i < n; i++)
            {
                double av = 0;
                for (var j = 0; j < n; j++)
                {
                    av += a[(i * n) + j] * vectors[(j * n) + k];
                }

                Assert.Equal(values[k] * vectors[(i * n) + k], av, 10);
            }

            for (var m = 0; m < n; m++)
            {
                double dot = 0;
                for (var i = 0; i < n; i++)
                {
                    dot += vectors[(i * n) + k] * vectors[(i * n) + m];
                }

                Assert.Equal(k == m ? 1 : 0, dot, 12);
            }
        }
    }
}
