namespace Polypose.Tracking.Filters;

/// <summary>Dense linear solves and products for the few-by-few matrices of the filters (Gaussian elimination with partial pivoting).</summary>
internal static class SmallSolve
{
    /// <summary>Solves A x = b for a square, non-singular A (copied, not changed).</summary>
    public static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (var c = 0; c < n; c++)
        {
            var pivot = c;
            for (var r = c + 1; r < n; r++)
            {
                if (Math.Abs(m[r, c]) > Math.Abs(m[pivot, c]))
                {
                    pivot = r;
                }
            }

            if (pivot != c)
            {
                for (var k = 0; k < n; k++)
                {
                    (m[c, k], m[pivot, k]) = (m[pivot, k], m[c, k]);
                }

                (x[c], x[pivot]) = (x[pivot], x[c]);
            }

            for (var r = c + 1; r < n; r++)
            {
                var f = m[r, c] / m[c, c];
                for (var k = c; k < n; k++)
                {
                    m[r, k] -= f * m[c, k];
                }

                x[r] -= f * x[c];
            }
        }

        for (var r = n - 1; r >= 0; r--)
        {
            var s = x[r];
            for (var k = r + 1; k < n; k++)
            {
                s -= m[r, k] * x[k];
            }

            x[r] = s / m[r, r];
        }

        return x;
    }

    /// <summary>The inverse of a square, non-singular matrix.</summary>
    public static double[,] Inverse(double[,] a)
    {
        var n = a.GetLength(0);
        var inv = new double[n, n];
        for (var c = 0; c < n; c++)
        {
            var e = new double[n];
            e[c] = 1;
            var col = Solve(a, e);
            for (var r = 0; r < n; r++)
            {
                inv[r, c] = col[r];
            }
        }

        return inv;
    }

    /// <summary>A · B.</summary>
    public static double[,] Multiply(double[,] a, double[,] b)
    {
        int n = a.GetLength(0), k = a.GetLength(1), m = b.GetLength(1);
        var c = new double[n, m];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < m; j++)
            {
                double s = 0;
                for (var l = 0; l < k; l++)
                {
                    s += a[i, l] * b[l, j];
                }

                c[i, j] = s;
            }
        }

        return c;
    }

    /// <summary>Aᵀ.</summary>
    public static double[,] Transpose(double[,] a)
    {
        int n = a.GetLength(0), m = a.GetLength(1);
        var t = new double[m, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < m; j++)
            {
                t[j, i] = a[i, j];
            }
        }

        return t;
    }

    /// <summary>A + s · B.</summary>
    public static double[,] AddScaled(double[,] a, double[,] b, double s)
    {
        int n = a.GetLength(0), m = a.GetLength(1);
        var c = new double[n, m];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < m; j++)
            {
                c[i, j] = a[i, j] + (s * b[i, j]);
            }
        }

        return c;
    }
}
