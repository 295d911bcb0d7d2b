using System.Collections.Frozen;

namespace Polypose.Core.Anatomy;

/// <summary>
/// Adult bone-length statistics (mm) keyed by the unordered pair of joint names, so every skeleton of
/// <c>KnownSkeletons</c> finds its bones by name.
/// <para>
/// Sources: limb and trunk segments use the segment-length fractions of stature of Drillis &amp; Contini (1966) as
/// tabulated by D. A. Winter, <i>Biomechanics and Motor Control of Human Movement</i> (4th ed., 2009, Fig. 4.1):
/// upper arm 0.186·H, forearm 0.146·H, thigh 0.245·H, shank 0.246·H, shoulder-to-hip 0.288·H, applied to an adult
/// stature H = 1700 mm. The hip-joint-centre half-separation (≈ 88 mm) follows Bell, Pedersen &amp; Brand (1990, hip
/// joint centre at 0.36 of an ≈ 245 mm inter-ASIS width). Head and foot keypoints (nose, eyes, ears, toes, heel) are not
/// anatomical segments; their values are our own rough estimates from the same stature fractions (eye 0.936·H, chin
/// 0.870·H, foot length 0.152·H, ankle height 0.039·H).
/// </para>
/// <para>
/// Standard deviations: ≈ 9 % of the mean for limb and trunk segments (stature CV ≈ 5–6 % combined with a segment
/// proportion CV ≈ 5 %, plus detector keypoint placement), ≈ 20–25 % for the non-anatomical keypoints. These are our
/// estimates, not published per-bone values.
/// </para>
/// </summary>
public static class BoneLengthTable
{
    private static readonly FrozenDictionary<string, BoneStatistics> Table = Build();

    /// <summary>The statistics of the bone between two named joints (order-free), or false when not tabulated.</summary>
    public static bool TryGet(string jointA, string jointB, out BoneStatistics statistics) =>
        Table.TryGetValue(Key(jointA, jointB), out statistics);

    private static string Key(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? a + "|" + b : b + "|" + a;

    private static FrozenDictionary<string, BoneStatistics> Build()
    {
        const double h = 1700;
        var d = new Dictionary<string, BoneStatistics>(StringComparer.Ordinal);
        void Add(string a, string b, double mean, double cv) => d[Key(a, b)] = new BoneStatistics(mean, mean * cv);
        void Both(string a, string b, double mean, double cv)
        {
            Add("right_" + a, "right_" + b, mean, cv);
            Add("left_" + a, "left_" + b, mean, cv);
        }

        void Centre(string centre, string side, double mean, double cv)
        {
            Add(centre, "right_" + side, mean, cv);
            Add(centre, "left_" + side, mean, cv);
        }

        // Limbs (Winter / Drillis & Contini).
        Both("shoulder", "elbow", 0.186 * h, 0.09);
        Both("elbow", "wrist", 0.146 * h, 0.09);
        Both("hip", "knee", 0.245 * h, 0.09);
        Both("knee", "ankle", 0.246 * h, 0.09);

        // Trunk: shoulder level (0.818·H) to hip-joint level (0.530·H).
        Add("mid_hip", "neck", 0.288 * h, 0.10);
        Both("shoulder", "hip", 0.290 * h, 0.10);
        Centre("neck", "shoulder", 0.110 * h, 0.15);
        Centre("mid_hip", "hip", 88, 0.22);
        Add("right_hip", "left_hip", 176, 0.22);
        Add("right_shoulder", "left_shoulder", 0.220 * h, 0.12);

        // Head keypoints (rough; see remarks).
        Add("neck", "nose", 0.100 * h, 0.22);
        Centre("nose", "eye", 38, 0.25);
        Centre("nose", "ear", 105, 0.22);
        Both("eye", "ear", 75, 0.25);
        Centre("nose", "shoulder", 0.150 * h, 0.20);
        Centre("bottom_head", "shoulder", 0.120 * h, 0.20);
        Add("bottom_head", "top_head", 0.120 * h, 0.20);
        Add("bottom_head", "neck", 0.060 * h, 0.30);
        Add("bottom_head", "right_hip", 0.330 * h, 0.12);
        Add("bottom_head", "mid_hip", 0.320 * h, 0.12);

        // Feet: ankle joint 0.039·H above the floor, foot length 0.152·H.
        Both("ankle", "big_toe", 0.125 * h, 0.20);
        Both("ankle", "heel", 0.050 * h, 0.25);
        Both("big_toe", "small_toe", 45, 0.30);
        return d.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
