namespace Polypose.Geometry;

/// <summary>The weighted algebraic (Plücker/DLT) solver.</summary>
public static partial class Triangulation
{
    /// <summary>
    /// Weighted algebraic (Plücker/DLT) triangulation: stacks w_v·[d_v]×·(X − C_v) = 0 as a 3V×4 homogeneous system
    /// (in coordinates centred on the mean camera centre and scaled by the camera spread, for conditioning) and takes
    /// the right singular vector of the smallest singular value. <see cref="TriangulationResult.Residual"/> is
    /// ‖A·(X, 1)‖ / √Σw², i.e. the w²-weighted RMS distance (mm) from X to the rays.
    /// </summary>
    public static TriangulationResult Algebraic(ReadOnlySpan<Ray> rays, ReadOnlySpan<double> weights)
    {
        CheckLengths(rays, weights);
        Span<int> usable = rays.Length <= MaxStackRays ? stackalloc int[rays.Length] : new int[rays.Length];
        var used = FindUsable(rays, weights, usable, out var centre, out var scale);
        usable = usable[..used];
        if (used < 2 || !HasNonParallelPair(rays, usable))
        {
            return TriangulationResult.Invalid(used);
        }

        Span<double> ata = stackalloc double[16];
        ata.Clear();
        Span<double> row = stackalloc double[4];
        foreach (var i in usable)
        {
            var w = weights[i];
            var d = rays[i].Direction;
            var dc = Vec3.Cross(d, (rays[i].Origin - centre) * scale);
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
                    for (var b = a; b < 4; b++)
                    {
                        ata[(a * 4) + b] += row[a] * row[b];
                    }
                }
            }
        }

        for (var a = 1; a < 4; a++)
        {
            for (var b = 0; b < a; b++)
            {
                ata[(a * 4) + b] = ata[(b * 4) + a];
            }
        }

        if (!TrySmallestEigenvector(ata, out var x))
        {
            return TriangulationResult.Invalid(used);
        }

        var point = (x / scale) + centre;
        return Finish(rays, usable, point, WeightedRayDistance(rays, weights, usable, point, squaredWeights: true), used);
    }

    /// <summary>
    /// The dehomogenised eigenvector (x, 1) of the smallest eigenvalue of the 4×4 normal matrix
    /// M = [[S, −b], [−bᵀ, c]] (row-major, destroyed). Fast path: the eigenvalue is the root of the secular equation
    /// g(λ) = c − λ − bᵀ(S − λI)⁻¹b below the spectrum of S, found by Newton from λ = 0 (g is concave and decreasing
    /// there, so the iterates converge monotonically); then x = (S − λI)⁻¹b. Falls back to a Jacobi decomposition
    /// when S is not safely positive definite. False for a point at infinity (|x| &gt; 1e9 scaled units).
    /// </summary>
    private static bool TrySmallestEigenvector(Span<double> m, out Vec3 x)
    {
        var s = new Mat3(m[0], m[1], m[2], m[4], m[5], m[6], m[8], m[9], m[10]);
        var b = new Vec3(-m[3], -m[7], -m[11]);
        var c = m[15];
        var magnitude = s.M00 + s.M11 + s.M22 + c;
        double lambda = 0;
        for (var iteration = 0; iteration < 30; iteration++)
        {
            var shifted = s + (Mat3.Identity * -lambda);
            if (!IsPositiveDefinite(shifted, 1e-12 * magnitude) || !shifted.TryInvert(out var inv))
            {
                break;
            }

            x = inv * b;
            var g = c - lambda - Vec3.Dot(b, x);
            var dg = -1 - x.LengthSquared;
            var step = g / dg;
            if (!double.IsFinite(step))
            {
                break;
            }

            if (Math.Abs(step) <= 1e-15 * magnitude)
            {
                return x.IsFinite && x.LengthSquared < 1e18;
            }

            lambda -= step;
        }

        return TryJacobiEigenvector(m, out x);
    }

    private static bool TryJacobiEigenvector(Span<double> m, out Vec3 x)
    {
        Span<double> values = stackalloc double[4];
        Span<double> vectors = stackalloc double[16];
        SymmetricEigen.Decompose(m, 4, values, vectors);
        var min = 0;
        for (var i = 1; i < 4; i++)
        {
            if (values[i] < values[min])
            {
                min = i;
            }
        }

        var hw = vectors[12 + min];
        x = Math.Abs(hw) > 1e-9 ? new Vec3(vectors[min], vectors[4 + min], vectors[8 + min]) / hw : Vec3.Zero;
        return Math.Abs(hw) > 1e-9 && x.IsFinite;
    }

    /// <summary>Sylvester's criterion with a margin: every leading principal minor exceeds the matching power of <paramref name="margin"/>.</summary>
    private static bool IsPositiveDefinite(Mat3 a, double margin)
    {
        var m2 = (a.M00 * a.M11) - (a.M01 * a.M10);
        return a.M00 > margin && m2 > margin * margin && a.Determinant() > margin * margin * margin;
    }
}
