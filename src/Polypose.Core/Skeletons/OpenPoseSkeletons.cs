namespace Polypose.Core.Skeletons;

/// <summary>
/// Joint sets that OpenPose-style tools write but that <see cref="KnownSkeletons"/> does not list (COCO-18), and a
/// lookup over both.
/// </summary>
public static class OpenPoseSkeletons
{
    /// <summary>OpenPose COCO-18 ("COCO" model): BODY25's first 8 joints and legs, without the mid-hip and feet.</summary>
    public static Skeleton Coco18 { get; } = new(
        "coco18",
        ["nose", "neck", "right_shoulder", "right_elbow", "right_wrist", "left_shoulder", "left_elbow", "left_wrist",
         "right_hip", "right_knee", "right_ankle", "left_hip", "left_knee", "left_ankle", "right_eye", "left_eye",
         "right_ear", "left_ear"],
        [1, -1, 1, 2, 3, 1, 5, 6, 1, 8, 9, 1, 11, 12, 0, 0, 14, 15]);

    /// <summary>
    /// Every skeleton Polypose knows: <see cref="KnownSkeletons.All"/> plus <see cref="Coco18"/> and the RTMPose sets
    /// <see cref="WholeBodySkeletons.Halpe26"/> and <see cref="WholeBodySkeletons.CocoWholeBody133"/>.
    /// </summary>
    public static IReadOnlyList<Skeleton> All { get; } = [.. KnownSkeletons.All, Coco18, WholeBodySkeletons.Halpe26, WholeBodySkeletons.CocoWholeBody133];

    /// <summary>Looks a skeleton up by name (case-insensitive) in <see cref="All"/>; null when absent.</summary>
    public static Skeleton? TryByName(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The skeleton an OpenPose/COCO keypoint array of <paramref name="jointCount"/> joints uses: 25 → BODY25,
    /// 18 → COCO-18, 17 → COCO-17, 26 → HALPE-26, 133 → COCO-WholeBody-133 (RTMPose via Pose2Sim); null for any other count.
    /// </summary>
    public static Skeleton? ForOpenPoseJointCount(int jointCount) => jointCount switch
    {
        133 => WholeBodySkeletons.CocoWholeBody133,
        26 => WholeBodySkeletons.Halpe26,
        25 => KnownSkeletons.Body25,
        18 => Coco18,
        17 => KnownSkeletons.Coco17,
        _ => null,
    };
}
