namespace Polypose.Geometry;

/// <summary>Triangulation straight from calibrated cameras and observed pixels, and reprojection errors.</summary>
public static partial class Triangulation
{
    /// <summary>Up to this many views, the pixel-based methods keep their scratch buffers on the stack.</summary>
    internal const int StackViews = 32;

    /// <summary>
    /// Triangulates one point (world mm) from observed distorted pixels, one per camera, with per-view weights.
    /// Views with weight ≤ 0 or NaN, a non-finite pixel, or a pixel that cannot be undistorted are ignored.
    /// Allocation-free for up to 32 views.
    /// </summary>
    /// <param name="cameras">The V cameras.</param>
    /// <param name="pixels">[V] observed pixels (distorted image coordinates).</param>
    /// <param name="weights">[V] non-negative weights (e.g. detection scores).</param>
    /// <param name="method">The solver.</param>
    /// <exception cref="ArgumentException">The three inputs differ in length.</exception>
    public static TriangulationResult FromPixels(IReadOnlyList<Camera> cameras, ReadOnlySpan<Vec2> pixels, ReadOnlySpan<double> weights, TriangulationMethod method)
    {
        CheckViews(cameras, pixels, weights);
        var n = cameras.Count;
        Span<Ray> rays = n <= StackViews ? stackalloc Ray[n] : new Ray[n];
        Span<double> w = n <= StackViews ? stackalloc double[n] : new double[n];
        BackProject(cameras, pixels, weights, rays, w);
        return Solve(rays, w, method);
    }

    /// <summary>
    /// The reprojection error in pixels between the projection of a world point (mm) and an observed distorted pixel;
    /// <see cref="double.PositiveInfinity"/> when the point does not project validly or the pixel is not finite.
    /// </summary>
    public static double ReprojectionError(Camera camera, Vec3 point, Vec2 pixel)
    {
        ArgumentNullException.ThrowIfNull(camera);
        return camera.ReprojectionError(point, pixel);
    }

    /// <summary>
    /// The weighted mean squared reprojection error, Σ_v w_v‖π_v(X) − u_v‖² / Σ_v w_v, in px². Only views with
    /// weight &gt; 0, a finite pixel and a valid projection (in front of the camera) count, as in DisPOSE's geometric
    /// cue. <see cref="double.PositiveInfinity"/> when no view counts or the point is not finite.
    /// </summary>
    /// <param name="cameras">The V cameras.</param>
    /// <param name="point">World point, mm.</param>
    /// <param name="pixels">[V] observed distorted pixels.</param>
    /// <param name="weights">[V] weights.</param>
    public static double MeanSquaredReprojectionError(IReadOnlyList<Camera> cameras, Vec3 point, ReadOnlySpan<Vec2> pixels, ReadOnlySpan<double> weights)
    {
        CheckViews(cameras, pixels, weights);
        if (!point.IsFinite)
        {
            return double.PositiveInfinity;
        }

        double num = 0, den = 0;
        for (var v = 0; v < cameras.Count; v++)
        {
            var w = weights[v];
            if (!(w > 0) || !double.IsFinite(w) || !pixels[v].IsFinite)
            {
                continue;
            }

            var p = cameras[v].Project(point);
            if (p.IsValid)
            {
                num += w * (p.Pixel - pixels[v]).LengthSquared;
                den += w;
            }
        }

        return den > 0 ? num / den : double.PositiveInfinity;
    }

    /// <summary>Fills rays and effective weights: a view whose pixel cannot be back-projected gets weight 0.</summary>
    private static void BackProject(IReadOnlyList<Camera> cameras, ReadOnlySpan<Vec2> pixels, ReadOnlySpan<double> weights, Span<Ray> rays, Span<double> w)
    {
        for (var v = 0; v < cameras.Count; v++)
        {
            var wv = weights[v];
            if (wv > 0 && double.IsFinite(wv) && cameras[v].TryBackProject(pixels[v], out var ray))
            {
                rays[v] = ray;
                w[v] = wv;
            }
            else
            {
                rays[v] = default;
                w[v] = 0;
            }
        }
    }

    private static void CheckViews(IReadOnlyList<Camera> cameras, ReadOnlySpan<Vec2> pixels, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        if (pixels.Length != cameras.Count || weights.Length != cameras.Count)
        {
            throw new ArgumentException($"expected one pixel and one weight per camera ({cameras.Count}); got {pixels.Length} pixels and {weights.Length} weights");
        }
    }
}
