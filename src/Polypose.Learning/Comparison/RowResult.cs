using Polypose.Evaluation.Association;
using Polypose.Evaluation.Metrics;

namespace Polypose.Learning.Comparison;

/// <summary>The scores of one <see cref="AssignerRow"/> on one evaluation set.</summary>
/// <param name="Name">The row's name.</param>
/// <param name="Association">Pairwise association precision/recall/F1, or null when the set has no true identities (Shelf).</param>
/// <param name="Root">Root (mid-hip) AP@25..150, Recall@500 and MDE (mm) of the reconstructed people (dispose.md 8.2).</param>
/// <param name="PcpVoxelPose">Shelf PCP, VoxelPose protocol (null for other sets).</param>
/// <param name="PcpFourDAssociation">Shelf PCP, 4D Association protocol (null for other sets).</param>
/// <param name="Seconds">Wall time of association plus reconstruction over the set, one thread (informational, not a benchmark).</param>
/// <param name="FramesPerSecond">Frames / <paramref name="Seconds"/>.</param>
public sealed record RowResult(
    string Name,
    AssociationAccuracyReport? Association,
    RootApReport Root,
    PcpReport? PcpVoxelPose,
    PcpReport? PcpFourDAssociation,
    double Seconds,
    double FramesPerSecond)
{
    /// <summary>Pose AP/Recall@500/MPJPE and PCP of the reconstructed people over the set (null only when not computed).</summary>
    public PoseScores? Pose { get; init; }
}
