namespace Polypose.Core.Skeletons;

/// <summary>
/// The RTMPose/RTMlib keypoint sets that Pose2Sim writes as OpenPose-style JSON: HALPE-26 ("Body_with_feet") and
/// COCO-WholeBody-133. Body and foot joints carry the shared snake_case names (so <see cref="JointMapping"/> maps them
/// to BODY25 or any other set by name); face points are <c>face_0</c>–<c>face_67</c> (the 68-point iBUG order) and hand
/// points <c>left_hand_0</c>–<c>left_hand_20</c> / <c>right_hand_*</c> (0 = hand root at the wrist, then four points per
/// finger from thumb to little finger, base to tip).
/// </summary>
public static class WholeBodySkeletons
{
    /// <summary>
    /// HALPE-26: COCO-17 (0–16), then 17 head (top), 18 neck, 19 mid-hip, 20/21 left/right big toe, 22/23 left/right
    /// small toe, 24/25 left/right heel. Root = mid-hip.
    /// </summary>
    public static Skeleton Halpe26 { get; } = new(
        "halpe26",
        ["nose", "left_eye", "right_eye", "left_ear", "right_ear", "left_shoulder", "right_shoulder", "left_elbow",
         "right_elbow", "left_wrist", "right_wrist", "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle",
         "right_ankle", "head", "neck", "mid_hip", "left_big_toe", "right_big_toe", "left_small_toe", "right_small_toe",
         "left_heel", "right_heel"],
        [17, 0, 0, 1, 2, 18, 18, 5, 6, 7, 8, 19, 19, 11, 12, 13, 14, 18, 19, -1, 15, 16, 20, 21, 15, 16]);

    /// <summary>
    /// COCO-WholeBody-133: COCO-17 (0–16), feet 17 left big toe, 18 left small toe, 19 left heel, 20 right big toe,
    /// 21 right small toe, 22 right heel, face 23–90, left hand 91–111, right hand 112–132. Root = nose (as COCO-17).
    /// </summary>
    public static Skeleton CocoWholeBody133 { get; } = BuildWholeBody();

    private static Skeleton BuildWholeBody()
    {
        var names = new List<string>(KnownSkeletons.Coco17.JointNames)
        {
            "left_big_toe", "left_small_toe", "left_heel", "right_big_toe", "right_small_toe", "right_heel",
        };
        var parents = new List<int>(KnownSkeletons.Coco17.Parents) { 15, 17, 15, 16, 20, 16 };
        for (var f = 0; f < 68; f++)
        {
            names.Add($"face_{f}");
            parents.Add(0);
        }

        foreach (var (side, wrist) in (ReadOnlySpan<(string, int)>)[("left", 9), ("right", 10)])
        {
            var root = names.Count;
            for (var h = 0; h < 21; h++)
            {
                names.Add($"{side}_hand_{h}");
                parents.Add(h == 0 ? wrist : h % 4 == 1 ? root : root + h - 1);
            }
        }

        return new Skeleton("coco_wholebody133", names, parents);
    }
}
