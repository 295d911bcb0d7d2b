namespace Polypose.Association;

/// <summary>How the two-view compatibility check measures the disagreement of two detections.</summary>
public enum PairwiseMetric
{
    /// <summary>
    /// Score-weighted mean squared reprojection error (px²) of the joints both detections have, each joint
    /// triangulated from the two rays by weighted midpoint and reprojected into both views.
    /// </summary>
    Reprojection,

    /// <summary>Score-weighted mean shortest distance between the two joint rays (mm), independent of image scale.</summary>
    RayDistance,
}
