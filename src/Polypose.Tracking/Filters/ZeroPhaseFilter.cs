namespace Polypose.Tracking.Filters;

/// <summary>
/// Forward-backward IIR filtering with no phase shift, as <c>scipy.signal.filtfilt(b, a, x)</c> with its defaults:
/// odd extension by padlen = 3 · max(len(a), len(b)) samples at both ends, the steady-state initial conditions of
/// <c>lfilter_zi</c> scaled by the first sample of each pass, direct form II transposed. A signal not longer than padlen
/// is padded by its length − 1 instead (scipy would refuse it).
/// </summary>
public static class ZeroPhaseFilter
{
    /// <summary>Filters <paramref name="x"/> (length ≥ 1) by b/a (a[0] ≠ 0) and returns a new array of the same length.</summary>
    public static double[] Apply(double[] b, double[] a, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(a);
        var n = Math.Max(a.Length, b.Length);
        var bn = new double[n];
        var an = new double[n];
        for (var i = 0; i < n; i++)
        {
            bn[i] = i < b.Length ? b[i] / a[0] : 0;
            an[i] = i < a.Length ? a[i] / a[0] : 0;
        }

        if (x.Length < 2)
        {
            return x.ToArray();
        }

        var pad = Math.Min(3 * n, x.Length - 1);
        var ext = new double[x.Length + (2 * pad)];
        for (var i = 0; i < pad; i++)
        {
            ext[i] = (2 * x[0]) - x[pad - i];
            ext[pad + x.Length + i] = (2 * x[^1]) - x[x.Length - 2 - i];
        }

        x.CopyTo(ext.AsSpan(pad));
        var zi = SteadyState(bn, an);
        Pass(bn, an, zi, ext);
        Array.Reverse(ext);
        Pass(bn, an, zi, ext);
        Array.Reverse(ext);
        return ext[pad..(pad + x.Length)];
    }

    /// <summary>The initial state of <c>scipy.signal.lfilter_zi</c>: solves (I − companion(a)ᵀ) zi = b[1:] − a[1:] b[0].</summary>
    internal static double[] SteadyState(double[] b, double[] a)
    {
        var m = a.Length - 1;
        var matrix = new double[m, m];
        var rhs = new double[m];
        for (var i = 0; i < m; i++)
        {
            matrix[i, i] += 1;
            matrix[i, 0] += a[i + 1];
            if (i + 1 < m)
            {
                matrix[i, i + 1] -= 1;
            }

            rhs[i] = b[i + 1] - (a[i + 1] * b[0]);
        }

        return SmallSolve.Solve(matrix, rhs);
    }

    private static void Pass(double[] b, double[] a, double[] zi, double[] data)
    {
        var m = a.Length - 1;
        var z = new double[m];
        var x0 = data[0];
        for (var i = 0; i < m; i++)
        {
            z[i] = zi[i] * x0;
        }

        for (var t = 0; t < data.Length; t++)
        {
            var x = data[t];
            var y = (b[0] * x) + (m > 0 ? z[0] : 0);
            for (var i = 0; i < m - 1; i++)
            {
                z[i] = (b[i + 1] * x) + z[i + 1] - (a[i + 1] * y);
            }

            if (m > 0)
            {
                z[m - 1] = (b[m] * x) - (a[m] * y);
            }

            data[t] = y;
        }
    }
}
