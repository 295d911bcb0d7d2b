using Polypose.Core.Options;
using Polypose.Core.Poses;

namespace Polypose.Tracking.Filters;

/// <summary>
/// The one-euro filter (Casiez, Roussel and Vogel, CHI 2012): an exponential low-pass whose cut-off rises with the
/// speed, <c>fc = MinCutoffHz + Beta · |dx̂/dt|</c> (dx̂/dt in mm/s, itself low-passed at <see cref="DerivativeCutoffHz"/>),
/// with smoothing factor α = 1 / (1 + τ/Δt), τ = 1 / (2π fc). Causal (it lags a little); restarts at each run of
/// present samples.
/// </summary>
public sealed record OneEuroFilter : IJointFilter
{
    private readonly double _minCutoffHz = 1;
    private readonly double _beta = 0.01;
    private readonly double _derivativeCutoffHz = 1;

    /// <summary>Cut-off at rest, Hz. Default 1.</summary>
    public double MinCutoffHz { get => _minCutoffHz; init => _minCutoffHz = OptionCheck.Positive(value, nameof(MinCutoffHz)); }

    /// <summary>Speed coefficient, Hz per (mm/s). Default 0.01.</summary>
    public double Beta { get => _beta; init => _beta = OptionCheck.NonNegative(value, nameof(Beta)); }

    /// <summary>Cut-off of the speed estimate, Hz. Default 1.</summary>
    public double DerivativeCutoffHz { get => _derivativeCutoffHz; init => _derivativeCutoffHz = OptionCheck.Positive(value, nameof(DerivativeCutoffHz)); }

    /// <inheritdoc/>
    public void Apply(double[][] axes, bool[] present, JointEdits[] edits, double frameRate)
    {
        ArgumentNullException.ThrowIfNull(axes);
        var dt = 1 / frameRate;
        foreach (var (start, length) in PresentRuns.Of(present))
        {
            foreach (var axis in axes)
            {
                Run(axis.AsSpan(start, length), dt);
            }
        }
    }

    private void Run(Span<double> x, double dt)
    {
        var previous = x[0];
        var speed = 0.0;
        var alphaD = Alpha(DerivativeCutoffHz, dt);
        for (var t = 1; t < x.Length; t++)
        {
            var raw = (x[t] - previous) / dt;
            speed = (alphaD * raw) + ((1 - alphaD) * speed);
            var alpha = Alpha(MinCutoffHz + (Beta * Math.Abs(speed)), dt);
            previous = (alpha * x[t]) + ((1 - alpha) * previous);
            x[t] = previous;
        }
    }

    private static double Alpha(double cutoff, double dt) => 1 / (1 + (1 / (2 * Math.PI * cutoff) / dt));
}
