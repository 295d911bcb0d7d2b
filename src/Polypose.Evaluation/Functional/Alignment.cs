namespace Polypose.Evaluation.Functional;

/// <summary>How a predicted pose is aligned to its ground truth before joint errors are measured.</summary>
public enum Alignment
{
    /// <summary>No alignment: errors in the world frame (plain MPJPE).</summary>
    None,

    /// <summary>The prediction is translated so that the centroids of the compared joints coincide.</summary>
    Translation,

    /// <summary>Best rotation and translation (rigid, no scale; Kabsch/Horn), least squares over the compared joints.</summary>
    Rigid,

    /// <summary>
    /// Best similarity transform (rotation, uniform scale, translation; Procrustes/Umeyama), least squares over the
    /// compared joints. This gives PA-MPJPE.
    /// </summary>
    Procrustes,
}
