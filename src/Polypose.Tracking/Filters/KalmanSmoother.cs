using Polypose.Core.Options;
using Polypose.Core.Poses;

namespace Polypose.Tracking.Filters;

/// <summary>
/// Constant-acceleration Kalman filter with Rauch-Tung-Striebel smoothing, per axis: state [position mm, velocity
/// mm/s, acceleration mm/s²], F = [[1, Δt, Δt²/2], [0, 1, Δt], [0, 0, 1]], process noise of a white jerk of spectral
/// density q (Q = q·[[Δt⁵/20, Δt⁴/8, Δt³/6], [Δt⁴/8, Δt³/3, Δt²/2], [Δt³/6, Δt²/2, Δt]]), position measured with
/// standard deviation r (mm). Each run of present samples starts at x₀ = [z₀, 0, 0], P₀ = diag(r², 10⁸, 10¹⁰).
/// Zero phase: the backward RTS pass removes the filter's lag.
/// </summary>
public sealed record KalmanSmoother : IJointFilter
{
    private readonly double _jerkDensity = 1e9;
    private readonly double _measurementStdMm = 10;

    /// <summary>q: spectral density of the white jerk, mm²/s⁵. Default 10⁹.</summary>
    public double JerkDensity { get => _jerkDensity; init => _jerkDensity = OptionCheck.Positive(value, nameof(JerkDensity)); }

    /// <summary>r: measurement standard deviation, mm. Default 10.</summary>
    public double MeasurementStdMm { get => _measurementStdMm; init => _measurementStdMm = OptionCheck.Positive(value, nameof(MeasurementStdMm)); }

    /// <inheritdoc/>
    public void Apply(double[][] axes, bool[] present, JointEdits[] edits, double frameRate)
    {
        ArgumentNullException.ThrowIfNull(axes);
        var dt = 1 / frameRate;
        foreach (var (start, length) in PresentRuns.Of(present))
        {
            foreach (var axis in axes)
            {
                Smooth(axis.AsSpan(start, length), dt);
            }
        }
    }

    private void Smooth(Span<double> z, double dt)
    {
        var n = z.Length;
        var f = new Mat3(1, dt, dt * dt / 2, 0, 1, dt, 0, 0, 1);
        var ft = f.Transposed;
        double d2 = dt * dt, d3 = d2 * dt, d4 = d3 * dt, d5 = d4 * dt;
        var q = JerkDensity;
        var qm = new Mat3(q * d5 / 20, q * d4 / 8, q * d3 / 6, q * d4 / 8, q * d3 / 3, q * d2 / 2, q * d3 / 6, q * d2 / 2, q * dt);
        var r2 = MeasurementStdMm * MeasurementStdMm;

        // Filtered and predicted states and covariances per sample (kept for the backward pass).
        var xf = new (double, double, double)[n];
        var pf = new Mat3[n];
        var xp = new (double, double, double)[n];
        var pp = new Mat3[n];
        (double P, double V, double A) x = (z[0], 0.0, 0.0);
        var p = new Mat3(r2, 0, 0, 0, 1e8, 0, 0, 0, 1e10);
        for (var k = 0; k < n; k++)
        {
            if (k > 0)
            {
                x = f * x;
                p = (f * p * ft) + qm;
            }

            xp[k] = x;
            pp[k] = p;

            // Update with H = [1, 0, 0]: gain = P Hᵀ / (H P Hᵀ + r²), P ← P − gain · (H P).
            var s = p.A00 + r2;
            double g0 = p.A00 / s, g1 = p.A10 / s, g2 = p.A20 / s;
            var innovation = z[k] - x.P;
            x = (x.P + (g0 * innovation), x.V + (g1 * innovation), x.A + (g2 * innovation));
            p = new Mat3(
                p.A00 - (g0 * p.A00), p.A01 - (g0 * p.A01), p.A02 - (g0 * p.A02),
                p.A10 - (g1 * p.A00), p.A11 - (g1 * p.A01), p.A12 - (g1 * p.A02),
                p.A20 - (g2 * p.A00), p.A21 - (g2 * p.A01), p.A22 - (g2 * p.A02));
            xf[k] = x;
            pf[k] = p;
        }

        // Backward RTS pass; only the smoothed means are needed (the smoothed covariances do not feed them).
        var xs = xf[n - 1];
        z[n - 1] = xs.Item1;
        for (var k = n - 2; k >= 0; k--)
        {
            var c = pf[k] * ft * pp[k + 1].Inverse();
            var (c0, c1, c2) = c * (xs.Item1 - xp[k + 1].Item1, xs.Item2 - xp[k + 1].Item2, xs.Item3 - xp[k + 1].Item3);
            xs = (xf[k].Item1 + c0, xf[k].Item2 + c1, xf[k].Item3 + c2);
            z[k] = xs.Item1;
        }
    }
}
