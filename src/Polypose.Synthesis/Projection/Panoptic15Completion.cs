using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;
using Polypose.Synthesis.Bodies;

namespace Polypose.Synthesis.Projection;

/// <summary>
/// Turns a Panoptic-15 body (world mm, z-up) into the BODY25 body the detector model needs. The 15 shared joints are
/// copied by name; the ten BODY25 has in addition are placed by fixed offsets in the person's body frame (left = the
/// horizontal hip axis, forward = left × up, up = world z), scaled by stature/1700 mm: eyes 35 mm above the nose and
/// ±32 mm across, ears 25 mm above the nose, ±75 mm across and 80 mm back, heels 55 mm back of and 50 mm below the
/// ankle, big toes 150 mm forward, small toes 130 mm forward and 45 mm outward, both 60 mm below the ankle (never below
/// the floor). Stature is estimated from bone lengths (neck–mid-hip + thigh + shank ≈ 0.79 of stature, clamped to
/// 1300–2200 mm). Joints the source lacks (confidence 0) take their parent's position and are reported as not visible,
/// so the projector can blank them in every view.
/// </summary>
public static class Panoptic15Completion
{
    private static readonly int[] FromPanoptic = BuildMap();

    /// <summary>
    /// Writes the BODY25 joints of <paramref name="panoptic"/> (a <see cref="KnownSkeletons.Panoptic15"/> person) into
    /// <paramref name="body25"/> (25) and, per BODY25 joint, whether it rests on a visible source joint into
    /// <paramref name="visible"/> (25). Returns the estimated stature (mm); false when the person lacks both hips or the
    /// neck (no body frame).
    /// </summary>
    public static bool TryComplete(Person3D panoptic, Span<Vec3> body25, Span<bool> visible, out double stature)
    {
        ArgumentNullException.ThrowIfNull(panoptic);
        if (!ReferenceEquals(panoptic.Skeleton, KnownSkeletons.Panoptic15))
        {
            throw new ArgumentException($"expected a panoptic15 person, got '{panoptic.Skeleton.Name}'", nameof(panoptic));
        }

        if (body25.Length < Body25Joint.Count || visible.Length < Body25Joint.Count)
        {
            throw new ArgumentException($"need room for {Body25Joint.Count} joints");
        }

        stature = 0;
        var sk = KnownSkeletons.Panoptic15;
        Span<Vec3> src = stackalloc Vec3[15];
        Span<bool> seen = stackalloc bool[15];
        for (var j = 0; j < 15; j++)
        {
            seen[j] = panoptic.Confidence[j] > 0 && panoptic.Joints[j].IsFinite;
            src[j] = panoptic.Joints[j];
        }

        int neck = sk.IndexOf("neck"), mid = sk.IndexOf("mid_hip"), lHip = sk.IndexOf("left_hip"), rHip = sk.IndexOf("right_hip");
        if (!seen[neck] || !seen[lHip] || !seen[rHip])
        {
            return false;
        }

        if (!seen[mid])
        {
            src[mid] = (src[lHip] + src[rHip]) / 2;
        }

        // Missing joints take their parent's position (parents come first in Panoptic-15 order except mid_hip's children).
        for (var pass = 0; pass < 3; pass++)
        {
            for (var j = 0; j < 15; j++)
            {
                if (!seen[j] && j != mid && sk.Parents[j] >= 0)
                {
                    src[j] = src[sk.Parents[j]];
                }
            }
        }

        for (var b = 0; b < Body25Joint.Count; b++)
        {
            var p = FromPanoptic[b];
            if (p >= 0)
            {
                body25[b] = src[p];
                visible[b] = seen[p] || p == mid;
            }
        }

        var thigh = (Vec3.Distance(src[lHip], src[sk.IndexOf("left_knee")]) + Vec3.Distance(src[rHip], src[sk.IndexOf("right_knee")])) / 2;
        var shank = (Vec3.Distance(src[sk.IndexOf("left_knee")], src[sk.IndexOf("left_ankle")]) + Vec3.Distance(src[sk.IndexOf("right_knee")], src[sk.IndexOf("right_ankle")])) / 2;
        stature = Math.Clamp((Vec3.Distance(src[neck], src[mid]) + thigh + shank) / 0.79, 1300, 2200);
        var s = stature / 1700;

        var across = src[lHip] - src[rHip];
        var left = new Vec3(across.X, across.Y, 0);
        left = left.Length > 1e-6 ? left.Normalized() : new Vec3(1, 0, 0);
        var forward = Vec3.Cross(left, Vec3.UnitZ);
        var up = Vec3.UnitZ;
        var nose = body25[Body25Joint.Nose];
        Place(body25, visible, Body25Joint.LEye, nose + (s * ((35 * up) + (32 * left))), visible[Body25Joint.Nose]);
        Place(body25, visible, Body25Joint.REye, nose + (s * ((35 * up) - (32 * left))), visible[Body25Joint.Nose]);
        Place(body25, visible, Body25Joint.LEar, nose + (s * ((25 * up) + (75 * left) - (80 * forward))), visible[Body25Joint.Nose]);
        Place(body25, visible, Body25Joint.REar, nose + (s * ((25 * up) - (75 * left) - (80 * forward))), visible[Body25Joint.Nose]);
        Foot(body25, visible, Body25Joint.LAnkle, Body25Joint.LHeel, Body25Joint.LBigToe, Body25Joint.LSmallToe, left, forward, s);
        Foot(body25, visible, Body25Joint.RAnkle, Body25Joint.RHeel, Body25Joint.RBigToe, Body25Joint.RSmallToe, -left, forward, s);
        return true;
    }

    private static void Foot(Span<Vec3> b, Span<bool> visible, int ankle, int heel, int bigToe, int smallToe, Vec3 outward, Vec3 forward, double s)
    {
        var a = b[ankle];
        var seen = visible[ankle];
        Place(b, visible, heel, Floor(a + (s * ((-55 * forward) - (50 * Vec3.UnitZ)))), seen);
        Place(b, visible, bigToe, Floor(a + (s * ((150 * forward) - (60 * Vec3.UnitZ)))), seen);
        Place(b, visible, smallToe, Floor(a + (s * ((130 * forward) + (45 * outward) - (60 * Vec3.UnitZ)))), seen);
    }

    private static Vec3 Floor(Vec3 p) => new(p.X, p.Y, Math.Max(p.Z, 0));

    private static void Place(Span<Vec3> b, Span<bool> visible, int joint, Vec3 at, bool seen)
    {
        b[joint] = at;
        visible[joint] = seen;
    }

    private static int[] BuildMap()
    {
        var map = new int[Body25Joint.Count];
        for (var b = 0; b < map.Length; b++)
        {
            map[b] = KnownSkeletons.Panoptic15.IndexOf(KnownSkeletons.Body25.JointNames[b]);
        }

        return map;
    }
}
