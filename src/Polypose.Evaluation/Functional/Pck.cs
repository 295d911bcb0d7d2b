using Polypose.Geometry;

namespace Polypose.Evaluation.Functional;

/// <summary>3D Percentage of Correct Keypoints.</summary>
public static class Pck
{
    /// <summary>
    /// The fraction (0–1) of compared joints whose error is at most <paramref name="threshold"/> mm (commonly 150 mm).
    /// Shapes: <paramref name="pred"/>, <paramref name="gt"/> [K] (mm), <paramref name="mask"/> [K] or empty (all).
    /// Invalid (count 0) when nothing is compared; the result's Value is the fraction.
    /// </summary>
    public static JointErrorResult Pck3d(ReadOnlySpan<Vec3> pred, ReadOnlySpan<Vec3> gt, ReadOnlySpan<bool> mask, double threshold = 150)
    {
        if (pred.Length != gt.Length || (!mask.IsEmpty && mask.Length != pred.Length))
        {
            throw new ArgumentException($"shape mismatch: pred [{pred.Length}], gt [{gt.Length}], mask [{mask.Length}]");
        }

        int hit = 0, n = 0;
        for (var i = 0; i < pred.Length; i++)
        {
            if (!mask.IsEmpty && !mask[i])
            {
                continue;
            }

            n++;
            if (Vec3.Distance(pred[i], gt[i]) <= threshold)
            {
                hit++;
            }
        }

        return n == 0 ? JointErrorResult.Invalid : new JointErrorResult((double)hit / n, n);
    }
}
