namespace Polypose.Geometry;

/// <summary>
/// Multi-view triangulation of one point from weighted rays (world mm). Views with weight ≤ 0 (or NaN) or a non-finite
/// ray are ignored. Every method returns <see cref="TriangulationResult.Invalid"/> instead of NaN for degenerate input:
/// fewer than two usable views, (near-)parallel rays, a point at infinity, or a solution at or behind a contributing
/// camera. All methods are allocation-free.
/// </summary>
public static partial class Triangulation
{
    /// <summary>Rays whose directions differ by less than this angle (radians) are treated as parallel.</summary>
    public const double ParallelAngle = 1e-6;

    /// <summary>Triangulates with the chosen method; see <see cref="Algebraic"/> and <see cref="Midpoint"/>.</summary>
    public static TriangulationResult Solve(ReadOnlySpan<Ray> rays, ReadOnlySpan<double> weights, TriangulationMethod method) => method switch
    {
        TriangulationMethod.Algebraic => Algebraic(rays, weights),
        TriangulationMethod.Midpoint => Midpoint(rays, weights),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown triangulation method"),
    };

    /// <summary>
    /// Weighted midpoint triangulation: the point minimising Σ w_v · dist(X, line_v)², from
    /// Σ w_v (I − d_v d_vᵀ)(X − C_v) = 0. <see cref="TriangulationResult.Residual"/> is the w-weighted RMS point-to-ray
    /// distance in millimetres.
    /// </summary>
    public static TriangulationResult Midpoint(ReadOnlySpan<Ray> rays, ReadOnlySpan<double> weights)
    {
        CheckLengths(rays, weights);
        var used = CountUsable(rays, weights, out var centre, out _);
        if (used < 2 || !HasNonParallelPair(rays, weights))
        {
            return TriangulationResult.Invalid(used);
        }

        var a = Mat3.Zero;
        var b = Vec3.Zero;
        for (var i = 0; i < rays.Length; i++)
        {
            if (!Usable(rays[i], weights[i]))
            {
                continue;
            }

            var d = rays[i].Direction;
            var p = (Mat3.Identity + (Mat3.Outer(d, d) * -1)) * weights[i];
            a += p;
            b += p * (rays[i].Origin - centre);
        }

        var trace = a.M00 + a.M11 + a.M22;
        if (!(Math.Abs(a.Determinant()) > 1e-18 * trace * trace * trace) || !a.TryInvert(out var inv))
        {
            return TriangulationResult.Invalid(used);
        }

        var point = (inv * b) + centre;
        return Finish(rays, weights, point, WeightedRayDistance(rays, weights, point, squaredWeights: false), used);
    }

    private static TriangulationResult Finish(ReadOnlySpan<Ray> rays, ReadOnlySpan<double> weights, Vec3 point, double residual, int used)
    {
        if (!point.IsFinite || !double.IsFinite(residual))
        {
            return TriangulationResult.Invalid(used);
        }

        for (var i = 0; i < rays.Length; i++)
        {
            if (Usable(rays[i], weights[i]) && !(Vec3.Dot(point - rays[i].Origin, rays[i].Direction) > 0))
            {
                return TriangulationResult.Invalid(used);
            }
        }

        return new TriangulationResult(point, residual, used, true);
    }

    /// <summary>√(Σ ω d² / Σ ω) over usable rays with ω = w² or w; d = distance from the point to the ray's line.</summary>
    private static double WeightedRayDistance(ReadOnlySpan<Ray> rays, ReadOnlySpan<double> weights, Vec3 point, bool squaredWeights)
    {
        double num = 0, den = 0;
        for (var i = 0; i < rays.Length; i++)
        {
            if (Usable(rays[i], weights[i]))
            {
                var omega = squaredWeights ? weights[i] * weights[i] : weights[i];
                var dist = rays[i].DistanceTo(point);
                num += omega * dist * dist;
                den += omega;
            }
        }

        return den > 0 ? Math.Sqrt(num / den) : double.PositiveInfinity;
    }

    /// <summary>Counts usable rays; gives the mean of their origins and 1 / (RMS spread of the origins, at least 1 mm).</summary>
    private static int CountUsable(ReadOnlySpan<Ray> rays, ReadOnlySpan<double> weights, out Vec3 centre, out double scale)
    {
        var used = 0;
        centre = Vec3.Zero;
        for (var i = 0; i < rays.Length; i++)
        {
            if (Usable(rays[i], weights[i]))
            {
                centre += rays[i].Origin;
                used++;
            }
        }

        centre = used > 0 ? centre / used : Vec3.Zero;
        double spread = 0;
        for (var i = 0; i < rays.Length; i++)
        {
            if (Usable(rays[i], weights[i]))
            {
                spread += (rays[i].Origin - centre).LengthSquared;
            }
        }

        scale = 1 / Math.Max(used > 0 ? Math.Sqrt(spread / used) : 1, 1);
        return used;
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
