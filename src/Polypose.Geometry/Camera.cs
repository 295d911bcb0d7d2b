namespace Polypose.Geometry;

/// <summary>
/// A calibrated pinhole camera with OpenCV distortion. Extrinsics are world-to-camera: x_cam = R·X + t, with X in
/// millimetres in a z-up world and t in millimetres. The camera looks down its +z axis, +x right, +y down (OpenCV).
/// Image size is in pixels; pixel (0, 0) is the centre of the top-left pixel.
/// </summary>
public sealed record Camera
{
    /// <summary>Creates a camera; throws <see cref="ArgumentException"/> for a non-rotation R, non-finite values or a bad size.</summary>
    public Camera(string name, int width, int height, Intrinsics intrinsics, Mat3 rotation, Vec3 translation, Distortion? distortion = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentException($"camera '{name}': image size must be positive, got {width}x{height}");
        }

        if (!rotation.IsFinite || !translation.IsFinite || !double.IsFinite(intrinsics.Fx + intrinsics.Fy + intrinsics.Cx + intrinsics.Cy + intrinsics.Skew))
        {
            throw new ArgumentException($"camera '{name}': calibration contains NaN or infinity");
        }

        var rrt = rotation * rotation.Transpose();
        var err = Math.Abs(rrt.M00 - 1) + Math.Abs(rrt.M11 - 1) + Math.Abs(rrt.M22 - 1) + Math.Abs(rrt.M01) + Math.Abs(rrt.M02) + Math.Abs(rrt.M12);
        if (err > 1e-4 || rotation.Determinant() < 0)
        {
            throw new ArgumentException($"camera '{name}': R is not a rotation matrix (|R·Rᵀ − I| = {err:G3}, det = {rotation.Determinant():G4})");
        }

        Name = name;
        Width = width;
        Height = height;
        Intrinsics = intrinsics;
        Rotation = rotation;
        Translation = translation;
        Distortion = distortion ?? Distortion.None;
        Center = -(rotation.Transpose() * translation);
    }

    /// <summary>The camera's name (matches detection folders and calibration keys).</summary>
    public string Name { get; init; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; init; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; init; }

    /// <summary>Pinhole intrinsics in pixels.</summary>
    public Intrinsics Intrinsics { get; init; }

    /// <summary>Lens distortion (OpenCV model).</summary>
    public Distortion Distortion { get; init; }

    /// <summary>World-to-camera rotation R.</summary>
    public Mat3 Rotation { get; init; }

    /// <summary>World-to-camera translation t in millimetres.</summary>
    public Vec3 Translation { get; init; }

    /// <summary>The camera centre C = −Rᵀt in world millimetres.</summary>
    public Vec3 Center { get; }

    /// <summary>Transforms a world point (mm) into camera coordinates (mm).</summary>
    public Vec3 WorldToCamera(Vec3 world) => (Rotation * world) + Translation;

    /// <summary>Whether a pixel lies inside the image, [−0.5, W − 0.5) × [−0.5, H − 0.5).</summary>
    public bool Contains(Vec2 pixel) => pixel.X >= -0.5 && pixel.Y >= -0.5 && pixel.X < Width - 0.5 && pixel.Y < Height - 0.5;

    /// <summary>
    /// Projects a world point (mm). Points at depth ≤ 1e-6 mm are behind the camera and return an invalid projection;
    /// the distortion model's failure (vanishing rational denominator) also returns invalid.
    /// </summary>
    public Projection Project(Vec3 world)
    {
        var c = WorldToCamera(world);
        if (!(c.Z > 1e-6) || !c.IsFinite)
        {
            return Projection.Invalid with { Depth = double.IsFinite(c.Z) ? c.Z : 0 };
        }

        var n = new Vec2(c.X / c.Z, c.Y / c.Z);
        if (!Distortion.TryDistort(n, out var d))
        {
            return Projection.Invalid with { Depth = c.Z };
        }

        var p = Intrinsics.ToPixel(d);
        if (!p.IsFinite)
        {
            return Projection.Invalid with { Depth = c.Z };
        }

        return new Projection(p, c.Z, true, Contains(p));
    }

    /// <summary>Normalised, undistorted camera coordinates of a pixel; false when the undistortion does not converge.</summary>
    public bool TryUndistort(Vec2 pixel, out Vec2 normalized)
    {
        if (!pixel.IsFinite)
        {
            normalized = Vec2.Zero;
            return false;
        }

        return Distortion.TryUndistort(Intrinsics.ToNormalized(pixel), out normalized);
    }

    /// <summary>The world ray through a pixel (origin = camera centre, unit direction); false when undistortion fails.</summary>
    public bool TryBackProject(Vec2 pixel, out Ray ray)
    {
        if (!TryUndistort(pixel, out var n))
        {
            ray = default;
            return false;
        }

        var dirCam = new Vec3(n.X, n.Y, 1);
        ray = new Ray(Center, (Rotation.Transpose() * dirCam).Normalized());
        return true;
    }

    /// <summary>The fundamental-free epipolar distance: the distance (mm) between the rays of two pixels in two cameras.</summary>
    public static double RayDistance(Camera a, Vec2 pa, Camera b, Vec2 pb) =>
        a.TryBackProject(pa, out var ra) && b.TryBackProject(pb, out var rb) ? Ray.Distance(ra, rb) : double.PositiveInfinity;
}
