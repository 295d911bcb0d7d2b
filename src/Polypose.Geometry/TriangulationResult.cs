namespace Polypose.Geometry;

/// <summary>
/// A triangulated point (world mm) with its residual and the number of views that contributed (usable ray, weight &gt; 0).
/// <see cref="Residual"/> is a weighted RMS point-to-ray distance in mm: weights w² for
/// <see cref="Triangulation.Algebraic"/>, w for <see cref="Triangulation.Midpoint"/>. When <see cref="IsValid"/> is false
/// the point is <see cref="Vec3.Zero"/> and must not be used, and the residual is +∞; no NaN is ever returned.
/// </summary>
public readonly record struct TriangulationResult(Vec3 Point, double Residual, int ViewsUsed, bool IsValid)
{
    /// <summary>The invalid result (fewer than two usable views, parallel rays, or a point behind the cameras).</summary>
    public static TriangulationResult Invalid(int viewsUsed = 0) => new(Vec3.Zero, double.PositiveInfinity, viewsUsed, false);
}
