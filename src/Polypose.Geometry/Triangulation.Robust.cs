namespace Polypose.Geometry;

/// <summary>Robust refinement of a triangulated point in pixel space.</summary>
public static partial class Triangulation
{
    /// <summary>
    /// Refines <paramref name="start"/> (world mm) by iteratively reweighted Gauss–Newton on the pixel reprojection
    /// errors of the views with weight &gt; 0, each view weighted by w_v / (1 + (e_v / <paramref name="scalePx"/>)²)
    /// (the Cauchy M-estimator): views that agree pull the point onto their rays, a view whose error is many scales
    /// away is all but ignored. Stops after <paramref name="maxIterations"/> steps or when a step is under 0.01 mm.
    /// Returns <paramref name="start"/> unchanged when fewer than two views project validly or the normal equations
    /// are singular; never NaN. Allocation-free.
    /// </summary>
    public static Vec3 RefineRobust(
        IReadOnlyList<Camera> cameras, ReadOnlySpan<Vec2> pixels, ReadOnlySpan<double> weights, Vec3 start, double scalePx, int maxIterations = 10)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        if (!(scalePx > 0) || !start.IsFinite)
        {
            return start;
        }

        var point = start;
        const double h = 0.05; // mm, central differences of the projection
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var a = Mat3.Zero;
            var g = Vec3.Zero;
            var views = 0;
            for (var v = 0; v < cameras.Count && v < weights.Length; v++)
            {
                if (!(weights[v] > 0) || !pixels[v].IsFinite)
                {
                    continue;
                }

                var camera = cameras[v];
                var p = camera.Project(point);
                if (!p.IsValid)
                {
                    continue;
                }

                var r = p.Pixel - pixels[v];
                if (!PixelJacobian(camera, point, h, out var jx, out var jy))
                {
                    continue;
                }

                var e = r.Length / scalePx;
                var w = weights[v] / (1 + (e * e));
                a += (Mat3.Outer(jx, jx) + Mat3.Outer(jy, jy)) * w;
                g += ((jx * r.X) + (jy * r.Y)) * w;
                views++;
            }

            if (views < 2 || !a.TryInvert(out var inverse))
            {
                return point;
            }

            var step = inverse * g;
            if (!step.IsFinite)
            {
                return point;
            }

            point -= step;
            if (step.Length < 0.01)
            {
                break;
            }
        }

        return point.IsFinite ? point : start;
    }

    /// <summary>Rows of d(pixel)/d(world point) by central differences; false when a probe does not project.</summary>
    private static bool PixelJacobian(Camera camera, Vec3 point, double h, out Vec3 dx, out Vec3 dy)
    {
        dx = dy = Vec3.Zero;
        Span<double> ux = stackalloc double[3];
        Span<double> uy = stackalloc double[3];
        for (var k = 0; k < 3; k++)
        {
            var delta = k switch { 0 => new Vec3(h, 0, 0), 1 => new Vec3(0, h, 0), _ => new Vec3(0, 0, h) };
            var plus = camera.Project(point + delta);
            var minus = camera.Project(point - delta);
            if (!plus.IsValid || !minus.IsValid)
            {
                return false;
            }

            ux[k] = (plus.Pixel.X - minus.Pixel.X) / (2 * h);
            uy[k] = (plus.Pixel.Y - minus.Pixel.Y) / (2 * h);
        }

        dx = new Vec3(ux[0], ux[1], ux[2]);
        dy = new Vec3(uy[0], uy[1], uy[2]);
        return true;
    }
}
