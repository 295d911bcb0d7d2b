namespace Polypose.Core.Poses;

/// <summary>A detected 2D joint: pixel position in the original (distorted) image and a detector score (0 = missing).</summary>
public readonly record struct Keypoint2D(double X, double Y, double Score)
{
    /// <summary>A missing joint.</summary>
    public static Keypoint2D Missing => default;

    /// <summary>True when the score is positive and the position finite.</summary>
    public bool IsPresent => Score > 0 && double.IsFinite(X) && double.IsFinite(Y);
}
