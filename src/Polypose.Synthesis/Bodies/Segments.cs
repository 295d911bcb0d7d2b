using Polypose.Geometry;

namespace Polypose.Synthesis.Bodies;

/// <summary>Closest-distance queries between points and segments (squared distances, mm²).</summary>
internal static class Segments
{
    public static double PointSegmentDistanceSquared(Vec3 p, Vec3 a, Vec3 b)
    {
        var ab = b - a;
        var len2 = ab.LengthSquared;
        var t = len2 > 0 ? Math.Clamp(Vec3.Dot(p - a, ab) / len2, 0, 1) : 0;
        return (a + (ab * t) - p).LengthSquared;
    }

    /// <summary>Squared distance between segments p1–q1 and p2–q2 (clamped closest points; handles degenerate segments).</summary>
    public static double SegmentSegmentDistanceSquared(Vec3 p1, Vec3 q1, Vec3 p2, Vec3 q2)
    {
        var d1 = q1 - p1;
        var d2 = q2 - p2;
        var r = p1 - p2;
        var a = d1.LengthSquared;
        var e = d2.LengthSquared;
        var f = Vec3.Dot(d2, r);
        double s, t;
        if (a <= 1e-12 && e <= 1e-12)
        {
            return r.LengthSquared;
        }

        if (a <= 1e-12)
        {
            s = 0;
            t = Math.Clamp(f / e, 0, 1);
        }
        else
        {
            var c = Vec3.Dot(d1, r);
            if (e <= 1e-12)
            {
                t = 0;
                s = Math.Clamp(-c / a, 0, 1);
            }
            else
            {
                var b = Vec3.Dot(d1, d2);
                var denom = (a * e) - (b * b);
                s = denom > 1e-12 * a * e ? Math.Clamp(((b * f) - (c * e)) / denom, 0, 1) : 0;
                t = ((b * s) + f) / e;
                if (t < 0)
                {
                    t = 0;
                    s = Math.Clamp(-c / a, 0, 1);
                }
                else if (t > 1)
                {
                    t = 1;
                    s = Math.Clamp((b - c) / a, 0, 1);
                }
            }
        }

        return (p1 + (d1 * s) - (p2 + (d2 * t))).LengthSquared;
    }
}
