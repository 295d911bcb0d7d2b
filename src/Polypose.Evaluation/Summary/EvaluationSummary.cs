using Polypose.Evaluation.Metrics;
using Polypose.Evaluation.Tracking;

namespace Polypose.Evaluation.Summary;

/// <summary>Every metric Polypose reports for one prediction set against one ground truth (null where not applicable).</summary>
/// <param name="PcpVoxelPose">Shelf/Campus PCP, VoxelPose/MVPose protocol (null unless the GT is a Shelf skeleton).</param>
/// <param name="PcpFourDAssociation">Shelf/Campus PCP, 4D Association protocol (null unless the GT is a Shelf skeleton).</param>
/// <param name="Pose">Panoptic-style AP@25..150, Recall@500 and MPJPE.</param>
/// <param name="Root">Root (mid-hip) AP, recall and mean distance error (null when the GT has no mid-hip).</param>
/// <param name="Tracking">Id switches, MOTA, IDF1 against the ground-truth ids (null when not computed).</param>
public sealed record EvaluationSummary(PcpReport? PcpVoxelPose, PcpReport? PcpFourDAssociation, PoseApReport Pose, RootApReport? Root, TrackingReport? Tracking = null)
{
    /// <summary>How many prediction and ground-truth frames there were and how many were matched by frame number.</summary>
    public FrameMatch? Frames { get; init; }
}
