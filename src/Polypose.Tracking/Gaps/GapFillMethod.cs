namespace Polypose.Tracking.Gaps;

/// <summary>How <see cref="GapFiller"/> interpolates a missing stretch.</summary>
public enum GapFillMethod
{
    /// <summary>A straight line between the two present samples around the gap.</summary>
    Linear,

    /// <summary>The natural cubic spline through all present samples of the joint's axis.</summary>
    Cubic,
}
