using Polypose.Core.Poses;
using Polypose.Geometry;

namespace Polypose.Reconstruction.Body;

/// <summary>
/// Per-joint triangulation of one associated person with <see cref="Triangulation.WithWorstViewDropout"/>: weighted
/// algebraic triangulation over the views whose 2D score passes <see cref="ReconstructionOptions.TriangulationThreshold"/>
/// (weights = scores), then, while ≥ 3 views remain and at most <see cref="ReconstructionOptions.MaxDropouts"/> views
/// were dropped, the worst view is dropped when its reprojection error exceeds
/// <see cref="ReconstructionOptions.DropoutErrorPx"/>; with <see cref="ReconstructionOptions.RobustRefineScalePx"/> &gt; 0 the
/// point is then refined robustly over all those views. Confidence = mean weight of the kept views; 0 with position zero
/// when fewer than two views remain or the triangulation is degenerate. Scratch buffers are reused; not thread-safe.
/// </summary>
internal sealed class JointTriangulator(ReconstructionOptions options)
{
    private Vec2[] _pixels = new Vec2[8];
    private double[] _weights = new double[8];

    /// <summary>Triangulates joint <paramref name="joint"/> of the group (detection index per view, −1 = absent).</summary>
    public (Vec3 Point, double Confidence) Triangulate(
        IReadOnlyList<Camera> cameras, IReadOnlyList<IReadOnlyList<Person2D>> views, ReadOnlySpan<int> group, int joint)
    {
        var v = group.Length;
        var usable = Gather(views, group, joint);
        var pixels = _pixels.AsSpan(0, v);
        var weights = _weights.AsSpan(0, v);
        if (usable < 2)
        {
            return (Vec3.Zero, 0);
        }

        var result = Triangulation.WithWorstViewDropout(
            cameras, pixels, weights, options.DropoutErrorPx, Math.Max(2, usable - options.MaxDropouts), TriangulationMethod.Algebraic);
        if (!result.IsValid || result.KeptCount < 2)
        {
            return (Vec3.Zero, 0);
        }

        double sum = 0;
        for (var i = 0; i < v; i++)
        {
            if (result.IsKept(i))
            {
                sum += weights[i];
            }
        }

        var point = options.RobustRefineScalePx > 0
            ? Triangulation.RefineRobust(cameras, pixels, weights, result.Point, options.RobustRefineScalePx)
            : result.Point;
        return (point, sum / result.KeptCount);
    }

    /// <summary>Fills the pixel/weight scratch for one joint of a group; returns how many views pass the threshold.</summary>
    private int Gather(IReadOnlyList<IReadOnlyList<Person2D>> views, ReadOnlySpan<int> group, int joint)
    {
        var v = group.Length;
        if (_pixels.Length < v)
        {
            _pixels = new Vec2[v];
            _weights = new double[v];
        }

        var usable = 0;
        for (var i = 0; i < v; i++)
        {
            _weights[i] = 0;
            _pixels[i] = Vec2.Zero;
            if (group[i] < 0)
            {
                continue;
            }

            var k = views[i][group[i]].Joints[joint];
            if (k.IsPresent && k.Score >= options.TriangulationThreshold && double.IsFinite(k.Score))
            {
                _pixels[i] = new Vec2(k.X, k.Y);
                _weights[i] = k.Score;
                usable++;
            }
        }

        return usable;
    }

    /// <summary>
    /// Leave-one-view-out re-triangulations of a joint (only when ≥ 3 views pass the score threshold), best first by
    /// the worst reprojection error (px) of the views kept; used to repair a joint that anatomy rejected. Returns the
    /// number of alternatives written.
    /// </summary>
    public int Alternatives(
        IReadOnlyList<Camera> cameras, IReadOnlyList<IReadOnlyList<Person2D>> views, ReadOnlySpan<int> group, int joint,
        Span<Vec3> points, Span<double> confidences)
    {
        var v = group.Length;
        var usable = Gather(views, group, joint);
        if (usable < 3)
        {
            return 0;
        }

        var pixels = _pixels.AsSpan(0, v);
        var weights = _weights.AsSpan(0, v);
        Span<double> errors = stackalloc double[points.Length];
        var count = 0;
        for (var leave = 0; leave < v; leave++)
        {
            if (weights[leave] <= 0)
            {
                continue;
            }

            var saved = weights[leave];
            weights[leave] = 0;
            var r = Triangulation.FromPixels(cameras, pixels, weights, TriangulationMethod.Algebraic);
            if (r.IsValid)
            {
                double worst = 0, sum = 0;
                for (var i = 0; i < v; i++)
                {
                    if (weights[i] > 0)
                    {
                        worst = Math.Max(worst, cameras[i].ReprojectionError(r.Point, pixels[i]));
                        sum += weights[i];
                    }
                }

                // Insert sorted by worst error; drop the tail when the output is full.
                var at = count;
                while (at > 0 && errors[at - 1] > worst)
                {
                    at--;
                }

                if (at < points.Length)
                {
                    var last = Math.Min(count, points.Length - 1);
                    for (var k = last; k > at; k--)
                    {
                        points[k] = points[k - 1];
                        confidences[k] = confidences[k - 1];
                        errors[k] = errors[k - 1];
                    }

                    points[at] = r.Point;
                    confidences[at] = sum / (usable - 1);
                    errors[at] = worst;
                    count = Math.Min(count + 1, points.Length);
                }
            }

            weights[leave] = saved;
        }

        return count;
    }
}
