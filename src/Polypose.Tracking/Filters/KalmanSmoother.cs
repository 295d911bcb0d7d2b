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
        var f = new double[,] { { 1, dt, dt * dt / 2 }, { 0, 1, dt }, { 0, 0, 1 } };
        var ft = SmallSolve.Transpose(f);
        double d2 = dt * dt, d3 = d2 * dt, d4 = d3 * dt, d5 = d4 * dt;
        var q = JerkDensity;
        var qm = new double[,]
        {
            { q * d5 / 20, q * d4 / 8, q * d3 / 6 },
            { q * d4 / 8, q * d3 / 3, q * d2 / 2 },
            { q * d3 / 6, q * d2 / 2, q * dt },
        };
        var r2 = MeasurementStdMm * MeasurementStdMm;
        var xf = new double[n][];
        var pf = new double[n][,];
        var xp = new double[n][];
        var pp = new double[n][,];
        var x = new[] { z[0], 0.0, 0.0 };
        var p = new double[,] { { r2, 0, 0 }, { 0, 1e8, 0 }, { 0, 0, 1e10 } };
        for (var k = 0; k < n; k++)
        {
            if (k > 0)
            {
                x = Times(f, x);
                p = SmallSolve.AddScaled(SmallSolve.Multiply(SmallSolve.Multiply(f, p), ft), qm, 1);
            }

            xp[k] = x;
            pp[k] = p;

            // Update with H = [1, 0, 0].
            var s = p[0, 0] + r2;
            var gain = new[] { p[0, 0] / s, p[1, 0] / s, p[2, 0] / s };
            var innovation = z[k] - x[0];
            x = [x[0] + (gain[0] * innovation), x[1] + (gain[1] * innovation), x[2] + (gain[2] * innovation)];
            var updated = new double[3, 3];
            for (var i = 0; i < 3; i++)
            {
                for (var j = 0; j < 3; j++)
                {
                    updated[i, j] = p[i, j] - (gain[i] * p[0, j]);
                }
            }

            p = updated;
            xf[k] = x;
            pf[k] = p;
        }

        var xs = xf[n - 1];
        var ps = pf[n - 1];
        z[n - 1] = xs[0];
        for (var k = n - 2; k >= 0; k--)
        {
            var c = SmallSolve.Multiply(SmallSolve.Multiply(pf[k], ft), SmallSolve.Inverse(pp[k + 1]));
            var dx = new[] { xs[0] - xp[k + 1][0], xs[1] - xp[k + 1][1], xs[2] - xp[k + 1][2] };
            var corr = Times(c, dx);
            xs = [xf[k][0] + corr[0], xf[k][1] + corr[1], xf[k][2] + corr[2]];
            var dp = SmallSolve.AddScaled(ps, pp[k + 1], -1);
            ps = SmallSolve.AddScaled(pf[k], SmallSolve.Multiply(SmallSolve.Multiply(c, dp), SmallSolve.Transpose(c)), 1);
            z[k] = xs[0];
        }
    }

    private static double[] Times(double[,] m, double[] v) =>
    [
        (m[0, 0] * v[0]) + (m[0, 1] * v[1]) + (m[0, 2] * v[2]),
        (m[1, 0] * v[0]) + (m[1, 1] * v[1]) + (m[1, 2] * v[2]),
        (m[2, 0] * v[0]) + (m[2, 1] * v[1]) + (m[2, 2] * v[2]),
    ];
}
