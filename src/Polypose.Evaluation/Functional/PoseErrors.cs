using Polypose.Geometry;

namespace Polypose.Evaluation.Functional;

/// <summary>
/// Pure joint-error functions on one pose pair. Shapes: <c>pred</c>, <c>gt</c> are [K] (K joints, world mm, z-up);
/// <c>mask</c> is [K] (true = compare this joint) or empty (compare all). Joints outside the mask are ignored, both
/// for the alignment fit and for the error.
/// </summary>
public static class PoseErrors
{
    /// <summary>
    /// Mean per-joint position error (mm) after the given <paramref name="alignment"/> of <paramref name="pred"/> onto
    /// <paramref name="gt"/>. With <see cref="Alignment.Procrustes"/> this is PA-MPJPE. Invalid when no joint is compared
    /// or a compared coordinate is not finite.
    /// </summary>
    public static JointErrorResult Mpjpe(
        ReadOnlySpan<Vec3> pred, ReadOnlySpan<Vec3> gt, ReadOnlySpan<bool> mask, Alignment alignment = Alignment.None)
    {
        if (!Procrustes.TryFit(pred, gt, mask, alignment, out var t))
        {
            return JointErrorResult.Invalid;
        }

        double sum = 0;
        var n = 0;
        for (var i = 0; i < pred.Length; i++)
        {
            if (mask.IsEmpty || mask[i])
            {
                sum += Vec3.Distance(t.Apply(pred[i]), gt[i]);
                n++;
            }
        }

        return new JointErrorResult(sum / n, n);
    }

    /// <summary>PA-MPJPE: <see cref="Mpjpe"/> with <see cref="Alignment.Procrustes"/>.</summary>
    public static JointErrorResult PaMpjpe(ReadOnlySpan<Vec3> pred, ReadOnlySpan<Vec3> gt, ReadOnlySpan<bool> mask) =>
        Mpjpe(pred, gt, mask, Alignment.Procrustes);

    /// <summary>
    /// Per-joint errors (mm) after alignment, written to <paramref name="destination"/> [K]; joints outside the mask get
    /// 0 and <paramref name="compared"/> [K] false. Returns the number of compared joints (0 = nothing written but zeros).
    /// </summary>
    public static int PerJoint(
        ReadOnlySpan<Vec3> pred,
        ReadOnlySpan<Vec3> gt,
        ReadOnlySpan<bool> mask,
        Alignment alignment,
        Span<double> destination,
        Span<bool> compared)
    {
        if (destination.Length < pred.Length || compared.Length < pred.Length)
        {
            throw new ArgumentException(
                $"destination [{destination.Length}] and compared [{compared.Length}] must hold the {pred.Length} joints");
        }

        destination[..pred.Length].Clear();
        compared[..pred.Length].Clear();
        if (!Procrustes.TryFit(pred, gt, mask, alignment, out var t))
        {
            return 0;
        }

        var n = 0;
        for (var i = 0; i < pred.Length; i++)
        {
            if (mask.IsEmpty || mask[i])
            {
                destination[i] = Vec3.Distance(t.Apply(pred[i]), gt[i]);
                compared[i] = true;
                n++;
            }
        }

        return n;
    }
}
