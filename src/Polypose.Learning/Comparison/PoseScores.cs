using Polypose.Evaluation.Metrics;

namespace Polypose.Learning.Comparison;

/// <summary>
/// Pose metrics of one row on one evaluation set, over all its scenes (each scene's people kept apart): Panoptic-style
/// pose AP@25..150, Recall@500 and MPJPE (mm, dispose.md 8.1; score = mean joint confidence) and PCP under both
/// protocols (Shelf's own limbs; other ground truth converted to Shelf-15 limbs and averaged over every actor of the
/// set). For a full DisPOSE row the joints are the Stage II decoder's; for an association-only row, the default
/// triangulation's.
/// </summary>
/// <param name="Ap">Pose AP, recall and MPJPE.</param>
/// <param name="PcpVoxelPose">PCP, VoxelPose protocol (fractions in [0, 1]); null when the ground truth has no limbs to score.</param>
/// <param name="PcpFourDAssociation">PCP, 4D Association protocol; null as <paramref name="PcpVoxelPose"/>.</param>
public sealed record PoseScores(PoseApReport Ap, PcpReport? PcpVoxelPose, PcpReport? PcpFourDAssociation);
