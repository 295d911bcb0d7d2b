using Polypose.Tensors;

namespace Polypose.Learning.Decoder;

/// <summary>
/// Differentiable camera maps of <see cref="DecoderViews"/> (dispose.md 0.3): projection of world points into every
/// view with the guarded rational distortion, its fixed-point inverse (OpenCV's undistortPoints, 5 iterations), unit
/// ray directions, and the letterbox affines. Shapes: points <c>[S, P, 3]</c> (world mm), pixels <c>[S, V, P, 2]</c>
/// (original, distorted px), directions <c>[S, V, P, 3]</c> (world, unit). Unlike the reference, the skew of K is
/// applied (Polypose cameras carry one; it is zero for every dataset the reference reads).
/// </summary>
public static class ViewProjection
{
    /// <summary>Undistortion fixed-point iterations (reference 5).</summary>
    public const int UndistortIterations = 5;

    /// <summary>
    /// Projects <paramref name="points"/> <c>[S, P, 3]</c> into every view: pixels <c>[S, V, P, 2]</c> and the
    /// in-front flag <c>[S, V, P]</c> (bool; z_cam &gt; 1e-6; behind-camera points project as the principal point).
    /// </summary>
    public static (Tensor Pixels, Tensor InFront) Project(DecoderViews views, Tensor points)
    {
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(points);
        if (points.NDim != 3 || points.Size(0) != views.Samples || points.Size(2) != 3)
        {
            throw new ArgumentException($"points must be [{views.Samples}, P, 3], got [{string.Join(", ", points.Shape)}]", nameof(points));
        }

        int s = views.Samples, v = views.Views, p = points.Size(1);

        // x_cam = R X + t as row vectors: X·Rᵀ + t, [S, V, P, 3].
        var cam = points.Unsqueeze(1).Expand(s, v, p, 3).Matmul(views.Rotation.Transpose(-2, -1)) + views.Translation.Unsqueeze(2);
        var z = cam.Select(-1, 2);
        var front = z.Gt(1e-6f);
        var zc = z.Clamp(1e-6f, null);
        var x = Tensor.Where(front, cam.Select(-1, 0) / zc, 0f);
        var y = Tensor.Where(front, cam.Select(-1, 1) / zc, 0f);
        var r2 = ((x * x) + (y * y)).Clamp(null, 25f);
        var r4 = r2 * r2;
        var r6 = r4 * r2;
        var num = 1f + (Coef(views.Distortion, 0) * r2) + (Coef(views.Distortion, 1) * r4) + (Coef(views.Distortion, 2) * r6);
        var den = 1f + (Coef(views.Distortion, 3) * r2) + (Coef(views.Distortion, 4) * r4) + (Coef(views.Distortion, 5) * r6);
        den = Tensor.Where(den.Abs().Lt(1e-6f), Tensor.Where(den.Lt(0f), Tensor.FullLike(den, -1e-6f), Tensor.FullLike(den, 1e-6f)), den);
        var radial = (num / den).Clamp(-20f, 20f);
        Tensor p1 = Coef(views.Distortion, 6), p2 = Coef(views.Distortion, 7);
        var dx = (2f * p1 * x * y) + (p2 * (r2 + (2f * x * x)));
        var dy = (p1 * (r2 + (2f * y * y))) + (2f * p2 * x * y);
        var xd = (x * radial) + dx;
        var yd = (y * radial) + dy;
        var u = (Coef(views.Intrinsics, 0) * xd) + (Coef(views.Intrinsics, 4) * yd) + Coef(views.Intrinsics, 2);
        var w = (Coef(views.Intrinsics, 1) * yd) + Coef(views.Intrinsics, 3);
        return (Tensor.Stack([u, w], -1), front);
    }

    /// <summary>
    /// Normalised undistorted camera coordinates <c>[S, V, P, 2]</c> of <paramref name="pixels"/> <c>[S, V, P, 2]</c>:
    /// x0 = K⁻¹ pixel, then 5 iterations of x = (x0 − Δ(x))·(1 + k4r² + k5r⁴ + k6r⁶)/(1 + k1r² + k2r⁴ + k3r⁶) with the
    /// guards r² ≤ 1e4, denominator ≥ 1e-6, ratio and coordinates clamped to ±1e4.
    /// </summary>
    public static Tensor Undistort(DecoderViews views, Tensor pixels)
    {
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(pixels);
        var k = views.Intrinsics;
        var y0 = (pixels.Select(-1, 1) - Coef(k, 3)) / Coef(k, 1);
        var x0 = (pixels.Select(-1, 0) - Coef(k, 2) - (Coef(k, 4) * y0)) / Coef(k, 0);
        var dist = views.Distortion;
        Tensor k1 = Coef(dist, 0), k2 = Coef(dist, 1), k3 = Coef(dist, 2), k4 = Coef(dist, 3), k5 = Coef(dist, 4), k6 = Coef(dist, 5), p1 = Coef(dist, 6), p2 = Coef(dist, 7);
        Tensor x = x0, y = y0;
        for (var i = 0; i < UndistortIterations; i++)
        {
            var r2 = ((x * x) + (y * y)).Clamp(null, 1e4f);
            var r4 = r2 * r2;
            var r6 = r4 * r2;
            var num = 1f + (k4 * r2) + (k5 * r4) + (k6 * r6);
            var den = (1f + (k1 * r2) + (k2 * r4) + (k3 * r6)).Clamp(1e-6f, null);
            var ratio = (num / den).Clamp(-1e4f, 1e4f);
            var dx = (2f * p1 * x * y) + (p2 * (r2 + (2f * x * x)));
            var dy = (p1 * (r2 + (2f * y * y))) + (2f * p2 * x * y);
            (x, y) = (((x0 - dx) * ratio).Clamp(-1e4f, 1e4f), ((y0 - dy) * ratio).Clamp(-1e4f, 1e4f));
        }

        return Tensor.Stack([x, y], -1);
    }

    /// <summary>Unit world ray directions d = normalise(Rᵀ·[x_n, y_n, 1]) <c>[S, V, P, 3]</c> of <paramref name="pixels"/> <c>[S, V, P, 2]</c>.</summary>
    public static Tensor RayDirections(DecoderViews views, Tensor pixels)
    {
        ArgumentNullException.ThrowIfNull(views);
        var n = Undistort(views, pixels);
        var h = Tensor.Cat([n, Tensor.OnesLike(n.Narrow(-1, 0, 1))], -1);

        // Rᵀ·h as row vectors: h·R.
        var d = h.Matmul(views.Rotation);
        return d / (d * d).Sum(-1, keepDim: true).Sqrt();
    }

    /// <summary>Applies per-view affines <paramref name="affine"/> <c>[S, V, 2, 3]</c> to <paramref name="points"/> <c>[S, V, P, 2]</c>.</summary>
    public static Tensor Affine(Tensor affine, Tensor points)
    {
        ArgumentNullException.ThrowIfNull(affine);
        ArgumentNullException.ThrowIfNull(points);
        var linear = affine.Narrow(-1, 0, 2);
        var shift = affine.Select(-1, 2).Unsqueeze(2);
        return points.Matmul(linear.Transpose(-2, -1)) + shift;
    }

    /// <summary>Column <paramref name="index"/> of a per-view parameter tensor <c>[S, V, k]</c> as <c>[S, V, 1]</c>, broadcasting over points.</summary>
    private static Tensor Coef(Tensor perView, int index) => perView.Select(-1, index).Unsqueeze(-1);
}
