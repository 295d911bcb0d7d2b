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
        if (j.Length < B25.Count || dst.Length < Count)
        {
            throw new ArgumentException($"need {B25.Count} joints and room for {Count} volumes");
        }

        var h = stature;
        var hipMid = j[B25.MidHip];
        var neck = j[B25.Neck];
        var chestTop = neck + ((hipMid - neck) * 0.12);
        var chestBottom = Vec3.Lerp(neck, hipMid, 0.62);
        dst[0] = new Capsule(chestTop, chestBottom, 0.080 * h);
        dst[1] = new Capsule(j[B25.LHip], j[B25.RHip], 0.065 * h);
        dst[2] = new Capsule(j[B25.LShoulder], j[B25.LElbow], 0.026 * h);
        dst[3] = new Capsule(j[B25.RShoulder], j[B25.RElbow], 0.026 * h);
        dst[4] = new Capsule(j[B25.LElbow], j[B25.LWrist], 0.021 * h);
        dst[5] = new Capsule(j[B25.RElbow], j[B25.RWrist], 0.021 * h);
        dst[6] = new Capsule(j[B25.LHip], j[B25.LKnee], 0.040 * h);
        dst[7] = new Capsule(j[B25.RHip], j[B25.RKnee], 0.040 * h);
        dst[8] = new Capsule(j[B25.LKnee], j[B25.LAnkle], 0.030 * h);
        dst[9] = new Capsule(j[B25.RKnee], j[B25.RAnkle], 0.030 * h);
        dst[10] = new Capsule(j[B25.LHeel], j[B25.LBigToe], 0.022 * h);
        dst[11] = new Capsule(j[B25.RHeel], j[B25.RBigToe], 0.022 * h);
        var headCentre = Vec3.Lerp(j[B25.LEar], j[B25.REar], 0.5) + ((j[B25.Nose] - Vec3.Lerp(j[B25.LEar], j[B25.REar], 0.5)) * 0.25);
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
