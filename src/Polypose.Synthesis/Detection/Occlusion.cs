using Polypose.Geometry;
using Polypose.Synthesis.Bodies;

namespace Polypose.Synthesis.Detection;

/// <summary>
/// Depth-order visibility of joints against body volumes (world mm). A joint is hidden when the segment from the camera
/// centre to a point <see cref="Margin"/> mm in front of the joint passes through any body volume (of another person or
/// of the same person, except the volumes that contain the joint). Face joints (nose, eyes) are hidden when the face
/// points away from the camera, and an ear when it is on the far side of the head.
/// </summary>
public static class Occlusion
{
    /// <summary>How far in front of the joint (towards the camera) the sight line stops, mm.</summary>
    public const double Margin = 30;

    /// <summary>
    /// Whether joint <paramref name="joint"/> of person <paramref name="person"/> is hidden from a camera at <paramref name="eye"/>.
    /// </summary>
    /// <param name="eye">Camera centre, world mm.</param>
    /// <param name="joints">All people's BODY25 joints, [people × 25], world mm.</param>
    /// <param name="volumes">All people's volumes, [people × <see cref="BodyVolumes.Count"/>].</param>
    /// <param name="bounds">One enclosing sphere per person (see <see cref="BodyVolumes.Bounds"/>).</param>
    /// <param name="person">The person the joint belongs to.</param>
    /// <param name="joint">BODY25 joint index.</param>
    public static bool IsOccluded(Vec3 eye, ReadOnlySpan<Vec3> joints, ReadOnlySpan<Capsule> volumes, ReadOnlySpan<(Vec3 Centre, double Radius)> bounds, int person, int joint)
    {
        var own = joints.Slice(person * Body25Joint.Count, Body25Joint.Count);
        var p = own[joint];
        if (IsFacingAway(eye, own, volumes[(person * BodyVolumes.Count) + BodyVolumes.Head].A, joint))
        {
            return true;
        }

        var toJoint = p - eye;
        var dist = toJoint.Length;
        if (!(dist > Margin))
        {
            return false;
        }

        var stop = eye + (toJoint * ((dist - Margin) / dist));
        for (var k = 0; k < bounds.Length; k++)
        {
            var (c, r) = bounds[k];
            if (Segments.PointSegmentDistanceSquared(c, eye, stop) >= r * r)
            {
                continue;
            }

            var vols = volumes.Slice(k * BodyVolumes.Count, BodyVolumes.Count);
            for (var v = 0; v < vols.Length; v++)
            {
                var cap = vols[v];
                if (k == person && cap.Contains(p))
                {
                    continue;
                }

                if (cap.Intersects(eye, stop))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="joint"/> is a face joint on the far side of the head: the nose and eyes when the face
    /// points away from the camera, an ear when it lies on the head's far side. False for other joints.
    /// </summary>
    /// <param name="eye">Camera centre, world mm.</param>
    /// <param name="person">The person's 25 BODY25 joints, world mm.</param>
    /// <param name="headCentre">Centre of the person's head sphere, world mm.</param>
    /// <param name="joint">BODY25 joint index.</param>
    public static bool IsFacingAway(Vec3 eye, ReadOnlySpan<Vec3> person, Vec3 headCentre, int joint)
    {
        if (joint is Body25Joint.Nose or Body25Joint.LEye or Body25Joint.REye)
        {
            return Vec3.Dot(BodyKinematics.FaceForward(person), eye - headCentre) < 0;
        }

        if (joint is Body25Joint.LEar or Body25Joint.REar)
        {
            var side = (person[joint] - headCentre).Normalized();
            return Vec3.Dot(side, (eye - headCentre).Normalized()) < -0.25;
        }

        return false;
    }
}
