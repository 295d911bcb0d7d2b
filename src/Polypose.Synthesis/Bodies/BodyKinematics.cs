using Polypose.Geometry;

namespace Polypose.Synthesis.Bodies;

/// <summary>
/// Forward kinematics of the synthetic body: BODY25 joints in world millimetres (z-up) from a shape, joint angles, a
/// ground position and a heading. The pelvis height is solved so that the lower ankle rests at ankle height, so
/// crouching and sitting (on an implicit chair) lower the body automatically.
/// </summary>
public static class BodyKinematics
{
    /// <summary>
    /// Writes the 25 BODY25 joints (world mm) of a body standing on the floor (z = 0) at <paramref name="ground"/>
    /// (x, y in mm; z ignored) facing <paramref name="heading"/> (radians from world +x towards +y).
    /// </summary>
    public static void Solve(BodyShape shape, in PoseParameters p, Vec3 ground, double heading, Span<Vec3> joints)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (joints.Length < Body25Joint.Count)
        {
            throw new ArgumentException($"need room for {Body25Joint.Count} joints, got {joints.Length}", nameof(joints));
        }

        var h = shape.Height;

        // Body frame: (forward, left, up); the pelvis is at the origin until grounded.
        var hipL = new Vec3(0, shape.HipWidth / 2, 0);
        var hipR = new Vec3(0, -shape.HipWidth / 2, 0);
        var kneeL = hipL + (Limb(p.LeftHipFlex, p.LeftHipAbduction, 1) * shape.Thigh);
        var kneeR = hipR + (Limb(p.RightHipFlex, p.RightHipAbduction, -1) * shape.Thigh);
        var ankleL = kneeL + (Limb(p.LeftHipFlex - p.LeftKnee, p.LeftHipAbduction, 1) * shape.Shank);
        var ankleR = kneeR + (Limb(p.RightHipFlex - p.RightKnee, p.RightHipAbduction, -1) * shape.Shank);
        var pelvisZ = shape.AnkleHeight - Math.Min(ankleL.Z, ankleR.Z);
        var up = new Vec3(0, 0, pelvisZ);

        Span<Vec3> b = stackalloc Vec3[Body25Joint.Count];
        b[Body25Joint.MidHip] = up;
        b[Body25Joint.LHip] = hipL + up;
        b[Body25Joint.RHip] = hipR + up;
        b[Body25Joint.LKnee] = kneeL + up;
        b[Body25Joint.RKnee] = kneeR + up;
        b[Body25Joint.LAnkle] = ankleL + up;
        b[Body25Joint.RAnkle] = ankleR + up;
        Foot(b, Body25Joint.LAnkle, Body25Joint.LBigToe, Body25Joint.LSmallToe, Body25Joint.LHeel, 1, shape);
        Foot(b, Body25Joint.RAnkle, Body25Joint.RBigToe, Body25Joint.RSmallToe, Body25Joint.RHeel, -1, shape);

        var trunk = Rotation(p.TrunkTwist, p.TrunkLean, p.TrunkRoll);
        var neck = up + (trunk * new Vec3(0, 0, shape.Spine));
        b[Body25Joint.Neck] = neck;
        var shL = neck + (trunk * new Vec3(0, shape.ShoulderWidth / 2, -0.015 * h));
        var shR = neck + (trunk * new Vec3(0, -shape.ShoulderWidth / 2, -0.015 * h));
        b[Body25Joint.LShoulder] = shL;
        b[Body25Joint.RShoulder] = shR;
        var elL = shL + (trunk * Limb(p.LeftShoulderFlex, p.LeftShoulderAbduction, 1) * shape.UpperArm);
        var elR = shR + (trunk * Limb(p.RightShoulderFlex, p.RightShoulderAbduction, -1) * shape.UpperArm);
        b[Body25Joint.LElbow] = elL;
        b[Body25Joint.RElbow] = elR;
        b[Body25Joint.LWrist] = elL + (trunk * Limb(p.LeftShoulderFlex + p.LeftElbow, p.LeftShoulderAbduction, 1) * shape.Forearm);
        b[Body25Joint.RWrist] = elR + (trunk * Limb(p.RightShoulderFlex + p.RightElbow, p.RightShoulderAbduction, -1) * shape.Forearm);

        var head = trunk * Rotation(p.HeadYaw, p.HeadPitch, 0);
        b[Body25Joint.Nose] = neck + (head * new Vec3(0.055 * h, 0, 0.080 * h));
        b[Body25Joint.LEye] = neck + (head * new Vec3(0.045 * h, 0.018 * h, 0.105 * h));
        b[Body25Joint.REye] = neck + (head * new Vec3(0.045 * h, -0.018 * h, 0.105 * h));
        b[Body25Joint.LEar] = neck + (head * new Vec3(-0.005 * h, 0.044 * h, 0.095 * h));
        b[Body25Joint.REar] = neck + (head * new Vec3(-0.005 * h, -0.044 * h, 0.095 * h));

        var c = Math.Cos(heading);
        var s = Math.Sin(heading);
        for (var j = 0; j < Body25Joint.Count; j++)
        {
            var v = b[j];
            joints[j] = new Vec3(ground.X + (c * v.X) - (s * v.Y), ground.Y + (s * v.X) + (c * v.Y), v.Z);
        }
    }

    /// <summary>The head's forward direction (world, unit) for a solved body: perpendicular to the ears, towards the nose.</summary>
    internal static Vec3 FaceForward(ReadOnlySpan<Vec3> j)
    {
        var ears = (j[Body25Joint.LEar] + j[Body25Joint.REar]) * 0.5;
        return (j[Body25Joint.Nose] - ears).Normalized();
    }

    /// <summary>Unit direction of a limb hanging down, rotated by abduction (about forward) then flexion (about left).</summary>
    private static Vec3 Limb(double flex, double abduction, double side)
    {
        var ca = Math.Cos(abduction);
        return new Vec3(ca * Math.Sin(flex), side * Math.Sin(abduction), -ca * Math.Cos(flex));
    }

    /// <summary>Rotation in the body frame: yaw about up, then pitch forward about left, then roll about forward.</summary>
    private static Mat3 Rotation(double yaw, double pitch, double roll)
    {
        var (sy, cy) = Math.SinCos(yaw);
        var (sp, cp) = Math.SinCos(pitch);
        var (sr, cr) = Math.SinCos(roll);
        var yawM = new Mat3(cy, -sy, 0, sy, cy, 0, 0, 0, 1);
        var pitchM = new Mat3(cp, 0, sp, 0, 1, 0, -sp, 0, cp); // up (0,0,1) -> (sin, 0, cos): leans forward
        var rollM = new Mat3(1, 0, 0, 0, cr, sr, 0, -sr, cr); // up -> (0, sin, cos): leans to the left
        return yawM * pitchM * rollM;
    }

    private static void Foot(Span<Vec3> b, int ankle, int bigToe, int smallToe, int heel, double side, BodyShape shape)
    {
        var a = b[ankle];
        var f = shape.FootLength;
        var floor = -shape.AnkleHeight * 0.8;
        b[heel] = a + new Vec3(-0.22 * f, 0, floor);
        b[bigToe] = a + new Vec3(0.72 * f, -side * 0.06 * f, floor);
        b[smallToe] = a + new Vec3(0.60 * f, side * 0.20 * f, floor);
    }
}
