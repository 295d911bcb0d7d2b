namespace Polypose.Core.Skeletons;

/// <summary>The joint sets Polypose reads, writes and evaluates. Joint names are shared across sets so mappings are by name.</summary>
public static class KnownSkeletons
{
    /// <summary>OpenPose BODY_25.</summary>
    public static Skeleton Body25 { get; } = new(
        "body25",
        ["nose", "neck", "right_shoulder", "right_elbow", "right_wrist", "left_shoulder", "left_elbow", "left_wrist",
         "mid_hip", "right_hip", "right_knee", "right_ankle", "left_hip", "left_knee", "left_ankle",
         "right_eye", "left_eye", "right_ear", "left_ear", "left_big_toe", "left_small_toe", "left_heel",
         "right_big_toe", "right_small_toe", "right_heel"],
        [1, 8, 1, 2, 3, 1, 5, 6, -1, 8, 9, 10, 8, 12, 13, 0, 0, 15, 16, 14, 19, 14, 11, 22, 11]);

    /// <summary>COCO-17 keypoints (no neck or mid-hip; the nose is the root of the head, the shoulders hang off it).</summary>
    public static Skeleton Coco17 { get; } = new(
        "coco17",
        ["nose", "left_eye", "right_eye", "left_ear", "right_ear", "left_shoulder", "right_shoulder", "left_elbow",
         "right_elbow", "left_wrist", "right_wrist", "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle",
         "right_ankle"],
        [-1, 0, 0, 1, 2, 0, 0, 5, 6, 7, 8, 5, 6, 11, 12, 13, 14]);

    /// <summary>CMU Panoptic's first 15 joints of COCO-19, DisPOSE's joint set (root = mid-hip, index 2).</summary>
    public static Skeleton Panoptic15 { get; } = new(
        "panoptic15",
        ["neck", "nose", "mid_hip", "left_shoulder", "left_elbow", "left_wrist", "left_hip", "left_knee", "left_ankle",
         "right_shoulder", "right_elbow", "right_wrist", "right_hip", "right_knee", "right_ankle"],
        [2, 0, -1, 0, 3, 4, 2, 6, 7, 0, 9, 10, 2, 12, 13]);

    /// <summary>The Shelf/Campus 14-joint evaluation set (bottom and top of head, no pelvis).</summary>
    public static Skeleton Shelf14 { get; } = new(
        "shelf14",
        ["right_ankle", "right_knee", "right_hip", "left_hip", "left_knee", "left_ankle", "right_wrist", "right_elbow",
         "right_shoulder", "left_shoulder", "left_elbow", "left_wrist", "bottom_head", "top_head"],
        [1, 2, -1, 2, 3, 4, 7, 8, 12, 12, 9, 10, 2, 12]);

    /// <summary>Shelf-14 plus the hip centre (index 14, mean of the hips), as in the 4D Association ground-truth file.</summary>
    public static Skeleton Shelf15 { get; } = new(
        "shelf15",
        ["right_ankle", "right_knee", "right_hip", "left_hip", "left_knee", "left_ankle", "right_wrist", "right_elbow",
         "right_shoulder", "left_shoulder", "left_elbow", "left_wrist", "bottom_head", "top_head", "mid_hip"],
        [1, 2, 14, 14, 3, 4, 7, 8, 12, 12, 9, 10, 14, 12, -1]);

    /// <summary>The 4D Association internal 19-joint skeleton (root = pelvis).</summary>
    public static Skeleton Skel19 { get; } = new(
        "skel19",
        ["mid_hip", "neck", "right_hip", "left_hip", "nose", "right_shoulder", "left_shoulder", "right_knee", "left_knee",
         "right_ear", "left_ear", "right_elbow", "left_elbow", "right_ankle", "left_ankle", "right_wrist", "left_wrist",
         "left_big_toe", "right_big_toe"],
        [-1, 0, 0, 0, 1, 1, 1, 2, 3, 4, 4, 5, 6, 7, 8, 11, 12, 14, 13]);

    /// <summary>
    /// Whether <paramref name="skeleton"/> is one of the Shelf/Campus evaluation sets, <see cref="Shelf14"/> or
    /// <see cref="Shelf15"/>. Skeletons are identities: compared by reference, never by name (a file may declare its own
    /// joint set under any name; readers return these instances when the joints match).
    /// </summary>
    public static bool IsShelf(Skeleton skeleton) => ReferenceEquals(skeleton, Shelf14) || ReferenceEquals(skeleton, Shelf15);

    /// <summary>All known skeletons.</summary>
    public static IReadOnlyList<Skeleton> All { get; } = [Body25, Coco17, Panoptic15, Shelf14, Shelf15, Skel19];

    /// <summary>Looks a skeleton up by name (case-insensitive); throws with the list of known names when absent.</summary>
    public static Skeleton ByName(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"unknown skeleton '{name}'; known: {string.Join(", ", All.Select(s => s.Name))}");
}
