using Polypose.Core.Options;

namespace Polypose.Reconstruction.CalibrationCheck;

/// <summary>Settings of <see cref="CalibrationChecker"/>; every value is checked when it is set.</summary>
public sealed record CalibrationCheckOptions
{
    private readonly double minScore = 0.5;
    private readonly int minOtherViews = 2;
    private readonly int minSamples = 30;
    private readonly double ratio = 2.0;
    private readonly double minExcessPixels = 1.5;
    private readonly double matchGate = 0.05;

    /// <summary>Lowest 2D detection score of a joint that is used ("high-confidence"), 0–1 (default 0.5).</summary>
    public double MinScore
    {
        get => minScore;
        init => minScore = OptionCheck.InRange(value, 0, 1, nameof(MinScore));
    }

    /// <summary>Fewest other views a joint needs to be triangulated without the camera under test, ≥ 2 (default 2).</summary>
    public int MinOtherViews
    {
        get => minOtherViews;
        init => minOtherViews = OptionCheck.AtLeast(value, 2, nameof(MinOtherViews));
    }

    /// <summary>Fewest residual samples a camera needs to be judged, ≥ 1 (default 30).</summary>
    public int MinSamples
    {
        get => minSamples;
        init => minSamples = OptionCheck.AtLeast(value, 1, nameof(MinSamples));
    }

    /// <summary>
    /// A camera is off when its median held-out residual, as an angle (px / focal length), exceeds this many times the
    /// median of the other cameras' (default 2, ≥ 1).
    /// </summary>
    public double Ratio
    {
        get => ratio;
        init => ratio = OptionCheck.InRange(value, 1, 1000, nameof(Ratio));
    }

    /// <summary>…and exceeds the other cameras' median by at least this many pixels (default 1.5, ≥ 0).</summary>
    public double MinExcessPixels
    {
        get => minExcessPixels;
        init => minExcessPixels = OptionCheck.NonNegative(value, nameof(MinExcessPixels));
    }

    /// <summary>
    /// When the reconstruction did not use a camera's detection of a person, the nearest detection there is taken if
    /// its median joint distance to the person's projection is below this fraction of the image diagonal (default 0.05).
    /// </summary>
    public double MatchGate
    {
        get => matchGate;
        init => matchGate = OptionCheck.InRange(value, 0, 1, nameof(MatchGate));
    }
}
