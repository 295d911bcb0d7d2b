namespace Polypose.Reconstruction.Sequence;

/// <summary>In-place Cholesky solve of a small dense symmetric positive-definite system (row-major n × n).</summary>
internal static class Cholesky
{
    /// <summary>Solves A x = b, overwriting <paramref name="a"/> with its factor and <paramref name="b"/> with x; false when A is not positive definite.</summary>
    public static bool SolveInPlace(double[] a, double[] b, int n)
    {
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[(i * n) + j];
                for (var k = 0; k < j; k++)
                {
                    sum -= a[(i * n) + k] * a[(j * n) + k];
                }

                if (i == j)
                {
                    if (!(sum > 0))
                    {
                        return false;
                    }

                    a[(i * n) + i] = Math.Sqrt(sum);
                }
                else
                {
                    a[(i * n) + j] = sum / a[(j * n) + j];
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++)
            {
                sum -= a[(i * n) + k] * b[k];
            }

            b[i] = sum / a[(i * n) + i];
        }

        for (var i = n - 1; i >= 0; i--)
        {
            var sum = b[i];
            for (var k = i + 1; k < n; k++)
            {
                sum -= a[(k * n) + i] * b[k];
            }

            b[i] = sum / a[(i * n) + i];
        }

        return true;
    }
}
