namespace Polypose.Tracking.Gaps;

/// <summary>
/// The interpolating cubic spline with natural end conditions (second derivative 0 at both ends), as
/// <c>scipy.interpolate.CubicSpline(t, y, bc_type="natural")</c>. Knots must increase strictly; 2 knots give a line.
/// </summary>
public sealed class NaturalCubicSpline
{
    private readonly double[] _t;
    private readonly double[] _y;
    private readonly double[] _m;

    /// <summary>Fits the spline through (<paramref name="t"/>[i], <paramref name="y"/>[i]), at least 2 knots.</summary>
    public NaturalCubicSpline(double[] t, double[] y)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(y);
        if (t.Length != y.Length || t.Length < 2)
        {
            throw new ArgumentException($"expected at least 2 knots and as many values; got {t.Length} knots and {y.Length} values");
        }

        _t = t;
        _y = y;
        var n = t.Length;
        _m = new double[n];
        if (n == 2)
        {
            return;
        }

        // Tridiagonal system for the interior second derivatives (Thomas algorithm).
        var diag = new double[n];
        var upper = new double[n];
        var rhs = new double[n];
        for (var i = 1; i < n - 1; i++)
        {
            double h0 = t[i] - t[i - 1], h1 = t[i + 1] - t[i];
            if (!(h0 > 0) || !(h1 > 0))
            {
                throw new ArgumentException($"knots must increase strictly (t[{i - 1}] = {t[i - 1]}, t[{i}] = {t[i]}, t[{i + 1}] = {t[i + 1]})");
            }

            var lower = h0;
            diag[i] = 2 * (h0 + h1);
            upper[i] = h1;
            rhs[i] = 6 * (((y[i + 1] - y[i]) / h1) - ((y[i] - y[i - 1]) / h0));
            if (i > 1)
            {
                var w = lower / diag[i - 1];
                diag[i] -= w * upper[i - 1];
                rhs[i] -= w * rhs[i - 1];
            }
        }

        for (var i = n - 2; i >= 1; i--)
        {
            _m[i] = (rhs[i] - (i < n - 2 ? upper[i] * _m[i + 1] : 0)) / diag[i];
        }
    }

    /// <summary>The spline's value at <paramref name="x"/> (the end cubics are extended outside the knots).</summary>
    public double Evaluate(double x)
    {
        var i = Array.BinarySearch(_t, x);
        if (i < 0)
        {
            i = ~i - 1;
        }

        i = Math.Clamp(i, 0, _t.Length - 2);
        var h = _t[i + 1] - _t[i];
        double a = _t[i + 1] - x, b = x - _t[i];
        return (_m[i] * a * a * a / (6 * h)) + (_m[i + 1] * b * b * b / (6 * h))
            + (((_y[i] / h) - (_m[i] * h / 6)) * a) + (((_y[i + 1] / h) - (_m[i + 1] * h / 6)) * b);
    }
}
