namespace Polypose.Evaluation.Metrics;

/// <summary>Which Shelf/Campus PCP protocol to apply (formats.md "PCP protocols", dispose.md §8.3).</summary>
public enum PcpProtocol
{
    /// <summary>
    /// VoxelPose/MVPose/DisPOSE: every annotated GT actor in every frame is scored against its nearest prediction by
    /// MPJPE over 14 joints (no one-to-one matching); a frame without predictions makes all 10 parts wrong; rule "≤";
    /// torso = mean of the two hips → bottom_head (predicted hips for the prediction); default actors 0–2.
    /// </summary>
    VoxelPose,

    /// <summary>
    /// 4D Association's <c>evaluate_shelf</c>: per-frame Hungarian matching on the summed distance over 15 joints; only
    /// matched pairs are scored (missed GT and extra predictions ignored); rule "&lt;"; torso = hip centre (joint 14,
    /// the prediction's pelvis) → bottom_head; all actors present are reported.
    /// </summary>
    FourDAssociation,
}
