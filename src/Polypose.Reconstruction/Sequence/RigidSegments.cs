using Polypose.Core.Skeletons;

namespace Polypose.Reconstruction.Sequence;

/// <summary>
/// The joint pairs of a body whose distance stays (nearly) constant while it moves: upper arms, forearms, thighs,
/// shanks, the torso sides and the shoulder and hip widths, found by COCO-style joint names (left_/right_ shoulder,
/// elbow, wrist, hip, knee, ankle). Face and neck links are left out (the head turns). A skeleton without those names
/// has no segments.
/// </summary>
public static class RigidSegments
{
    private static readonly (string A, string B)[] Names =
    [
        ("left_shoulder", "left_elbow"), ("left_elbow", "left_wrist"), ("right_shoulder", "right_elbow"), ("right_elbow", "right_wrist"),
        ("left_hip", "left_knee"), ("left_knee", "left_ankle"), ("right_hip", "right_knee"), ("right_knee", "right_ankle"),
        ("left_shoulder", "left_hip"), ("right_shoulder", "right_hip"), ("left_shoulder", "right_shoulder"), ("left_hip", "right_hip"),
    ];

    /// <summary>The rigid segments of <paramref name="skeleton"/> as joint-index pairs (those whose two names it has).</summary>
    public static IReadOnlyList<(int A, int B)> Of(Skeleton skeleton)
    {
        ArgumentNullException.ThrowIfNull(skeleton);
        var segments = new List<(int, int)>();
        foreach (var (a, b) in Names)
        {
            var i = skeleton.IndexOf(a);
            var j = skeleton.IndexOf(b);
            if (i >= 0 && j >= 0)
            {
                segments.Add((i, j));
            }
        }

        return segments;
    }
}
