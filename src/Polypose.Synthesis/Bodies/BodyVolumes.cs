using Polypose.Geometry;

namespace Polypose.Synthesis.Bodies;

/// <summary>
/// Approximates a posed body by <see cref="Count"/> volumes (world mm): chest, pelvis, upper arms, forearms, thighs, shanks,
/// feet (capsules) and the head (a sphere). Radii are fractions of stature.
/// </summary>
public static class BodyVolumes
{
    /// <summary>Number of volumes per body.</summary>
    public const int Count = 13;

    /// <summary>Index of the head sphere among the volumes.</summary>
    public const int Head = 12;

    /// <summary>Writes the volumes of a body whose BODY25 joints (world mm) are given.</summary>
    public static void Build(ReadOnlySpan<Vec3> j, double stature, Span<Capsule> dst)
    {
        if (j.Length < Body25Joint.Count || dst.Length < Count)
        {
            throw new ArgumentException($"need {Body25Joint.Count} joints and room for {Count} volumes");
        }

        var h = stature;
        var hipMid = j[Body25Joint.MidHip];
        var neck = j[Body25Joint.Neck];
        var chestTop = neck + ((hipMid - neck) * 0.12);
        var chestBottom = Vec3.Lerp(neck, hipMid, 0.62);
        dst[0] = new Capsule(chestTop, chestBottom, 0.080 * h);
        dst[1] = new Capsule(j[Body25Joint.LHip], j[Body25Joint.RHip], 0.065 * h);
        dst[2] = new Capsule(j[Body25Joint.LShoulder], j[Body25Joint.LElbow], 0.026 * h);
        dst[3] = new Capsule(j[Body25Joint.RShoulder], j[Body25Joint.RElbow], 0.026 * h);
        dst[4] = new Capsule(j[Body25Joint.LElbow], j[Body25Joint.LWrist], 0.021 * h);
        dst[5] = new Capsule(j[Body25Joint.RElbow], j[Body25Joint.RWrist], 0.021 * h);
        dst[6] = new Capsule(j[Body25Joint.LHip], j[Body25Joint.LKnee], 0.040 * h);
        dst[7] = new Capsule(j[Body25Joint.RHip], j[Body25Joint.RKnee], 0.040 * h);
        dst[8] = new Capsule(j[Body25Joint.LKnee], j[Body25Joint.LAnkle], 0.030 * h);
        dst[9] = new Capsule(j[Body25Joint.RKnee], j[Body25Joint.RAnkle], 0.030 * h);
        dst[10] = new Capsule(j[Body25Joint.LHeel], j[Body25Joint.LBigToe], 0.022 * h);
        dst[11] = new Capsule(j[Body25Joint.RHeel], j[Body25Joint.RBigToe], 0.022 * h);
        var headCentre = Vec3.Lerp(j[Body25Joint.LEar], j[Body25Joint.REar], 0.5) + ((j[Body25Joint.Nose] - Vec3.Lerp(j[Body25Joint.LEar], j[Body25Joint.REar], 0.5)) * 0.25);
        dst[Head] = new Capsule(headCentre, headCentre, 0.062 * h);
    }

    /// <summary>A sphere (centre, radius mm) that encloses all volumes of a body.</summary>
    public static (Vec3 Centre, double Radius) Bounds(ReadOnlySpan<Capsule> volumes)
    {
        var c = Vec3.Zero;
        foreach (var v in volumes)
        {
            c += v.A + v.B;
        }

        c /= 2.0 * volumes.Length;
        double r = 0;
        foreach (var v in volumes)
        {
            r = Math.Max(r, Math.Max(Vec3.Distance(c, v.A), Vec3.Distance(c, v.B)) + v.Radius);
        }

        return (c, r);
    }
}
