namespace Polypose.Geometry;

/// <summary>Projection, back-projection and reprojection error.</summary>
public sealed partial record Camera
{
    /// <summary>
    /// Projects a world point (mm) to a distorted pixel. Returns an invalid projection (never NaN) when the point is
    /// at depth ≤ 1e-6 mm (behind the camera; <see cref="Projection.Depth"/> keeps the depth), when it lies beyond
    /// the fold of the distortion model (<see cref="Distortion.IsWithinValidRadius"/>: a polynomial lens fit would
    /// send it to a meaningless pixel, often inside the image), or when the distortion cannot be evaluated.
    /// </summary>
    public Projection Project(Vec3 world)
    {
        var c = WorldToCamera(world);
        if (!(c.Z > 1e-6) || !c.IsFinite)
        {
            return Projection.Invalid with { Depth = double.IsFinite(c.Z) ? c.Z : 0 };
        }

        var n = new Vec2(c.X / c.Z, c.Y / c.Z);
        if (!n.IsFinite || !distortion.IsWithinValidRadius(n) || !distortion.TryDistort(n, out var d))
        {
            return Projection.Invalid with { Depth = c.Z };
        }

        var p = intrinsics.ToPixel(d);
        if (!p.IsFinite)
        {
            return Projection.Invalid with { Depth = c.Z };
        }

        return new Projection(p, c.Z, true, Contains(p));
    }

    /// <summary>Normalised, undistorted camera coordinates (x/z, y/z) of a pixel; false when the pixel is not finite or the undistortion fails.</summary>
    public bool TryUndistort(Vec2 pixel, out Vec2 normalized)
    {
        if (!pixel.IsFinite)
        {
            normalized = Vec2.Zero;
            return false;
        }

        return distortion.TryUndistort(intrinsics.ToNormalized(pixel), out normalized);
    }

    /// <summary>
    /// The pixel an ideal (distortion-free) camera with the same K would see: K·undistort(pixel), the pixel space in
    /// which epipolar lines are straight. False when the undistortion fails.
    /// </summary>
    public bool TryUndistortPixel(Vec2 pixel, out Vec2 undistortedPixel)
    {
        if (!TryUndistort(pixel, out var n))
        {
            undistortedPixel = Vec2.Zero;
            return false;
        }

        undistortedPixel = intrinsics.ToPixel(n);
        return true;
    }

    /// <summary>The world ray through a pixel (origin = camera centre in mm, unit direction); false when undistortion fails.</summary>
    public bool TryBackProject(Vec2 pixel, out Ray ray)
    {
        if (!TryUndistort(pixel, out var n))
        {
            ray = default;
            return false;
        }

        var dirCam = new Vec3(n.X, n.Y, 1);
        ray = new Ray(Center, (rotation.Transpose() * dirCam).Normalized());
        return true;
    }

    /// <summary>
    /// The reprojection error in pixels: the distance between the projection of a world point (mm) and an observed
    /// (distorted) pixel. <see cref="double.PositiveInfinity"/> when the projection is invalid or the pixel is not finite.
    /// </summary>
    public double ReprojectionError(Vec3 world, Vec2 pixel)
    {
        if (!pixel.IsFinite)
        {
            return double.PositiveInfinity;
        }

        var p = Project(world);
        return p.IsValid ? Vec2.Distance(p.Pixel, pixel) : double.PositiveInfinity;
    }

    /// <summary>The fundamental-free epipolar distance: the distance (mm) between the rays of two pixels in two cameras; +∞ when either pixel cannot be back-projected.</summary>
    public static double RayDistance(Camera a, Vec2 pa, Camera b, Vec2 pb) =>
        a.TryBackProject(pa, out var ra) && b.TryBackProject(pb, out var rb) ? Ray.Distance(ra, rb) : double.PositiveInfinity;
}
