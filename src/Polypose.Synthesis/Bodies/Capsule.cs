using Polypose.Geometry;

namespace Polypose.Synthesis.Bodies;

/// <summary>A body volume: the set of points within <see cref="Radius"/> mm of the segment A–B (world mm). A = B is a sphere.</summary>
public readonly record struct Capsule(Vec3 A, Vec3 B, double Radius)
{
    /// <summary>True when the point lies inside the capsule.</summary>
    public bool Contains(Vec3 p) => Segments.PointSegmentDistanceSquared(p, A, B) < Radius * Radius;

    /// <summary>True when the segment p–q passes through the capsule.</summary>
    public bool Intersects(Vec3 p, Vec3 q) => Segments.SegmentSegmentDistanceSquared(p, q, A, B) < Radius * Radius;
}
