namespace Polypose.Detection.MoveNet;

/// <summary>The 17 COCO keypoints in MoveNet's (and COCO's) output order.</summary>
public static class CocoKeypoint
{
    /// <summary>Gets the keypoint names, index = MoveNet output order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "nose", "left_eye", "right_eye", "left_ear", "right_ear", "left_shoulder", "right_shoulder", "left_elbow",
        "right_elbow", "left_wrist", "right_wrist", "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle",
        "right_ankle",
    ];

    /// <summary>Gets the keypoint count (17).</summary>
    public static int Count => 17;
}
