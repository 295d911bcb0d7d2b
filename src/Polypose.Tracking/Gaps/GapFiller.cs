using Polypose.Core.Options;
using Polypose.Core.Poses;
using Polypose.Tracking.Filters;

namespace Polypose.Tracking.Gaps;

/// <summary>
/// Fills the missing stretches of a joint's trajectory that lie between two present samples and last at most
/// <see cref="MaxGapFrames"/> time steps, by <see cref="Method"/>; every filled sample becomes present and is marked
/// <see cref="JointEdits.Filled"/>. Longer gaps and the missing ends of a trajectory stay missing (never frozen).
/// </summary>
public sealed record GapFiller : IJointFilter
{
    private readonly int _maxGapFrames = 10;

    /// <summary>Interpolation method. Default cubic.</summary>
    public GapFillMethod Method { get; init; } = GapFillMethod.Cubic;

    /// <summary>Longest gap filled, in time steps (≥ 1). Default 10.</summary>
    public int MaxGapFrames { get => _maxGapFrames; init => _maxGapFrames = OptionCheck.AtLeast(value, 1, nameof(MaxGapFrames)); }

    /// <inheritdoc/>
    public void Apply(double[][] axes, bool[] present, JointEdits[] edits, double frameRate)
    {
        ArgumentNullException.ThrowIfNull(axes);
        ArgumentNullException.ThrowIfNull(present);
        ArgumentNullException.ThrowIfNull(edits);
        var gaps = new List<(int Start, int Length)>();
        var runs = PresentRuns.Of(present).ToList();
        for (var r = 0; r + 1 < runs.Count; r++)
        {
            var start = runs[r].Start + runs[r].Length;
            var length = runs[r + 1].Start - start;
            if (length <= MaxGapFrames)
            {
                gaps.Add((start, length));
            }
        }

        if (gaps.Count == 0)
        {
            return;
        }

        var knots = Enumerable.Range(0, present.Length).Where(t => present[t]).ToArray();
        var knotTimes = knots.Select(t => (double)t).ToArray();
        foreach (var axis in axes)
        {
            var spline = Method == GapFillMethod.Cubic && knots.Length >= 3 ? new NaturalCubicSpline(knotTimes, [.. knots.Select(t => axis[t])]) : null;
            foreach (var (start, length) in gaps)
            {
                int before = start - 1, after = start + length;
                for (var t = start; t < after; t++)
                {
                    axis[t] = spline?.Evaluate(t) ?? (axis[before] + ((axis[after] - axis[before]) * (t - before) / (after - before)));
                }
            }
        }

        foreach (var (start, length) in gaps)
        {
            for (var t = start; t < start + length; t++)
            {
                present[t] = true;
                edits[t] |= JointEdits.Filled;
            }
        }
    }
}
