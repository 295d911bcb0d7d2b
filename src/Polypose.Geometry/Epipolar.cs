namespace Polypose.Geometry;

/// <summary>
/// Two-view epipolar geometry between calibrated cameras a and b (world-to-camera extrinsics, mm). Matrices act on
/// homogeneous <em>undistorted</em> coordinates: <see cref="Essential"/> on normalised camera coordinates
/// (x/z, y/z, 1) and <see cref="Fundamental"/> on undistorted pixels (K·(x/z, y/z, 1), see
/// <see cref="Camera.TryUndistortPixel"/>). For corresponding points x_bᵀ·M·x_a = 0. With distortion the epipolar
/// "line" in raw pixels is a curve, so raw pixels must be undistorted first; <see cref="SymmetricDistance(Camera, Vec2, Camera, Vec2)"/>
/// does that. Results are never NaN: degenerate cases (coincident camera centres, a point at the epipole) give +∞.
/// </summary>
public static class Epipolar
{
    /// <summary>
    /// The essential matrix E = [t]×·R of the relative pose x_b = R·x_a + t (R = R_b·R_aᵀ, t = t_b − R·t_a, mm), so
    /// n_bᵀ·E·n_a = 0 for normalised undistorted coordinates n = (x/z, y/z, 1). Zero when the centres coincide.
    /// </summary>
    public static Mat3 Essential(Camera a, Camera b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var r = b.Rotation * a.Rotation.Transpose();
        var t = b.Translation - (r * a.Translation);
        return Mat3.Skew(t) * r;
    }

    /// <summary>
    /// The fundamental matrix F = K_b⁻ᵀ·E·K_a⁻¹ on undistorted pixels (p = K·n), so p_bᵀ·F·p_a = 0 for
    /// corresponding points. Its scale is that of E in millimetres (not normalised).
    /// </summary>
    public static Mat3 Fundamental(Camera a, Camera b)
    {
        if (!a.Intrinsics.Matrix.TryInvert(out var kaInv) || !b.Intrinsics.Matrix.TryInvert(out var kbInv))
        {
            throw new ArgumentException($"intrinsics of '{a.Name}' or '{b.Name}' are singular");
        }

        return kbInv.Transpose() * Essential(a, b) * kaInv;
    }

    /// <summary>The epipolar line l = F·p_a in image b, as (a, b, c) with a·x + b·y + c = 0 (undistorted pixels).</summary>
    public static Vec3 LineInB(Mat3 fundamental, Vec2 undistortedA) => fundamental * new Vec3(undistortedA.X, undistortedA.Y, 1);

    /// <summary>The epipolar line l = Fᵀ·p_b in image a, as (a, b, c) with a·x + b·y + c = 0 (undistorted pixels).</summary>
    public static Vec3 LineInA(Mat3 fundamental, Vec2 undistortedB) => fundamental.Transpose() * new Vec3(undistortedB.X, undistortedB.Y, 1);

    /// <summary>The distance in pixels from a point to a line (a, b, c); +∞ when the line is undefined (a = b = 0) or not finite.</summary>
    public static double PointLineDistance(Vec3 line, Vec2 point)
    {
        var norm = Math.Sqrt((line.X * line.X) + (line.Y * line.Y));
        var d = Math.Abs((line.X * point.X) + (line.Y * point.Y) + line.Z) / norm;
        return norm > 1e-300 && double.IsFinite(d) ? d : double.PositiveInfinity;
    }

    /// <summary>
    /// The symmetric epipolar distance in pixels for undistorted pixels: the mean of dist(p_b, F·p_a) in image b and
    /// dist(p_a, Fᵀ·p_b) in image a. When only one side is defined (a point at its epipole) that side alone;
    /// +∞ when neither is (F = 0: coincident centres) or an input is not finite.
    /// </summary>
    public static double SymmetricDistance(Mat3 fundamental, Vec2 undistortedA, Vec2 undistortedB)
    {
        if (!undistortedA.IsFinite || !undistortedB.IsFinite)
        {
            return double.PositiveInfinity;
        }

        var db = PointLineDistance(LineInB(fundamental, undistortedA), undistortedB);
        var da = PointLineDistance(LineInA(fundamental, undistortedB), undistortedA);
        return (double.IsFinite(da), double.IsFinite(db)) switch
        {
            (true, true) => (da + db) / 2,
            (true, false) => da,
            (false, true) => db,
            _ => double.PositiveInfinity,
        };
    }

    /// <summary>
    /// The symmetric epipolar distance in pixels between raw (distorted) pixels of two cameras: both are undistorted
    /// to ideal pixels first, then <see cref="SymmetricDistance(Mat3, Vec2, Vec2)"/>. +∞ when a pixel cannot be
    /// undistorted. For many pairs, compute <see cref="Fundamental"/> once and undistort each pixel once instead.
    /// </summary>
    public static double SymmetricDistance(Camera a, Vec2 pixelA, Camera b, Vec2 pixelB)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!a.TryUndistortPixel(pixelA, out var ua) || !b.TryUndistortPixel(pixelB, out var ub))
        {
            return double.PositiveInfinity;
        }

        return SymmetricDistance(Fundamental(a, b), ua, ub);
    }
}
