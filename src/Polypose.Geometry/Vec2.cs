namespace Polypose.Geometry;

/// <summary>A 2D point or vector in double precision (pixels or normalised image coordinates, as documented by the caller).</summary>
public readonly record struct Vec2(double X, double Y)
{
    /// <summary>The zero vector.</summary>
    public static Vec2 Zero => default;

    /// <summary>Euclidean length.</summary>
    public double Length => Math.Sqrt((X * X) + (Y * Y));

    /// <summary>Squared Euclidean length.</summary>
    public double LengthSquared => (X * X) + (Y * Y);

    /// <summary>True when both coordinates are finite (neither NaN nor infinite).</summary>
    public bool IsFinite => double.IsFinite(X) && double.IsFinite(Y);

    public static Vec2 operator +(Vec2 a, Vec2 b) => new(a.X + b.X, a.Y + b.Y);

    public static Vec2 operator -(Vec2 a, Vec2 b) => new(a.X - b.X, a.Y - b.Y);

    public static Vec2 operator *(Vec2 a, double s) => new(a.X * s, a.Y * s);

    public static Vec2 operator *(double s, Vec2 a) => new(a.X * s, a.Y * s);

    /// <summary>Euclidean distance between two points.</summary>
    public static double Distance(Vec2 a, Vec2 b) => (a - b).Length;

    /// <summary>Dot product.</summary>
    public static double Dot(Vec2 a, Vec2 b) => (a.X * b.X) + (a.Y * b.Y);
}
