namespace Polypose.Geometry;

/// <summary>Pinhole intrinsics in pixels: focal lengths, principal point and skew (K = [[fx, s, cx], [0, fy, cy], [0, 0, 1]]).</summary>
public readonly record struct Intrinsics(double Fx, double Fy, double Cx, double Cy, double Skew = 0)
{
    /// <summary>The 3×3 matrix K.</summary>
    public Mat3 Matrix => new(Fx, Skew, Cx, 0, Fy, Cy, 0, 0, 1);

    /// <summary>Builds from a 3×3 K; throws when the last row is not (0, 0, 1) or a focal length is not positive.</summary>
    public static Intrinsics FromMatrix(Mat3 k)
    {
        if (Math.Abs(k.M10) > 1e-9 || Math.Abs(k.M20) > 1e-9 || Math.Abs(k.M21) > 1e-9 || Math.Abs(k.M22 - 1) > 1e-9)
        {
            throw new ArgumentException($"K must have the form [[fx,s,cx],[0,fy,cy],[0,0,1]]; got [{string.Join(", ", k.ToRowMajor())}]", nameof(k));
        }

        if (!(k.M00 > 0) || !(k.M11 > 0))
        {
            throw new ArgumentException($"focal lengths must be positive; got fx={k.M00}, fy={k.M11}", nameof(k));
        }

        return new Intrinsics(k.M00, k.M11, k.M02, k.M12, k.M01);
    }

    /// <summary>Pixel from normalised camera coordinates.</summary>
    public Vec2 ToPixel(Vec2 n) => new((Fx * n.X) + (Skew * n.Y) + Cx, (Fy * n.Y) + Cy);

    /// <summary>Normalised camera coordinates from a pixel (inverse of <see cref="ToPixel"/>).</summary>
    public Vec2 ToNormalized(Vec2 p)
    {
        var y = (p.Y - Cy) / Fy;
        return new((p.X - Cx - (Skew * y)) / Fx, y);
    }
}
