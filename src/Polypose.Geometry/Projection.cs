namespace Polypose.Geometry;

/// <summary>
/// The result of projecting a world point into a camera: the pixel (distorted image coordinates) and whether the
/// point was in front of the camera and inside the image. <see cref="Pixel"/> is meaningful only when
/// <see cref="InFront"/> is true; it is never NaN.
/// </summary>
public readonly record struct Projection(Vec2 Pixel, double Depth, bool InFront, bool InImage)
{
    /// <summary>An invalid projection (behind the camera or not computable).</summary>
    public static Projection Invalid => new(Vec2.Zero, 0, false, false);

    /// <summary>True when the point is in front of the camera and the pixel is finite.</summary>
    public bool IsValid => InFront;
}
