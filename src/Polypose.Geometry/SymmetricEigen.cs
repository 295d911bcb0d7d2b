namespace Polypose.Geometry;

/// <summary>Cyclic Jacobi eigen-decomposition of small symmetric matrices (n ≤ 8), in place, allocation-free.</summary>
public static class SymmetricEigen
{
    /// <summary>
    /// Decomposes the symmetric n×n matrix <paramref name="a"/> (row-major, destroyed) into eigenvalues
    /// (<paramref name="values"/>, length n) and eigenvectors (columns of <paramref name="vectors"/>, row-major n×n).
    /// </summary>
    public static void Decompose(Span<double> a, int n, Span<double> values, Span<double> vectors)
    {
        if (a.Length < n * n || values.Length < n || vectors.Length < n * n)
        {
            throw new ArgumentException($"spans too short for a {n}x{n} matrix");
        }

        vectors[..(n * n)].Clear();
        for (var i = 0; i < n; i++)
        {
            vectors[(i * n) + i] = 1;
        }

        for (var sweep = 0; sweep < 60; sweep++)
        {
            double off = 0, diag = 0;
            for (var i = 0; i < n; i++)
            {
                diag += a[(i * n) + i] * a[(i * n) + i];
                for (var j = i + 1; j < n; j++)
                {
                    off += a[(i * n) + j] * a[(i * n) + j];
                }
            }

            if (off <= 1e-30 * Math.Max(diag, 1e-300))
            {
                break;
            }

            for (var p = 0; p < n - 1; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    var apq = a[(p * n) + q];
                    if (Math.Abs(apq) < 1e-300)
                    {
                        continue;
                    }

                    var app = a[(p * n) + p];
                    var aqq = a[(q * n) + q];
                    var theta = (aqq - app) / (2 * apq);
                    var t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    if (theta == 0)
                    {
                        t = 1;
                    }

                    var c = 1 / Math.Sqrt((t * t) + 1);
                    var s = t * c;
                    for (var k = 0; k < n; k++)
                    {
                        var akp = a[(k * n) + p];
                        var akq = a[(k * n) + q];
                        a[(k * n) + p] = (c * akp) - (s * akq);
                        a[(k * n) + q] = (s * akp) + (c * akq);
                    }

                    for (var k = 0; k < n; k++)
                    {
                        var apk = a[(p * n) + k];
                        var aqk = a[(q * n) + k];
                        a[(p * n) + k] = (c * apk) - (s * aqk);
                        a[(q * n) + k] = (s * apk) + (c * aqk);
                    }

                    for (var k = 0; k < n; k++)
                    {
                        var vkp = vectors[(k * n) + p];
                        var vkq = vectors[(k * n) + q];
                        vectors[(k * n) + p] = (c * vkp) - (s * vkq);
                        vectors[(k * n) + q] = (s * vkp) + (c * vkq);
                    }
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            values[i] = a[(i * n) + i];
        }
    }
}
