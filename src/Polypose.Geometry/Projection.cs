namespace Polypose.Geometry;

/// <summary>
/// The result of projecting a world point into a camera: the pixel (distorted image coordinates), the depth along
/// the optical axis (mm) and whether the projection is valid and inside the image. <see cref="InFront"/> is true only
/// when the point is at depth &gt; 1e-6 mm <em>and</em> inside the lens model's one-to-one region (see
/// <see cref="Camera.Project"/>); <see cref="Pixel"/> is meaningful only then, and is never NaN (zero when invalid).
/// </summary>
public readonly record struct Projection(Vec2 Pixel, double Depth, bool InFront, bool InImage)
{
    /// <summary>An invalid projection (behind the camera or not computable).</summary>
    public static Projection Invalid => new(Vec2.Zero, 0, false, false);

    /// <summary>True when the point is in front of the camera, within the lens model's valid region, and the pixel is finite.</summary>
    public bool IsValid => InFront;
}
