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

    /// <summary>Up to this many rays the usable-ray index list lives on the stack.</summary>
    private const int MaxStackRays = 256;

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
    public static TriangulationResult Midpoint(ReadOnlySpan<Ray> rays, ReadOnlySpan<double> weights) => MidpointCore(rays, weights, withResidual: true);

    /// <summary>
    /// <see cref="Midpoint"/> without the residual: the same point and validity (bit for bit), with
    /// <see cref="TriangulationResult.Residual"/> left at NaN when valid. For hot loops that only need the point.
    /// </summary>
    public static TriangulationResult MidpointPoint(ReadOnlySpan<Ray> rays, ReadOnlySpan<double> weights) => MidpointCore(rays, weights, withResidual: false);

    private static TriangulationResult MidpointCore(ReadOnlySpan<Ray> rays, ReadOnlySpan<double> weights, bool withResidual)
    {
        CheckLengths(rays, weights);

        Span<int> usable = rays.Length <= MaxStackRays ? stackalloc int[rays.Length] : new int[rays.Length];
        var used = FindUsable(rays, weights, usable, out var centre, out _);
        usable = usable[..used];
        if (used < 2 || !HasNonParallelPair(rays, usable))
        {
            return TriangulationResult.Invalid(used);
        }

        // Σ w (I − d dᵀ) and Σ w (I − d dᵀ)(C − centre), written out on the symmetric matrix (the same operations as
        // (I + (d dᵀ)·(−1))·w in matrix form, element by element).
        double a00 = 0, a01 = 0, a02 = 0, a11 = 0, a12 = 0, a22 = 0, bx = 0, by = 0, bz = 0;
        foreach (var i in usable)
        {
            var d = rays[i].Direction;
            var w = weights[i];
            var p00 = (1.0 + (d.X * d.X * -1)) * w;
            var p01 = (0.0 + (d.X * d.Y * -1)) * w;
            var p02 = (0.0 + (d.X * d.Z * -1)) * w;
            var p11 = (1.0 + (d.Y * d.Y * -1)) * w;
            var p12 = (0.0 + (d.Y * d.Z * -1)) * w;
            var p22 = (1.0 + (d.Z * d.Z * -1)) * w;
            a00 += p00;
            a01 += p01;
            a02 += p02;
            a11 += p11;
            a12 += p12;
            a22 += p22;
            var v = rays[i].Origin - centre;
            bx += (p00 * v.X) + (p01 * v.Y) + (p02 * v.Z);
            by += (p01 * v.X) + (p11 * v.Y) + (p12 * v.Z);
            bz += (p02 * v.X) + (p12 * v.Y) + (p22 * v.Z);
        }

        var a = new Mat3(a00, a01, a02, a01, a11, a12, a02, a12, a22);
        var b = new Vec3(bx, by, bz);
        var trace = a.M00 + a.M11 + a.M22;
        if (!(Math.Abs(a.Determinant()) > 1e-18 * trace * trace * trace) || !a.TryInvert(out var inv))
        {
            return TriangulationResult.Invalid(used);
        }

        var point = (inv * b) + centre;

        // The residual is skipped only where it is certainly finite, so that validity is the same either way.
        var skipResidual = !withResidual && point.IsFinite && IsNear(point, rays, weights, usable);
        var result = Finish(rays, usable, point, skipResidual ? 0 : WeightedRayDistance(rays, weights, usable, point, squaredWeights: false), used);
        return withResidual || !result.IsValid ? result : result with { Residual = double.NaN };
    }

    /// <summary>
    /// True when every usable ray has a weight in [1e-100, 1e100] and the point is within 1e50 mm of its centre on each
    /// axis: the weighted mean squared distance then cannot overflow, so the residual is finite.
    /// </summary>
    private static bool IsNear(Vec3 point, ReadOnlySpan<Ray> rays, ReadOnlySpan<double> weights, ReadOnlySpan<int> usable)
    {
        foreach (var i in usable)
        {
            var v = point - rays[i].Origin;
            var w = weights[i];
            if (!(w >= 1e-100 && w <= 1e100 && Math.Abs(v.X) < 1e50 && Math.Abs(v.Y) < 1e50 && Math.Abs(v.Z) < 1e50))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether two of the usable rays (indices in <paramref name="usable"/>) are not parallel.</summary>
    private static bool HasNonParallelPair(ReadOnlySpan<Ray> rays, ReadOnlySpan<int> usable)
    {
        for (var p = 0; p < usable.Length; p++)
        {
            for (var q = p + 1; q < usable.Length; q++)
            {
                if (Vec3.Cross(rays[usable[p]].Direction, rays[usable[q]].Direction).Length > ParallelAngle)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static TriangulationResult Finish(ReadOnlySpan<Ray> rays, ReadOnlySpan<int> usable, Vec3 point, double residual, int used)
    {
        if (!point.IsFinite || !double.IsFinite(residual))
        {
            return TriangulationResult.Invalid(used);
        }

        foreach (var i in usable)
        {
            if (!(Vec3.Dot(point - rays[i].Origin, rays[i].Direction) > 0))
            {
                return TriangulationResult.Invalid(used);
            }
        }

        return new TriangulationResult(point, residual, used, true);
    }

    /// <summary>√(Σ ω d² / Σ ω) over the usable rays with ω = w² or w; d = distance from the point to the ray's line.</summary>
    private static double WeightedRayDistance(ReadOnlySpan<Ray> rays, ReadOnlySpan<double> weights, ReadOnlySpan<int> usable, Vec3 point, bool squaredWeights)
    {
        double num = 0, den = 0;
        foreach (var i in usable)
        {
            var omega = squaredWeights ? weights[i] * weights[i] : weights[i];
            var dist = rays[i].DistanceTo(point);
            num += omega * dist * dist;
            den += omega;
        }

        return den > 0 ? Math.Sqrt(num / den) : double.PositiveInfinity;
    }

    /// <summary>
    /// Writes the indices of the usable rays, in order, into <paramref name="usable"/> and returns their count; gives
    /// the mean of their origins and 1 / (RMS spread of the origins, at least 1 mm).
    /// </summary>
    private static int FindUsable(ReadOnlySpan<Ray> rays, ReadOnlySpan<double> weights, Span<int> usable, out Vec3 centre, out double scale)
    {
        var used = 0;
        centre = Vec3.Zero;
        for (var i = 0; i < rays.Length; i++)
        {
            if (Usable(rays[i], weights[i]))
            {
                usable[used++] = i;
                centre += rays[i].Origin;
            }
        }

        centre = used > 0 ? centre / used : Vec3.Zero;
        double spread = 0;
        foreach (var i in usable[..used])
        {
            spread += (rays[i].Origin - centre).LengthSquared;
        }

        scale = 1 / Math.Max(used > 0 ? Math.Sqrt(spread / used) : 1, 1);
        return used;
    }

    private static bool Usable(Ray ray, double weight) =>
        weight > 0 && double.IsFinite(weight) && ray.Origin.IsFinite && ray.Direction.IsFinite && ray.Direction.LengthSquared > 0.5;

    private static void CheckLengths(ReadOnlySpan<Ray> rays, ReadOnlySpan<double> weights)
    {
        if (rays.Length != weights.Length)
        {
            throw new ArgumentException($"rays ({rays.Length}) and weights ({weights.Length}) must have the same length");
        }
    }
}
