namespace Polypose.Geometry;

/// <summary>A ray in world space: origin (the camera centre, mm) and unit direction.</summary>
public readonly record struct Ray(Vec3 Origin, Vec3 Direction)
{
    /// <summary>The point at parameter t (mm along the ray).</summary>
    public Vec3 At(double t) => Origin + (Direction * t);

    /// <summary>Distance from a point to the infinite line through this ray.</summary>
    public double DistanceTo(Vec3 point)
    {
        var v = point - Origin;
        return Vec3.Cross(v, Direction).Length;
    }

    /// <summary>
    /// Shortest distance between two rays' lines (mm). For (near-)parallel lines this is the point-to-line distance.
    /// </summary>
    public static double Distance(Ray a, Ray b)
    {
        var n = Vec3.Cross(a.Direction, b.Direction);
        var nl = n.Length;
        var w = b.Origin - a.Origin;
        if (nl < 1e-9)
        {
            return Vec3.Cross(w, a.Direction).Length;
        }

        return Math.Abs(Vec3.Dot(w, n)) / nl;
    }
}
