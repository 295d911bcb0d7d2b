using Polypose.Core.Poses;
using Polypose.Core.Skeletons;

namespace Polypose.Learning.Evidence;

/// <summary>
/// The root (mid-hip) that <see cref="HeatmapRenderer"/> draws for one detection and that <see cref="DetectionRoots"/>
/// maps candidates back to: the detected mid-hip; else the mean of the detected hips (one or both) with the lowest of
/// their scores; else, with <see cref="RootFallback.Torso"/>, <see cref="TorsoRoot.Estimate"/>; else missing.
/// </summary>
public static class RenderedRoot
{
    private static readonly int LeftHip = KnownSkeletons.Panoptic15["left_hip"], RightHip = KnownSkeletons.Panoptic15["right_hip"];

    /// <summary>The root of joints in Panoptic-15 order (15 values, original pixels), or <see cref="Keypoint2D.Missing"/>.</summary>
    public static Keypoint2D Of(ReadOnlySpan<Keypoint2D> joints, RootFallback fallback)
    {
        var root = joints[ViewEvidence.RootChannel];
        if (root.IsPresent)
        {
            return root;
        }

        Keypoint2D l = joints[LeftHip], r = joints[RightHip];
        return (l.IsPresent, r.IsPresent) switch
        {
            (true, true) => new Keypoint2D((l.X + r.X) / 2, (l.Y + r.Y) / 2, Math.Min(l.Score, r.Score)),
            (true, false) => l,
            (false, true) => r,
            _ => fallback == RootFallback.Torso ? TorsoRoot.Estimate(joints) : Keypoint2D.Missing,
        };
    }
}
