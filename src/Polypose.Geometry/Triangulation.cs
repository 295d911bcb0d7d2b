namespace Polypose.Geometry;

/// <summary>
/// Multi-view triangulation of one point from weighted rays (world mm). Views with weight ≤ 0 or a non-finite ray are
/// ignored. Every method returns <see cref="TriangulationResult.Invalid"/> instead of NaN for degenerate input:
/// fewer than two usable views, (near-)parallel rays, or a solution behind a contributing camera.
/// </summary>
public static class Triangulation
{
    /// <summary>Rays whose directions differ by less than this angle (radians) are treated as parallel.</summary>
    public const double ParallelAngle = 1e-6;

    /// <summary>
    /// Weighted algebraic (Plücker/DLT) triangulation: stacks w_v·[d_v]×·(X − C_v) = 0 as a 3V×4 homogeneous system and
    /// takes the right singular vector of the smallest singular value. <see cref="TriangulationResult.Residual"/> is that
    /// singular value divided by the root of the summed squared weights (so it is in millimetres of ray distance).
    /// </summary>
    public static TriangulationResult Algebraic(ReadOnlySpan<Ray> rays, ReadOnlySpan<double> weights)
    {
        CheckLengths(rays, weights);
        Span<double> ata = stackalloc double[16];
        ata.Clear();
        var used = 0;
        double wsum = 0;

        // Centre and scale for conditioning: homogeneous coordinates in metres around the mean camera centre.
        var centre = Vec3.Zero;
        for (var i = 0; i < rays.Length; i++)
        {
            if (Usable(rays[i], weights[i]))
            {
                centre += rays[i].Origin;
                used++;
            }
        }

        if (used < 2 || !HasNonParallelPair(rays, weights))
        {
            return TriangulationResult.Invalid(used);
        }

        centre /= used;
        const double scale = 1e-3;
        Span<double> row = stackalloc double[4];
        for (var i = 0; i < rays.Length; i++)
        {
            if (!Usable(rays[i], weights[i]))
            {
                continue;
            }

            var w = weights[i];
            var d = rays[i].Direction;
            var c = (rays[i].Origin - centre) * scale;
            var dc = Vec3.Cross(d, c);
            var sk = Mat3.Skew(d);
            for (var r = 0; r < 3; r++)
            {
                var srow = sk.Row(r);
                row[0] = w * srow.X;
                row[1] = w * srow.Y;
                row[2] = w * srow.Z;
                row[3] = -w * dc[r];
                for (var a = 0; a < 4; a++)
                {
                    for (var b = 0; b < 4; b++)
                    {
                        ata[(a * 4) + b] += row[a] * row[b];
                    }
                }
            }

            wsum += w * w;
        }

        Span<double> values = stackalloc double[4];
        Span<double> vectors = stackalloc double[16];
        SymmetricEigen.Decompose(ata, 4, values, vectors);
        var min = 0;
        for (var i = 1; i < 4; i++)
        {
            if (values[i] < values[min])
            {
                min = i;
            }
        }

        var hw = vectors[12 + min];
        if (Math.Abs(hw) < 1e-12)
        {
            return TriangulationResult.Invalid(used);
        }

        var point = (new Vec3(vectors[min], vectors[4 + min], vectors[8 + min]) / (hw * scale)) + centre;
        var residual = Math.Sqrt(Math.Max(values[min], 0) / Math.Max(wsum, 1e-300)) / scale * Math.Abs(hw);
        return Finish(rays, weights, point, residual, used);
    }

    /// <summary>
    /// Weighted midpoint triangulation: the point minimising Σ w_v · dist(X, line_v)². Residual is the weighted RMS
    /// point-to-ray distance in millimetres.
    /// </summary>
    public static TriangulationResult Midpoint(ReadOnlySpan<Ray> rays, ReadOnlySpan<double> weights)
    {
        CheckLengths(rays, weights);
        var a = new Mat3(0, 0, 0, 0, 0, 0, 0, 0, 0);
        var b = Vec3.Zero;
        var used = 0;
        double wsum = 0;
        for (var i = 0; i < rays.Length; i++)
        {
            if (!Usable(rays[i], weights[i]))
            {
                continue;
            }

            var d = rays[i].Direction;
            var p = Mat3.Identity + (Mat3.Outer(d, d) * -1);
            var w = weights[i];
            a += p * w;
            b += p * rays[i].Origin * w;
            wsum += w;
            used++;
        }

        if (used < 2 || !HasNonParallelPair(rays, weights) || !a.TryInvert(out var inv))
        {
            return TriangulationResult.Invalid(used);
        }

        var point = inv * b;
        double err = 0;
        for (var i = 0; i < rays.Length; i++)
        {
            if (Usable(rays[i], weights[i]))
            {
                var dist = rays[i].DistanceTo(point);
                err += weights[i] * dist * dist;
            }
        }

        return Finish(rays, weights, point, Math.Sqrt(err / wsum), used);
    }

    private static TriangulationResult Finish(ReadOnlySpan<Ray> rays, ReadOnlySpan<double> weights, Vec3 point, double residual, int used)
    {
        if (!point.IsFinite || !double.IsFinite(residual))
        {
            return TriangulationResult.Invalid(used);
        }

        for (var i = 0; i < rays.Length; i++)
        {
            if (Usable(rays[i], weights[i]) && Vec3.Dot(point - rays[i].Origin, rays[i].Direction) <= 0)
            {
                return TriangulationResult.Invalid(used);
            }
        }

        return new TriangulationResult(point, residual, used, true);
    }

    private static bool Usable(Ray ray, double weight) =>
        weight > 0 && double.IsFinite(weight) && ray.Origin.IsFinite && ray.Direction.IsFinite && ray.Direction.LengthSquared > 0.5;

    private static bool HasNonParallelPair(ReadOnlySpan<Ray> rays, ReadOnlySpan<double> weights)
    {
        for (var i = 0; i < rays.Length; i++)
        {
            if (!Usable(rays[i], weights[i]))
            {
                continue;
            }

            for (var j = i + 1; j < rays.Length; j++)
            {
                if (Usable(rays[j], weights[j]) && Vec3.Cross(rays[i].Direction, rays[j].Direction).Length > ParallelAngle)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void CheckLengths(ReadOnlySpan<Ray> rays, ReadOnlySpan<double> weights)
    {
        if (rays.Length != weights.Length)
        {
            throw new ArgumentException($"rays ({rays.Length}) and weights ({weights.Length}) must have the same length");
        }
    }
}
