using Polypose.Core.Poses;
using Polypose.Geometry;

namespace Polypose.Reconstruction;

/// <summary>
/// Per-joint triangulation of one associated person with <see cref="Triangulation.WithWorstViewDropout"/>: weighted
/// algebraic triangulation over the views whose 2D score passes <see cref="ReconstructionOptions.TriangulationThreshold"/>
/// (weights = scores), then, while ≥ 3 views remain and at most <see cref="ReconstructionOptions.MaxDropouts"/> views
/// were dropped, the worst view is dropped when its reprojection error exceeds
/// <see cref="ReconstructionOptions.DropoutErrorPx"/>. Confidence = mean weight of the kept views; 0 with position zero
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
        if (_pixels.Length < v)
        {
            _pixels = new Vec2[v];
            _weights = new double[v];
        }

        var pixels = _pixels.AsSpan(0, v);
        var weights = _weights.AsSpan(0, v);
        var usable = 0;
        for (var i = 0; i < v; i++)
        {
            weights[i] = 0;
            pixels[i] = Vec2.Zero;
            if (group[i] < 0)
            {
                continue;
            }

            var k = views[i][group[i]].Joints[joint];
            if (k.IsPresent && k.Score >= options.TriangulationThreshold && double.IsFinite(k.Score))
            {
                pixels[i] = new Vec2(k.X, k.Y);
                weights[i] = k.Score;
                usable++;
            }
        }

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

        return (result.Point, sum / result.KeptCount);
    }
}
