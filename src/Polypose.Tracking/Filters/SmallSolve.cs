namespace Polypose.Tracking.Filters;

/// <summary>Dense linear solve for the few-by-few systems of the filters (Gaussian elimination with partial pivoting).</summary>
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
}
