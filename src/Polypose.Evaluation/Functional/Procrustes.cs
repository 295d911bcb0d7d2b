using Polypose.Geometry;

namespace Polypose.Evaluation.Functional;

/// <summary>
/// Least-squares alignment of one point set onto another (millimetres): Horn's closed-form quaternion solution for the
/// rotation (always a proper rotation, never a reflection), Umeyama's formula for the uniform scale.
/// </summary>
public static class Procrustes
{
    /// <summary>
    /// Finds the transform T minimising Σ_i mask_i·‖T(source_i) − target_i‖². <paramref name="source"/> and
    /// <paramref name="target"/> have shape [K] (K joints, mm); <paramref name="mask"/> (length K, or empty for all)
    /// selects the joints used. Returns false, with <see cref="SimilarityTransform.Identity"/>, when no joint is selected
    /// or a coordinate is not finite. With one selected point, or all selected source points equal, only the translation
    /// is fitted (rotation identity, scale 1).
    /// </summary>
    public static bool TryFit(
        ReadOnlySpan<Vec3> source,
        ReadOnlySpan<Vec3> target,
        ReadOnlySpan<bool> mask,
        Alignment alignment,
        out SimilarityTransform transform)
    {
        transform = SimilarityTransform.Identity;
        if (source.Length != target.Length || (!mask.IsEmpty && mask.Length != source.Length))
        {
            throw new ArgumentException(
                $"shape mismatch: source [{source.Length}], target [{target.Length}], mask [{mask.Length}] (expected equal or empty mask)");
        }

        Vec3 meanA = Vec3.Zero, meanB = Vec3.Zero;
        var n = 0;
        for (var i = 0; i < source.Length; i++)
        {
            if (!mask.IsEmpty && !mask[i])
            {
                continue;
            }

            if (!source[i].IsFinite || !target[i].IsFinite)
            {
                return false;
            }

            meanA += source[i];
            meanB += target[i];
            n++;
        }

        if (n == 0)
        {
            return false;
        }

        meanA /= n;
        meanB /= n;
        if (alignment == Alignment.None)
        {
            return true;
        }

        if (alignment == Alignment.Translation)
        {
            transform = new SimilarityTransform(Mat3.Identity, 1, meanB - meanA);
            return true;
        }

        // Cross-covariance S_xy = Σ a'_x b'_y and the source spread Σ|a'|².
        Span<double> s = stackalloc double[9];
        s.Clear();
        double spread = 0;
        for (var i = 0; i < source.Length; i++)
        {
            if (!mask.IsEmpty && !mask[i])
            {
                continue;
            }

            var a = source[i] - meanA;
            var b = target[i] - meanB;
            spread += a.LengthSquared;
            for (var r = 0; r < 3; r++)
            {
                for (var c = 0; c < 3; c++)
                {
                    s[(r * 3) + c] += a[r] * b[c];
                }
            }
        }

        if (spread <= 1e-18)
        {
            transform = new SimilarityTransform(Mat3.Identity, 1, meanB - meanA);
            return true;
        }

        var rotation = HornRotation(s, out var lambda);
        var scale = alignment == Alignment.Procrustes ? Math.Max(lambda, 0) / spread : 1.0;
        if (scale <= 0)
        {
            scale = 1;
        }

        transform = new SimilarityTransform(rotation, scale, meanB - (rotation * meanA * scale));
        return true;
    }

    /// <summary>The rotation from the largest eigenvector of Horn's 4×4 matrix; <paramref name="lambda"/> = Σ b'·(R a').</summary>
    private static Mat3 HornRotation(ReadOnlySpan<double> s, out double lambda)
    {
        double sxx = s[0], sxy = s[1], sxz = s[2], syx = s[3], syy = s[4], syz = s[5], szx = s[6], szy = s[7], szz = s[8];
        Span<double> n =
        [
            sxx + syy + szz, syz - szy, szx - sxz, sxy - syx,
            syz - szy, sxx - syy - szz, sxy + syx, szx + sxz,
            szx - sxz, sxy + syx, -sxx + syy - szz, syz + szy,
            sxy - syx, szx + sxz, syz + szy, -sxx - syy + szz,
        ];
        Span<double> values = stackalloc double[4];
        Span<double> vectors = stackalloc double[16];
        SymmetricEigen.Decompose(n, 4, values, vectors);
        var best = 0;
        for (var k = 1; k < 4; k++)
        {
            if (values[k] > values[best])
            {
                best = k;
            }
        }

        lambda = values[best];
        double w = vectors[best], x = vectors[4 + best], y = vectors[8 + best], z = vectors[12 + best];
        var norm = Math.Sqrt((w * w) + (x * x) + (y * y) + (z * z));
        w /= norm;
        x /= norm;
        y /= norm;
        z /= norm;
        return new Mat3(
            1 - (2 * ((y * y) + (z * z))), 2 * ((x * y) - (w * z)), 2 * ((x * z) + (w * y)),
            2 * ((x * y) + (w * z)), 1 - (2 * ((x * x) + (z * z))), 2 * ((y * z) - (w * x)),
            2 * ((x * z) - (w * y)), 2 * ((y * z) + (w * x)), 1 - (2 * ((x * x) + (y * y))));
    }
}
