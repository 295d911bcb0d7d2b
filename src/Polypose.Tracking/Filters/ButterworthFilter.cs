using Polypose.Core.Options;
using Polypose.Core.Poses;

namespace Polypose.Tracking.Filters;

/// <summary>
/// Zero-phase Butterworth low-pass (<see cref="ButterworthDesign"/> + <see cref="ZeroPhaseFilter"/>) over each run of
/// present samples; the effective order is twice <see cref="Order"/> (forward and backward pass) and there is no lag.
/// </summary>
public sealed record ButterworthFilter : IJointFilter
{
    private readonly int _order = 4;
    private readonly double _cutoffHz = 6;

    /// <summary>Filter order, 1-8. Default 4.</summary>
    public int Order { get => _order; init => _order = OptionCheck.InRange(value, 1, 8, nameof(Order)); }

    /// <summary>Cut-off frequency in Hz (below half the frame rate). Default 6.</summary>
    public double CutoffHz { get => _cutoffHz; init => _cutoffHz = OptionCheck.Positive(value, nameof(CutoffHz)); }

    /// <inheritdoc/>
    public void Apply(double[][] axes, bool[] present, JointEdits[] edits, double frameRate)
    {
        ArgumentNullException.ThrowIfNull(axes);
        var (b, a) = ButterworthDesign.LowPass(Order, CutoffHz, frameRate);
        foreach (var (start, length) in PresentRuns.Of(present))
        {
            foreach (var axis in axes)
            {
                ZeroPhaseFilter.Apply(b, a, axis.AsSpan(start, length)).CopyTo(axis, start);
            }
        }
    }
}
